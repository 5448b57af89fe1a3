"""Reading ROR data dumps (issue #15 item 1): the zip ROR publishes on Zenodo, its schema-2 JSON
array, JSON Lines, schema 1.0 records; one record at a time, with one-line errors for broken files."""

from __future__ import annotations

import gzip
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from collabguard.errors import InputError
from collabguard.identifiers import ror_id
from collabguard.lists import ror_dump
from collabguard.lists.ror_dump import DumpReader, RorName, record_from_json
from tests.conftest import REPO

FIXTURES = REPO / "tests" / "data" / "ror"
ARRAY = FIXTURES / "v1.99-2026-01-02-ror-data_schema_v2.json"
V1_LINES = FIXTURES / "ror-records-v1.jsonl"


def published_zip(folder: Path) -> Path:
    """The dump as ROR publishes it: a zip with the schema-2 JSON, a schema-1 JSON and CSV files."""
    path = folder / "v1.99-2026-01-02-ror-data.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(ARRAY, ARRAY.name)
        zf.writestr("v1.99-2026-01-02-ror-data.json", "[]")  # the schema-1 file of releases up to v1.74
        zf.writestr("v1.99-2026-01-02-ror-data.csv", "id,name\n")
        zf.writestr("v1.99-2026-01-02-ror-data_schema_v2.csv", "id,names.types.ror_display\n")
    return path


def test_the_published_zip_is_read_from_its_schema_2_member_with_the_release_from_its_name(tmp_path: Path) -> None:
    dump = DumpReader(published_zip(tmp_path))
    records = list(dump)
    assert (dump.member, dump.release, dump.date) == (ARRAY.name, "v1.99", "2026-01-02")
    assert [r.ror_id for r in records] == ["https://ror.org/00wk2mp56", "https://ror.org/03smwa682"]
    beihang = records[0]
    assert beihang.display == "Beihang University"
    assert set(beihang.names) == {RorName("BUAA", "acronym"), RorName("Beihang University", "ror_display", "en"),
                                  RorName("Beijing University of Aeronautics and Astronautics", "alias", "en"),
                                  RorName("北京航空航天大学", "label", "zh")}
    assert (beihang.countries, beihang.status, beihang.wikidata) == (("CN",), "active", "Q2299797")
    assert "https://ror.org/03smwa682" in beihang.children
    assert records[1].parents == ("https://ror.org/00wk2mp56",)
    assert {(r.release, r.date) for r in records} == {("v1.99", "2026-01-02")}


def test_the_same_records_from_the_json_array_gzip_and_json_lines(tmp_path: Path) -> None:
    expected = list(DumpReader(ARRAY))
    gz = tmp_path / "v1.99-2026-01-02-ror-data_schema_v2.json.gz"
    gz.write_bytes(gzip.compress(ARRAY.read_bytes()))
    lines = tmp_path / "v1.99-2026-01-02-records.jsonl"
    lines.write_text("\n\n" + "\n".join(json.dumps(r) for r in json.loads(ARRAY.read_text(encoding="utf-8"))) + "\n")
    assert list(DumpReader(gz)) == expected
    assert list(DumpReader(lines)) == expected


def test_records_larger_than_the_read_buffer_are_decoded_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = list(DumpReader(ARRAY))
    monkeypatch.setattr(ror_dump, "CHUNK", 7)  # every record spans many reads
    assert list(DumpReader(ARRAY)) == expected


def test_a_schema_1_record_gives_the_same_kinds_of_names() -> None:
    (record,) = DumpReader(V1_LINES)
    assert (record.release, record.date) == ("v1.43", "")  # its release folder (_release_path); no date given
    assert record.display == "State Key Laboratory of Virtual Reality Technology and Systems"
    assert RorName("虚拟现实技术与系统国家重点实验室", "label", "zh") in record.names
    assert record.parents == ("https://ror.org/00wk2mp56",)  # "type": "Parent" in schema 1.0
    raw = json.loads(V1_LINES.read_text(encoding="utf-8"))
    raw["external_ids"]["Wikidata"] = {"preferred": None, "all": ["Q12345"]}  # schema 1.0's shape for Wikidata
    assert record_from_json(raw).wikidata == "Q12345"
    again = record_from_json(raw, "v9", "2026-06-23")  # the release folder wins over the dump's; the date is the data's
    assert (again.release, again.date) == ("v1.43", "2026-06-23")
    del raw["_release_path"]
    assert record_from_json(raw, "v9", "2026-06-23").release == "v9"


@pytest.mark.parametrize(("content", "message"), [
    ('[{"id": "https://ror.org/00wk2mp56"', r"record 1: not valid JSON .*cut short"),
    ("[" + ARRAY.read_text(encoding="utf-8")[1:].rsplit("]", 1)[0], r"ends after record 2 without its closing"),
    ('[{"id": "https://ror.org/00wk2mp56"} {"id": 1}]', r"after record 1: ',' or ']' expected"),
    ('{"id": 1}\n{"id": \n', r":2: not valid JSON"),
])
def test_a_broken_dump_is_one_line_naming_the_file_and_record(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "dump.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        list(DumpReader(path))
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_records_that_are_not_ror_records_are_counted_not_taken(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    real = json.loads(ARRAY.read_text(encoding="utf-8"))
    path.write_text(json.dumps([real[0], {"id": "https://ror.org/00wk2mp57"}, "text", real[1]]), encoding="utf-8")
    dump = DumpReader(path)
    assert [r.ror_id for r in dump] == ["https://ror.org/00wk2mp56", "https://ror.org/03smwa682"]
    assert (dump.count, dump.skipped) == (4, 2)
    assert "record 2: not a ROR record" in dump.problems[0] and "not a ROR id" in dump.problems[0]


def test_a_zip_without_one_ror_json_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "v1.99-2026-01-02-ror-data.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("readme.txt", "")
    with pytest.raises(InputError, match="expected one ROR JSON file in the zip, found 0"):
        DumpReader(empty)
    broken = tmp_path / "broken.zip"
    shutil.copy(ARRAY, broken)
    with pytest.raises(InputError, match="not a readable zip file"):
        DumpReader(broken)


@pytest.mark.parametrize(("text", "expected"), [
    ("https://ror.org/00wk2mp56", "https://ror.org/00wk2mp56"),
    ("ror.org/00WK2MP56/", "https://ror.org/00wk2mp56"),
    ("00wk2mp56", "https://ror.org/00wk2mp56"),
    ("00wk2mp57", None),  # one digit off: the checksum fails
    ("00wk2mp5", None),
    ("https://ror.org/00wl2mp56", None),  # l is not in Crockford's alphabet
])
def test_ror_ids_are_kept_as_urls_and_mistyped_ones_refused(text: str, expected: str | None) -> None:
    assert ror_id(text) == expected
