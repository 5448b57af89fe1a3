"""`collabguard match NAMES`: one row per input row, in order; --list with shipped ids or CSV files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from collabguard.cli.main import app
from tests.conftest import RULES

runner = CliRunner()
HEADER = "entity_id,name,name_local,aliases,acronyms,country,list_source,risk_level,category,source_url,source_date\n"


def test_csv_output_has_one_row_per_input_row_in_order(tmp_path: Path) -> None:
    names = tmp_path / "names.csv"
    names.write_text(
        "Name,Country\n"
        "Harbin Institute of Technology,CN\n"
        ",CN\n"  # empty name: a row with decision none and a note
        "Sichuan Normal University,CN\n"
        '"=HYPERLINK(""http://x"")",NA\n'  # a formula and Namibia's code
        "北京航空航天大学,CN\n"
        "Harbin Institute of Technology,Narnia\n"
    )
    result = runner.invoke(app, ["match", str(names), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))  # the note on the empty row goes to stderr
    assert [r["decision"] for r in rows] == ["match", "none", "none", "none", "match", "possible"]
    assert [r["status"] for r in rows] == ["ok", "error", "ok", "ok", "ok", "ok"]
    assert rows[0]["lists_matched"] == "aspi-cdut|ca-nro|us-bis-entity|us-dod-1286"  # on the Entity List too
    assert rows[1]["note"] == "row 3: empty name"
    assert rows[3]["name"].startswith("'=")  # neutralised for spreadsheets
    assert rows[3]["country"] == "NA"
    assert "unknown country 'Narnia' ignored" in rows[5]["note"]


def test_names_from_stdin_and_json_with_every_list(tmp_path: Path) -> None:
    result = runner.invoke(app, ["match", "-", "--format", "json"], input="Sharif University of Technology\tIR\n\nUSC\tUS\n")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert len(rows) == 2
    assert {x["list"] for x in rows[0]["results"]} >= {"ca-nro", "us-dod-1286", "aspi-cdut"}
    assert rows[1]["decision"] == "none"


def test_only_the_lists_asked_for(tmp_path: Path) -> None:
    names = tmp_path / "n.csv"
    names.write_text("name,country\nHarbin Institute of Technology,CN\n")
    rows = json.loads(runner.invoke(app, ["match", str(names), "--list", "ca-nro", "-f", "json"]).output)
    assert [x["list"] for x in rows[0]["results"]] == ["ca-nro"]


def test_a_user_list_csv_in_the_shipped_schema(tmp_path: Path) -> None:
    mylist = tmp_path / "partners-of-concern.csv"
    mylist.write_text(HEADER + "mine-1,Example Institute of Applied Acoustics,,EIAA Lab,EIAA,CN,My office,,,https://example.org/l,2026-11-01\n")
    names = tmp_path / "n.csv"
    names.write_text("name,country\nExample Institute of Applied Acoustics,CN\nHarbin Institute of Technology,CN\n")
    result = runner.invoke(app, ["match", str(names), "--list", str(mylist), "--list", "ca-nro", "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert (rows[0]["decision"], rows[0]["list"]) == ("match", "partners-of-concern")
    assert (rows[1]["decision"], rows[1]["list"]) == ("match", "ca-nro")


def test_a_bad_list_file_names_file_row_and_column(tmp_path: Path) -> None:
    names = tmp_path / "n.csv"
    names.write_text("name\nX\n")
    missing = tmp_path / "missing-cols.csv"
    missing.write_text("entity_id,name\nx,Y\n")
    result = runner.invoke(app, ["match", str(names), "--list", str(missing)])
    assert result.exit_code == 2 and "missing-cols.csv:1: missing column(s): name_local" in result.output
    dup = tmp_path / "dup.csv"
    dup.write_text(HEADER + "a,One,,,,CN,x,,,https://e.org,2026\na,Two,,,,CN,x,,,https://e.org,2026\nb,,,,,CN,x,,,https://e.org,2026\n")
    result = runner.invoke(app, ["match", str(names), "--list", str(dup)])
    assert result.exit_code == 2
    assert "dup.csv:3: entity_id: duplicate 'a' (first on row 2)" in result.output
    assert "dup.csv:4: name: empty" in result.output


def test_a_names_file_without_a_name_column_is_refused(tmp_path: Path) -> None:
    names = tmp_path / "n.csv"
    names.write_text("institution,country\nX,CN\n")
    result = runner.invoke(app, ["match", str(names)])
    assert result.exit_code == 2 and "n.csv:1: no 'name' column" in result.output


def test_an_unknown_list_id_is_a_usage_error(tmp_path: Path) -> None:
    names = tmp_path / "n.csv"
    names.write_text("name\nX\n")
    result = runner.invoke(app, ["match", str(names), "--list", "no-such-list"])
    assert result.exit_code == 2 and "unknown list 'no-such-list'" in result.output


def test_lists_show_reports_editions_and_gaps() -> None:
    out = runner.invoke(app, ["lists", "show", "--rules", str(RULES)]).output
    assert "ca-nro" in out and "PARTIAL" in out and "not checked" in out


def test_many_names_give_the_same_results_in_one_or_two_processes_and_repeats_are_matched_once(tmp_path: Path) -> None:
    from collabguard.matching.batch import MIN_PARALLEL, NameRow, match_rows
    from collabguard.ruleset import get_ruleset

    with open(Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "devset.csv", encoding="utf-8") as fh:
        queries = list(dict.fromkeys((r["query"], r["country"] or None) for r in csv.DictReader(fh)))[: MIN_PARALLEL + 100]
    rows = [NameRow(i + 1, n, c) for i, (n, c) in enumerate(queries + queries[:50])]  # 50 repeated rows
    matcher = get_ruleset(RULES).matcher
    one, two = match_rows(rows, matcher, jobs=1), match_rows(rows, matcher, jobs=2)
    assert json.dumps(one, ensure_ascii=False) == json.dumps(two, ensure_ascii=False)
    assert len(one) == len(rows) and [r["name"] for r in one] == [r.name for r in rows]
    assert one[-50:] == one[:50]
    assert sum(r["decision"] != "none" for r in one) > 100  # real hits among them, not only empty results
