"""Traps a newcomer fell into (issue 14, item 8), each pinned: a misspelt file name screened as a text,
names whose characters a spreadsheet lost, empty rows that vanished, misspelt columns only on the
terminal, and `--columns` read in two directions."""

from __future__ import annotations

import csv
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
