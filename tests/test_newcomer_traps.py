"""Traps a newcomer fell into (issue 14, item 8), each pinned: a misspelt file name screened as a text,
names whose characters a spreadsheet lost, empty rows that vanished, misspelt columns only on the
terminal, `--columns` read in two directions, the README's Cristin/NVA `stats` example counting no work,
and error messages that hid problems behind a count or repeated their row. (Names given to `match` as
arguments: tests/test_match_stream.py.)"""

from __future__ import annotations

import csv
import json
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.cli.stats_cmd import parse_columns

runner = CliRunner()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_a_misspelt_file_name_is_an_error_not_a_harmless_text(tmp_path: Path) -> None:
    result = runner.invoke(app, ["areas", str(tmp_path / "proposl.yaml")])
    assert result.exit_code == 2 and "file not found" in result.output
    assert "no sensitive technology area found" not in result.output


def test_areas_reads_a_text_from_stdin() -> None:
    result = runner.invoke(app, ["areas", "-"], input="atom interferometry for inertial navigation\n")
    assert result.exit_code == 0 and "ca-stra.sensing.atom-interferometry" in result.output


def test_a_quoted_text_is_still_a_text() -> None:
    result = runner.invoke(app, ["areas", "hypersonic glide vehicles"])
    assert result.exit_code == 0 and "file not found" not in result.output


@pytest.mark.parametrize("name", ["????????", "Harbin ?????? University", "\ufffd\ufffd\ufffd\ufffd"])
def test_a_name_whose_characters_were_lost_is_a_row_error_naming_the_cause(tmp_path: Path, name: str) -> None:
    source = tmp_path / "excel.csv"
    source.write_text(f"id,title,partners,partner_countries\nR1,Batteries,{name},CN\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 2
    [row] = _rows(out)
    assert row["status"] == "error" and "has lost its characters" in row["error"] and "CSV UTF-8" in row["error"]


def test_a_question_mark_in_a_name_is_not_a_lost_character(tmp_path: Path) -> None:
    source = tmp_path / "ok.csv"
    source.write_text("id,title,partners,partner_countries\nR1,Why? A study,University of Tokyo,JP\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0


def test_an_empty_row_between_filled_ones_gets_an_output_row(tmp_path: Path) -> None:
    source = tmp_path / "gaps.csv"
    source.write_text("id,title,partners,partner_countries\nR1,One,University of Tokyo,JP\n,,,\n"
                      "R3,Three,University of Oslo,NO\n,,,\n\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    rows = _rows(out)
    assert [(r["row"], r["status"]) for r in rows] == [("2", "ok"), ("3", "error"), ("4", "ok")]
    assert "empty row" in rows[1]["error"]
    assert "2 empty rows at the end of the file left out" in result.output


def test_an_empty_row_in_a_spreadsheet_gets_an_output_row(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "title", "partners", "partner_countries"])
    sheet.append(["R1", "One", "University of Tokyo", "JP"])
    sheet.append([])
    sheet.append(["R3", "Three", "University of Oslo", "NO"])
    source = tmp_path / "gaps.xlsx"
    book.save(source)
    out = tmp_path / "out.csv"
    runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert [(r["row"], r["status"]) for r in _rows(out)] == [("2", "ok"), ("3", "error"), ("4", "ok")]


def test_a_misspelt_column_is_named_in_every_row_of_the_output(tmp_path: Path) -> None:
    source = tmp_path / "typo.csv"
    source.write_text("id,title,partners,partnr_countries\nR1,One,University of Tokyo,JP\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    runner.invoke(app, ["batch", str(source), "-o", str(out)])
    [row] = _rows(out)
    assert "columns not used: partnr_countries" in row["notes"]


@pytest.mark.parametrize("spec", ["Land=countries,Årstall=year", "countries=Land,year=Årstall"])
def test_stats_columns_read_their_header_first_as_batch_does_and_still_take_the_old_order(spec: str) -> None:
    assert parse_columns(spec) == {"countries": "Land", "year": "Årstall"}


def test_the_summary_says_one_row(tmp_path: Path) -> None:
    source = tmp_path / "one.csv"
    source.write_text("id,title,partners,partner_countries\nR1,One,University of Tokyo,JP\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert "1 row: 1 screened" in result.output


# --- the README's Cristin/NVA example counts every work of a table with no document type ----------

def _readme_cristin_columns() -> list[str]:
    """The `--columns …` the README gives for a Cristin/NVA table, exactly as written there."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    [span] = [s for s in re.findall(r"`([^`]+)`", readme[readme.index("For Cristin/NVA"):][:600]) if "--columns" in s]
    words = shlex.split(span)
    return words[words.index("--columns"):][:2]


def _cristin_export(tmp_path: Path, with_type: bool = False) -> Path:
    """A Cristin/NVA table as Norwegian Excel saves it: ';' between cells, Windows-1252."""
    path = tmp_path / "cristin.csv"
    head = "Id;Årstall;Tittel;Land" + (";Kategori" if with_type else "")
    rows = ["101;2022;Sjøis og klima;Norge|Kina", "102;2023;Batterikjemi;Norge|Kina|Tyskland", "103;2024;Havbruk;Norge",
            "104;2024;Polarforskning;Norge|Kina"]
    types = [";Article", ";Review", ";Book", ";Article"] if with_type else [""] * 4
    path.write_bytes(("\n".join([head] + [r + t for r, t in zip(rows, types, strict=True)]) + "\n").encode("cp1252"))
    return path


def test_the_readme_cristin_example_counts_every_work_and_says_so(tmp_path: Path) -> None:
    export = _cristin_export(tmp_path)
    args = ["stats", str(export), *_readme_cristin_columns(), "--country", "CN"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "4 works counted" in result.stdout and "Partner country China (CN): 3 works" in result.stdout
    assert f"note: {export} gives no document type: all its works are counted" in result.stdout
    data = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert data["works"] == 4 and data["data_quality"]["all_types_counted"] == [str(export)]
    assert data["data_quality"]["excluded_type"] == 0


def test_a_table_with_a_type_column_still_counts_articles_and_reviews_only(tmp_path: Path) -> None:
    export = _cristin_export(tmp_path, with_type=True)
    option, mapping = _readme_cristin_columns()
    result = runner.invoke(app, ["stats", str(export), option, mapping + ",Kategori=doc_type", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["works"] == 3 and data["data_quality"]["excluded_type"] == 1
    assert data["data_quality"]["all_types_counted"] == []


def test_a_plain_csv_without_a_countries_column_shows_the_columns_option_their_header_first(tmp_path: Path) -> None:
    export = tmp_path / "nva.csv"
    export.write_text("Id;Årstall;Tittel;Land\n1;2024;X;Norge\n", encoding="utf-8")
    result = runner.invoke(app, ["stats", str(export), "--columns", "Id=id"])
    assert result.exit_code == 2 and "--columns YOUR_HEADER=countries" in result.output
    assert parse_columns("Land=countries") == {"countries": "Land"}  # the direction the message shows


# --- error messages show every problem, each prefix once ---------------------------------------------

def test_a_batch_row_with_two_problems_shows_both(tmp_path: Path) -> None:
    source = tmp_path / "two.csv"
    source.write_text("id,title,partners,partner_countries\nR1,,Example Institute,Narnia\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    [row] = _rows(out)
    assert row["error"].startswith("row 2: title: is empty; partners[0].country: unknown country 'Narnia'")
    assert "more problem" not in row["error"] and "more problem" not in result.output
    assert row["error"].count("row 2:") == 1


def test_a_jsonl_line_with_two_problems_shows_both(tmp_path: Path) -> None:
    source = tmp_path / "p.jsonl"
    source.write_text('{"id": "a", "title": "", "partners": [{"name": "X", "country": "Atlantis"}]}\n', encoding="utf-8")
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert "line 1: title: is empty; partners[0].country: unknown country 'Atlantis'" in result.output


def test_the_batch_summary_names_each_row_once(tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    source.write_text("id,title,partners,partner_countries\nR1,One,X;Y,CN;RU;IR\nR2,Two,X,CN\n", encoding="utf-8")
    report = tmp_path / "summary.html"
    runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--report", str(report)])
    html = report.read_text(encoding="utf-8")
    assert "<li>row 2: One — partner_countries: 3 values for 2 names" in html
    assert not re.search(r"row (\d+)\b[^<]*row \1:", html)


def test_an_empty_row_before_a_broken_quote_is_kept_and_not_said_to_be_at_the_end(tmp_path: Path) -> None:
    source = tmp_path / "quote.csv"
    source.write_text('id,title,partners,partner_countries\nR1,One,University of Tokyo,JP\n,,,\nR3,"Three,X,NO\n',
                      encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    rows = _rows(out)
    assert [(r["row"], r["status"]) for r in rows] == [("2", "ok"), ("3", "error"), ("4", "error")]
    assert "empty row" in rows[1]["error"] and "at the end of the file" not in result.output
    assert rows[2]["error"].startswith("row 4: a quote opened in this row is never closed (line 4)")


def test_a_rule_file_with_many_problems_shows_the_first_three_in_full_and_counts_the_rest() -> None:
    from collabguard.errors import RuleFileError

    problems = [f"packs/x.yaml:{n}:3: rules[{n}].severity: unknown severity 'hgh'" for n in range(5)]
    text = str(RuleFileError(problems))
    assert text == "; ".join(problems[:3]) + " (and 2 more problems)"
    assert str(RuleFileError(problems[:2])) == "; ".join(problems[:2])
