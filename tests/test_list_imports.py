"""Official downloads into the list schema; list editions compared; stored reports screened again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabguard.cli.main import app
from tests.conftest import EXAMPLES, REPO, RULES

runner = CliRunner()
FIXTURES = REPO / "tests" / "data" / "imports"


@pytest.mark.parametrize(
    ("fixture", "fmt", "names", "query", "country"),
    [
        ("csl.csv", "csl", ["Example Aerospace Academy", "Sample Photonics Institute"], "Example Air Force Academy", "CN"),
        ("opensanctions.csv", "opensanctions", ["Example Aerospace Academy", "Sample Photonics Institute"], "Example Aerospace Academy", "CN"),
        ("aspi.json", "aspi", ["Example Engineering University", "Sample Naval College"], "示例工程大学", "CN"),
    ],
)
def test_import_then_match_round_trip(tmp_path: Path, fixture: str, fmt: str, names: list[str], query: str, country: str) -> None:
    out = tmp_path / "imported.csv"
    result = runner.invoke(app, ["lists", "import", str(FIXTURES / fixture), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{len(names)} entries written" in result.output and "sha256:" in result.output
    import csv

    rows = list(csv.DictReader(out.open()))
    assert [r["name"] for r in rows] == names  # individuals are left out
    assert all(r["source_url"].startswith("https://") for r in rows)
    names_csv = tmp_path / "n.csv"
    names_csv.write_text(f"name,country\n{query},{country}\n")
    matched = json.loads(runner.invoke(app, ["match", str(names_csv), "--list", str(out), "-f", "json"]).output)
    assert matched[0]["decision"] == "match" and matched[0]["entity_name"] == names[0]


def test_a_wrong_format_is_one_clear_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["lists", "import", str(FIXTURES / "csl.csv"), "--format", "aspi", "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 2 and "not a aspi file" in result.output


def test_lists_diff_reports_added_removed_renamed(tmp_path: Path) -> None:
    header = "entity_id,name,name_local,aliases,acronyms,country,list_source,risk_level,category,source_url,source_date\n"
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    old.write_text(header + "a,Alpha Institute,,,,CN,x,,,https://e.org,2025\nb,Beta Academy,,,,RU,x,,,https://e.org,2025\n"
                   "c,Gamma University,,,,IR,x,,,https://e.org,2025\n")
    new.write_text(header + "a,Alpha Research Institute,,,,CN,x,,,https://e.org,2026\nc2,Gamma University,,,,IR,x,,,https://e.org,2026\n"
                   "d,Delta Laboratory,,,,CN,x,,,https://e.org,2026\n")
    out = runner.invoke(app, ["lists", "diff", str(old), str(new), "-f", "json"]).output
    changes = {(c["change"], c["name"]) for c in json.loads(out)}
    assert changes == {("renamed", "Alpha Research Institute"), ("added", "Delta Laboratory"), ("removed", "Beta Academy")}


def test_rescreen_finds_partners_newly_listed(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text(runner.invoke(app, ["screen", str(EXAMPLES / "innocent-lookalike.yaml"), "-f", "json"]).output)
    same = runner.invoke(app, ["rescreen", str(report), "--rules", str(RULES)])
    assert same.exit_code == 0 and "no new match" in same.output
    # an older report that missed a match the current lists make
    data = json.loads(report.read_text())
    data["screened_names"].append({"name": "Harbin Engineering University", "subject": "partner", "country": "CN"})
    report.write_text(json.dumps(data))
    newer = runner.invoke(app, ["rescreen", str(report), "--rules", str(RULES)])
    assert newer.exit_code == 1 and "Harbin Engineering University (partner) → Harbin Engineering University" in newer.output


def test_the_aspi_import_keeps_the_rating_where_the_copy_has_the_risk_statement(tmp_path: Path) -> None:
    # the first galaxy copies (2020-08-21) carry ASPI's risk statement in meta.risk; a later edition
    # re-rated is then a rating change that `lists diff` shows
    data = json.loads((FIXTURES / "aspi.json").read_text(encoding="utf-8"))
    data["values"][0]["meta"]["risk"] = "Example Engineering University is designated very high risk by ASPI."
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    first.write_text(json.dumps(data), encoding="utf-8")
    data["values"][0]["meta"]["risk"] = "Example Engineering University is designated low risk by ASPI."
    second.write_text(json.dumps(data), encoding="utf-8")
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    for src, out in ((first, old), (second, new)):
        assert runner.invoke(app, ["lists", "import", str(src), "-f", "aspi", "-o", str(out), "--id", "aspi-x"]).exit_code == 0
    import csv

    assert [r["risk_level"] for r in csv.DictReader(old.open(encoding="utf-8"))] == ["very high", ""]
    changes = json.loads(runner.invoke(app, ["lists", "diff", str(old), str(new), "-f", "json"]).output)
    assert changes == [{"change": "rating", "entity_id": "aspi-x-example-engineering-university", "name": "Example Engineering University",
                        "country": "CN", "old_name": "very high", "rating": "low"}]


def test_a_list_in_the_older_schema_still_loads_and_one_with_a_bad_kind_is_refused(tmp_path: Path) -> None:
    from collabguard.errors import RuleFileError
    from collabguard.lists.loader import load_list_file

    header = "entity_id,name,name_local,aliases,acronyms,country,list_source,risk_level,category,source_url,source_date"
    old = tmp_path / "old.csv"
    old.write_text(header + "\na,Alpha Institute,,,,CN,x,,,https://e.org,2025\n")
    loaded = load_list_file(old)
    assert [(e.name, e.kind, e.countries, e.legal_basis) for e in loaded.entities] == [("Alpha Institute", "institution", ("CN",), "")]
    bad = tmp_path / "bad.csv"
    bad.write_text(header + ",entity_kind\na,Alpha Institute,,,,CN,x,,,https://e.org,2025,vessel\n")
    with pytest.raises(RuleFileError, match=r"bad.csv:2: entity_kind: 'vessel' is not one of: organisation, person"):
        load_list_file(bad)


@pytest.mark.parametrize(("codes", "country"), [("ua-cri", "UA"), ("gb-sct;ru", "GB"), ("suhh;ru", "RU"), ("suhh", ""),
                                                 ("cn", "CN")])
def test_opensanctions_territory_codes_are_read_not_refused(tmp_path: Path, codes: str, country: str) -> None:
    """FollowTheMoney writes subdivisions (ua-cri, gb-sct) and former states (suhh) in `countries`: the
    subdivision counts as its country, a former state as unknown; the file is imported (issue 16)."""
    source = tmp_path / "targets.simple.csv"
    header = (FIXTURES / "opensanctions.csv").read_text(encoding="utf-8").splitlines()[0]
    source.write_text(f'{header}\n"x-1","Company","Example Shipyard","","","{codes}","","","","","","","Sanctions","","",""\n',
                      encoding="utf-8")
    out = tmp_path / "imported.csv"
    result = runner.invoke(app, ["lists", "import", str(source), "--format", "opensanctions", "-o", str(out)])
    assert result.exit_code == 0, result.output
    import csv

    [row] = list(csv.DictReader(out.open(encoding="utf-8")))
    assert row["country"] == country


@pytest.mark.parametrize("fmt", ["opensanctions", "csl"])
def test_a_quoted_field_never_closed_is_an_error_naming_its_line_not_lost_rows(tmp_path: Path, fmt: str) -> None:
    """Read leniently, Python's csv returns the rest of the file as one field: every row after an unclosed
    quote was silently lost. Now the import stops with the file and the line the broken record begins on."""
    lines = (FIXTURES / f"{fmt}.csv").read_text(encoding="utf-8").splitlines()
    broken = [lines[0], 'x-1,"Example Shipyard, never closed', *lines[1:]]  # every listed row after it
    source = tmp_path / f"{fmt}.csv"
    source.write_text("\n".join(broken) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["lists", "import", str(source), "--format", fmt, "-o", str(tmp_path / "out.csv")])
    assert result.exit_code != 0
    message = result.output.strip()
    assert f"{fmt}.csv" in message and "line 2:" in message and "not valid CSV" in message, message
    assert "Traceback" not in message and len(message.splitlines()) == 1
