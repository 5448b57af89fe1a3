"""`lists import --format opensanctions|ftm-json --dataset/--topic/--schema` (issue 16 item 5): an
office imports the part of an OpenSanctions download it means to screen against, sees what each
filter dropped, and a mistyped filter value is an error naming it, never a silently empty list."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabguard.cli.main import app
from tests.conftest import REPO

runner = CliRunner()
FIXTURES = REPO / "tests" / "data" / "imports"
SIMPLE = FIXTURES / "opensanctions.csv"  # targets.simple.csv: 2 organisations, 1 person
FTM = FIXTURES / "opensanctions-entities.ftm.json"  # 7 listed entities: 4 organisations, 2 persons, 1 vessel
CA_NRO = "Canadian Named Research Organizations list"


def _import(tmp_path: Path, source: Path, fmt: str, *options: str) -> tuple[int, str, list[dict[str, str]]]:
    out = tmp_path / "imported.csv"
    result = runner.invoke(app, ["lists", "import", str(source), "--format", fmt, "-o", str(out), *options])
    rows = list(csv.DictReader(out.open(encoding="utf-8"))) if result.exit_code == 0 else []
    return result.exit_code, result.output, rows


@pytest.mark.parametrize(
    ("source", "fmt", "options", "names"),
    [
        # targets.simple.csv: the dataset column holds titles
        (SIMPLE, "opensanctions", ["--dataset", CA_NRO], ["Example Aerospace Academy"]),
        (SIMPLE, "opensanctions", ["--dataset", CA_NRO.upper()], ["Example Aerospace Academy"]),  # letter case aside
        (SIMPLE, "opensanctions", ["--dataset", CA_NRO, "--dataset", "US Special Legislation"],
         ["Example Aerospace Academy", "Sample Photonics Institute"]),  # repeated: any of them
        (SIMPLE, "opensanctions", ["--schema", "Company"], ["Sample Photonics Institute"]),
        # entities.ftm.json: datasets are names
        (FTM, "ftm-json", ["--dataset", "us_trade_csl"], ["Northwestern Polytechnical University", "Cloudminds (Hong Kong) Limited"]),
        (FTM, "ftm-json", ["--topic", "export.control"], ["Northwestern Polytechnical University"]),
        (FTM, "ftm-json", ["--dataset", "eu_fsf", "--schema", "LegalEntity"],  # every filter must match
         ["Joint Stock Company ‘Feodosia Optical Plant’", "Sample Legal Person"]),
        (FTM, "ftm-json", ["--schema", "Organization", "--schema", "LegalEntity", "--topic", "sanction", "--dataset", "us_trade_csl"],
         ["Northwestern Polytechnical University", "Cloudminds (Hong Kong) Limited"]),
    ],
)
def test_filters_keep_the_entities_that_match_every_filter(tmp_path: Path, source: Path, fmt: str, options: list[str],
                                                           names: list[str]) -> None:
    code, output, rows = _import(tmp_path, source, fmt, *options)
    assert code == 0, output
    assert [r["name"] for r in rows] == names


def test_the_summary_says_how_many_each_filter_dropped(tmp_path: Path) -> None:
    code, output, _ = _import(tmp_path, FTM, "ftm-json", "--dataset", "us_trade_csl", "--dataset", "eu_fsf", "--topic", "sanction",
                              "--schema", "Organization")
    assert code == 0, output
    # 7 listed entities: KOMID is in neither dataset; Person, LegalEntity x2 and the vessel are not Organizations
    assert ("filters: 1 of 7 listed entities kept; dropped: 1 not in --dataset us_trade_csl, eu_fsf; "
            "0 not in --topic sanction; 5 not in --schema Organization") in output
    assert "1 entries written" in output and "(only --dataset us_trade_csl, eu_fsf; --topic sanction; --schema Organization)" in output


def test_an_import_without_filters_says_nothing_about_filters(tmp_path: Path) -> None:
    code, output, rows = _import(tmp_path, SIMPLE, "opensanctions")
    assert code == 0 and len(rows) == 2
    assert "filters:" not in output and "(only" not in output


@pytest.mark.parametrize(
    ("source", "fmt", "options", "message"),
    [
        (FTM, "ftm-json", ["--dataset", "us_bis_el"],
         "--dataset 'us_bis_el': no entity of this file has it; datasets in it: "),
        (FTM, "ftm-json", ["--schema", "Organisation"],  # the British spelling: FtM writes Organization
         "--schema 'Organisation': no entity of this file has it; schemas in it: 'Organization'"),
        (FTM, "ftm-json", ["--topic", "export.control", "--topic", "export-control"],
         "--topic 'export-control': no entity of this file has it; topics in it: 'export.control'"),
        (SIMPLE, "opensanctions", ["--dataset", "ca_named_research_orgs"],  # a name where the CSV has titles
         f"--dataset 'ca_named_research_orgs': no entity of this file has it; datasets in it: '{CA_NRO}'"),
    ],
)
def test_an_unknown_filter_value_is_one_line_naming_it_and_what_exists(tmp_path: Path, source: Path, fmt: str,
                                                                      options: list[str], message: str) -> None:
    code, output, _ = _import(tmp_path, source, fmt, *options)
    assert code == 2
    [line] = output.strip().splitlines()
    assert line.startswith(f"error: {source}: ") and message in line
    if "us_bis_el" in line:
        assert all(d in line for d in ("'us_trade_csl'", "'eu_fsf'", "'un_sc_sanctions'", "'ca_named_research_orgs'"))


def test_a_topic_filter_on_a_csv_without_topics_points_to_the_ftm_export(tmp_path: Path) -> None:
    code, output, _ = _import(tmp_path, SIMPLE, "opensanctions", "--topic", "sanction")
    assert code == 2
    assert "--topic: this targets.simple.csv has no topics column" in output and "--format ftm-json" in output


def test_a_topics_column_is_filtered_when_the_csv_has_one(tmp_path: Path) -> None:
    """OpenSanctions' targets.simple-02.csv variant has a `topics` column."""
    source = tmp_path / "targets.simple-02.csv"
    source.write_text('"id","schema","name","aliases","countries","topics","dataset","last_change"\n'
                      '"a","Organization","Example Aerospace Academy","","cn","export.control;sanction","NRO",""\n'
                      '"b","Company","Sample Trading Company","","ru","sanction","SDN",""\n', encoding="utf-8")
    code, output, rows = _import(tmp_path, source, "opensanctions", "--topic", "export.control")
    assert code == 0, output
    assert [r["name"] for r in rows] == ["Example Aerospace Academy"]
    assert "1 not in --topic export.control" in output


def test_filters_are_refused_for_formats_that_are_not_opensanctions(tmp_path: Path) -> None:
    code, output, _ = _import(tmp_path, FIXTURES / "csl.csv", "csl", "--dataset", "Entity List")
    assert code == 2 and "--dataset, --topic and --schema filter OpenSanctions downloads" in output


def test_filters_that_leave_no_organisation_say_so(tmp_path: Path) -> None:
    code, output, _ = _import(tmp_path, FTM, "ftm-json", "--schema", "Person")
    assert code == 2 and "no organisations found in this ftm-json file with --schema Person" in output


@pytest.mark.parametrize(
    ("options", "complete"),
    [
        (["--dataset", "us_trade_csl"], True),  # one dataset, whole: as complete as the dataset
        (["--dataset", "us_trade_csl", "--topic", "export.control"], False),  # part of it: a miss proves nothing
        (["--schema", "Organization"], False),
    ],
)
def test_a_list_cut_by_topic_or_schema_is_entered_as_partial(tmp_path: Path, options: list[str], complete: bool) -> None:
    code, output, _ = _import(tmp_path, FTM, "ftm-json", *options)
    assert code == 0, output
    assert f"complete: {'true' if complete else 'false'}" in output
    assert ("PARTIAL: only the entities kept by" in output) is not complete


def _cell(values: list[str]) -> str:
    """A multi-value cell as OpenSanctions' exporter writes it (simplecsv.py `concat_values`)."""
    out = io.StringIO()
    csv.writer(out, dialect=csv.unix_dialect, delimiter=";", lineterminator="", quoting=csv.QUOTE_MINIMAL).writerow(sorted(values))
    return out.getvalue()


def test_multi_value_cells_are_read_as_the_exporter_quotes_them(tmp_path: Path) -> None:
    """The exporter quotes a value holding a `;` or a double quote inside its cell: the alias
    LLC "Inter Tobacco" comes back as written, not with its quotes doubled or cut at the `;`."""
    source = tmp_path / "targets.simple.csv"
    header = next(csv.reader([SIMPLE.read_text(encoding="utf-8").splitlines()[0]]))
    row = dict.fromkeys(header, "")
    row.update({"id": "x-1", "schema": "Organization", "name": "Inter Tobacco", "aliases": _cell(['LLC "Inter Tobacco"', "ITC"]),
                "countries": _cell(["by"]), "addresses": _cell(["Minsk; Belarus"]),
                "dataset": _cell(["EU Financial Sanctions Files (FSF)", "US OFAC Specially Designated Nationals (SDN) List"])})
    with source.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, dialect=csv.unix_dialect)
        writer.writerow(header)
        writer.writerow([row[c] for c in header])
    code, output, [imported] = _import(tmp_path, source, "opensanctions", "--dataset", "EU Financial Sanctions Files (FSF)")
    assert code == 0, output
    assert (imported["aliases"], imported["acronyms"], imported["addresses"]) == ('LLC "Inter Tobacco"', "ITC", "Minsk; Belarus")


def test_a_legal_entity_with_a_birth_date_is_a_person_and_left_out(tmp_path: Path) -> None:
    source = tmp_path / "targets.simple.csv"
    header = SIMPLE.read_text(encoding="utf-8").splitlines()[0]
    source.write_text(f'{header}\n"x-1","LegalEntity","Sample Legal Person","","1961-03-02","ru","","","","","","","Sanctions","","",""\n'
                      '"x-2","LegalEntity","Joint Stock Company Example Plant","","","ua-cri","","","","","","","Sanctions","","",""\n',
                      encoding="utf-8")
    code, output, rows = _import(tmp_path, source, "opensanctions")
    assert code == 0, output
    assert [(r["name"], r["country"]) for r in rows] == [("Joint Stock Company Example Plant", "UA")]
