"""`lists import --format ftm-json` (issue 16 item 5): OpenSanctions' FollowTheMoney entities file
(`entities.ftm.json`), read line by line, into the list schema: names, countries, addresses, the
sanctions' legal basis and dates kept; persons kept apart and never matched; every bad line one
`file:line: field: problem`."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.errors import InputError
from collabguard.lists.import_ftm import import_ftm
from tests.conftest import REPO

runner = CliRunner()
FTM = REPO / "tests" / "data" / "imports" / "opensanctions-entities.ftm.json"  # provenance: tests/data/imports/README.md
GOOD = '{"id":"trade-csl-1","schema":"Company","properties":{"name":["Example Trading Company"],"country":["cn"]},"target":true}'


def _import(tmp_path: Path, source: Path, *options: str) -> tuple[int, str, list[dict[str, str]]]:
    out = tmp_path / "imported.csv"
    result = runner.invoke(app, ["lists", "import", str(source), "--format", "ftm-json", "-o", str(out), *options])
    rows = list(csv.DictReader(out.open(encoding="utf-8"))) if result.exit_code == 0 else []
    return result.exit_code, result.output, rows


def _lines(tmp_path: Path, *lines: str | bytes) -> Path:
    path = tmp_path / "entities.ftm.json"
    path.write_bytes(b"".join((x if isinstance(x, bytes) else x.encode("utf-8")) + b"\n" for x in lines))
    return path


def _entity(schema: str, name: str, **props: list[str]) -> str:
    return json.dumps({"id": f"x-{name}", "schema": schema, "properties": {"name": [name], **props}, "target": True})


def test_the_listed_entities_of_the_file_become_entries_with_their_provenance(tmp_path: Path) -> None:
    code, output, rows = _import(tmp_path, FTM)
    assert code == 0, output
    assert "6 entries written" in output and "(4 organisations, 2 persons kept apart, never matched)" in output
    by_name = {r["name"]: r for r in rows}
    # the vessel (not an institution) and the owner that is not listed itself are left out
    assert set(by_name) == {"Northwestern Polytechnical University", "Cloudminds (Hong Kong) Limited",
                            "KOREA MINING DEVELOPMENT TRADING CORPORATION", "Joint Stock Company ‘Feodosia Optical Plant’",
                            "Fictional Person", "Sample Legal Person"}
    npu = by_name["Northwestern Polytechnical University"]
    assert npu["aliases"] == "Northwest Polytechnic University|Northwest Polytechnical University|Northwestern Polytechnic University"
    assert npu["acronyms"] == "NPU|NWPU"  # FtM weak aliases: kept as acronyms only
    assert npu["country"] == "CN" and npu["addresses"].startswith("127 Youyi Xilu, Xi'an 710072 Shaanxi, China|")
    assert npu["legal_basis"] == ("Entity List (EL) - Bureau of Industry and Security, 66 FR 24266; "
                                  "Government of Canada: Named Research Organizations")  # from the Sanction records
    assert (npu["date_added"], npu["source_date"], npu["measure"]) == ("2001-05-14", "2024-04-20", "Presumption of denial")
    assert npu["list_source"] == "OpenSanctions (ca_named_research_orgs, us_trade_csl)"
    assert npu["category"] == "Export controlled; Sanctioned" and npu["entity_kind"] == "organisation"
    hk = by_name["Cloudminds (Hong Kong) Limited"]
    assert (hk["country"], hk["countries"], hk["legal_basis"]) == ("HK", "CN|HK", "Entity List (EL) - Bureau of Industry and Security, 85 FR 34497")
    komid = by_name["KOREA MINING DEVELOPMENT TRADING CORPORATION"]
    assert (komid["acronyms"], komid["date_added"], komid["measure"]) == ("KOMID", "2009-04-24", "Asset freeze")
    assert komid["legal_basis"] == "United Nations Security Council: DPRK, KPe.001"
    assert komid["source_url"] == "https://main.un.org/securitycouncil/en/sanctions/1718/materials"  # the entity's sourceUrl
    crimea = by_name["Joint Stock Company ‘Feodosia Optical Plant’"]
    assert crimea["country"] == "UA"  # ua-cri, a territory of Ukraine
    assert crimea["addresses"] == "298112, Crimea, Feodosia, Kerchensky Lane, 8, Ukraine"  # from its Address record
    assert crimea["source_url"] == "https://www.opensanctions.org/entities/eu-fsf-fixture-feodosia/"
    assert {by_name[n]["entity_kind"] for n in ("Fictional Person", "Sample Legal Person")} == {"person"}
    assert by_name["Fictional Person"]["legal_basis"] == "OpenSanctions dataset eu_fsf"  # no Sanction record: the dataset


def test_a_partner_is_matched_and_a_person_never_is(tmp_path: Path) -> None:
    code, output, _ = _import(tmp_path, FTM)
    assert code == 0, output
    names = tmp_path / "partners.csv"
    names.write_text("name,country\nNorthwestern Polytechnical University,CN\nFictional Person,RU\nSample Legal Person,RU\n")
    result = runner.invoke(app, ["match", str(names), "--list", str(tmp_path / "imported.csv"), "-f", "json"])
    matched = {m["name"]: m for m in json.loads(result.output)}
    assert matched["Northwestern Polytechnical University"]["decision"] == "match"
    assert matched["Fictional Person"]["decision"] == "none" and matched["Sample Legal Person"]["decision"] == "none"


def test_sanction_and_address_records_are_found_wherever_they_stand(tmp_path: Path) -> None:
    """OpenSanctions sorts lines by id: a Sanction record may come before or after its entity."""
    forward = import_ftm(FTM, "os")
    backward = import_ftm(_lines(tmp_path, *reversed(FTM.read_text(encoding="utf-8").splitlines())), "os")
    assert sorted(forward, key=lambda r: r["entity_id"]) == sorted(backward, key=lambda r: r["entity_id"])


@pytest.mark.parametrize(
    ("entity", "kind", "country"),
    [
        (_entity("LegalEntity", "Sample Legal Person", topics=["role.pep"]), "person", ""),  # a person's topic
        (_entity("LegalEntity", "Sample Legal Person", nationality=["ru"]), "person", "RU"),  # a person's property
        # no evidence: an organisation, even with a name the list rule would read as a person's
        (_entity("LegalEntity", "Almaz Antey", country=["ru"]), "organisation", "RU"),
        (_entity("Company", "Example Shipyard", country=["suhh", "ru"]), "organisation", "RU"),  # a former state: unknown
        (_entity("PublicBody", "Example Ministry", jurisdiction=["gb-sct"]), "organisation", "GB"),
    ],
)
def test_persons_are_told_apart_by_evidence_and_territories_count_as_their_country(tmp_path: Path, entity: str, kind: str,
                                                                                   country: str) -> None:
    [row] = import_ftm(_lines(tmp_path, entity), "os")
    assert (row["entity_kind"], row["country"]) == (kind, country)


def test_a_file_without_target_keys_counts_every_entity_as_listed(tmp_path: Path) -> None:
    """Plain FollowTheMoney (ftm tools, Aleph exports) has no `target`: nothing is taken as unlisted."""
    plain = json.dumps({"id": "a", "schema": "Organization", "properties": {"name": ["Example Aerospace Academy"]}})
    assert [r["name"] for r in import_ftm(_lines(tmp_path, plain), "os")] == ["Example Aerospace Academy"]


DEEP = '{"id":"d","schema":"Company","properties":{"name":["x"]},"x":' + "[" * 100_000 + "]" * 100_000 + "}"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"id":"a","id":"b","schema":"Company"}', "invalid JSON: duplicate key 'id'"),
        ('{"id":"a","schema":"Company","n":' + "9" * 5000 + "}", "a number 5,000 digits long cannot be read"),
        (DEEP, "invalid JSON: nesting is too deep"),
        ('{"id":"a","schema":"Company","properties":{"name":"Example"}}', "properties.name: must be a list of texts, not a text"),
        ('{"id":"a","schema":"Company","properties":{"name":["Example",7]}}', "properties.name[1]: must be a text, not a number"),
        ('{"id":"a","schema":"Company","properties":{"sanctions":[{"id":"s"}]}}', "properties.sanctions[0]: an entity nested"),
        ('{"id":"a","properties":{"name":["Example"]}}', "schema: missing"),
        ('{"id":"a","schema":"Company","target":"yes","properties":{"name":["Example"]}}', "target: must be true or false, not a text"),
        ('{"id":"a","schema":"Company","datasets":"eu_fsf","properties":{"name":["Example"]}}', "datasets: must be a list of texts"),
        ('{"id":"a","schema":"Company","properties":{"country":["cn"]},"target":true}', "properties.name: missing"),
        ('["a","b"]', "an entity must be a JSON object, not a list"),
        ('{"id":"a","schema":"Company",', "invalid JSON: Expecting property name enclosed in double quotes (column 30)"),
        (b'{"id":"a","schema":"Company","properties":{"name":["Caf\xe9"]}}', "not valid UTF-8 text (byte 56 of the line)"),
    ],
)
def test_a_bad_line_is_one_line_naming_file_line_and_field(tmp_path: Path, line: str | bytes, problem: str) -> None:
    source = _lines(tmp_path, GOOD, line)
    code, output, _ = _import(tmp_path, source)
    assert code == 2, output
    [message] = output.strip().splitlines()
    assert message.startswith(f"error: {source}:2: ") and problem in message, message


def test_every_bad_line_is_counted_and_the_first_named(tmp_path: Path) -> None:
    source = _lines(tmp_path, GOOD, '{"id":"a"}', GOOD.replace("trade-csl-1", "trade-csl-2"), "{", '{"id":"b"}')
    with pytest.raises(InputError, match=rf"^{source}:2: schema: missing .* \(and 2 more line\(s\) with problems\)$"):
        import_ftm(source, "os")


def test_a_line_longer_than_the_limit_is_skipped_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLABGUARD_MAX_CELL_CHARS", "100")  # lines up to 500 bytes
    source = _lines(tmp_path, GOOD, _entity("Company", "Example " * 100), GOOD.replace("trade-csl-1", "trade-csl-2"))
    with pytest.raises(InputError, match=rf"^{source}:2: line longer than 500 bytes \(COLLABGUARD_MAX_CELL_CHARS x 5\)$"):
        import_ftm(source, "os")


@pytest.mark.parametrize(
    ("first", "problem"),
    [
        ('"id","schema","name","aliases"', "not a ftm-json file (one FollowTheMoney entity object per line): invalid JSON: Extra data"),
        ("[", "not a ftm-json file (one FollowTheMoney entity object per line): invalid JSON: Expecting value"),
    ],
)
def test_a_file_of_another_format_is_refused_at_its_first_line(tmp_path: Path, first: str, problem: str) -> None:
    source = _lines(tmp_path, first, GOOD)
    code, output, _ = _import(tmp_path, source)
    assert code == 2 and f"error: {source}:1: {problem}" in output


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    code, output, _ = _import(tmp_path, _lines(tmp_path, "", "  "))
    assert code == 2 and "no FollowTheMoney entity in this file" in output
