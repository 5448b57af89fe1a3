"""`collabguard batch`: every input row gets exactly one output row, in order; bad rows become
error rows; spreadsheets are safe to open; the output is written atomically."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabguard.batch.readers import MAX_CELL
from collabguard.cli.main import app
from tests.conftest import EXAMPLES

runner = CliRunner()
HEADER = "id,title,partners,partner_countries,home_country\n"


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["batch", *args, "--quiet"])


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_shipped_batch_example(tmp_path: Path) -> None:
    out, html = tmp_path / "results.csv", tmp_path / "summary.html"
    result = run(str(EXAMPLES / "batch.csv"), "-o", str(out), "--report", str(html))
    assert result.exit_code == 0, result.output
    rows = read_csv(out)
    assert [r["id"] for r in rows] == [f"{p}-{n:03d}" for p, n in [("UIB-2027", 1), ("NTNU-2027", 2), ("UIO-2027", 3),
                                       ("UIO-2027", 4), ("NTNU-2027", 5), ("UIT-2027", 6), ("UIB-2027", 7), ("NMBU-2027", 8)]]
    by_id = {r["id"]: r for r in rows}
    assert by_id["NTNU-2027-002"]["recommendation"] == "escalate"
    assert "Harbin Engineering University" in by_id["NTNU-2027-002"]["matched_entities"]
    assert by_id["UIO-2027-003"]["matched_entities"] == ""  # Sichuan Normal University is not listed
    assert by_id["UIB-2027-001"]["recommendation"] == "proceed"
    page = html.read_text()
    assert "5 to review first" in page and "Harbin Engineering University → Harbin Engineering University [" in page


def test_bad_rows_become_error_rows_and_no_row_is_lost(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(
        HEADER
        + "A1,Fine,Aarhus University,DK,NO\n"
        + "A2,,Aarhus University,DK,NO\n"  # no title
        + "A3,Partners only separators,; ;,DK,NO\n"  # no partner, no personnel
        + "A4,Unknown country,Aarhus University,Narnia,NO\n"
        + "A1,Duplicate id,Aarhus University,DK,NO\n"
        + f"A6,Huge cell,{'x' * (MAX_CELL + 1)},DK,NO\n"
        + "A7,Namibia,University of Namibia,NA,NO\n"  # NA is Namibia, not a missing value
    )
    out = tmp_path / "out.csv"
    result = run(str(src), "-o", str(out))
    assert result.exit_code == 2
    rows = read_csv(out)
    assert [r["status"] for r in rows] == ["ok", "error", "error", "error", "error", "error", "ok"]
    errors = [r["error"] for r in rows]
    assert "row 3: title: is empty" in errors[1]
    assert "no partners and no personnel" in errors[2]
    assert "unknown country 'Narnia'" in errors[3]
    assert "duplicate 'A1' (first in row 2)" in errors[4]
    assert "cell longer than" in errors[5]
    assert rows[6]["id"] == "A7"


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_csv_in_latin_1_or_utf_16(tmp_path: Path, encoding: str) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes((HEADER + "B1,Samarbeid om havforskning i Tromsø,Aarhus University,DK,NO\n").encode(encoding))
    out = tmp_path / "out.csv"
    result = run(str(src), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert read_csv(out)[0]["status"] == "ok"


def test_semicolon_csv_from_norwegian_excel_and_column_mapping(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("Saksnummer;Prosjekttittel;Partnere;Land\nC1;Sonar research;Harbin Engineering University;CN\n")
    out = tmp_path / "out.json"
    result = run(str(src), "-o", str(out), "--columns", "Saksnummer=id", "--columns", "Prosjekttittel=title",
                 "--columns", "Partnere=partners", "--columns", "Land=partner_countries")
    assert result.exit_code == 0, result.output
    rows = json.loads(out.read_text())
    assert rows[0]["id"] == "C1" and rows[0]["report"]["flags"]


def test_a_file_that_cannot_be_read_is_one_line_and_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "in.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a workbook")
    result = run(str(broken), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 2 and "cannot read the spreadsheet" in result.output and "Traceback" not in result.output
    no_title = tmp_path / "nt.csv"
    no_title.write_text("id,name\n1,x\n")
    result = run(str(no_title), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 2 and "nt.csv:1: no 'title' column" in result.output


def test_xlsx_in_and_out_with_formulas_neutralised(tmp_path: Path) -> None:
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["id", "title", "partners", "partner_countries"])
    sheet.append(["=1+1", "Hostile title", "=HYPERLINK(\"http://x\")", "CN"])
    sheet.append(["X2", "Sonar", "Harbin Engineering University", "CN"])
    src = tmp_path / "in.xlsx"
    book.save(src)
    out = tmp_path / "out.xlsx"
    result = run(str(src), "-o", str(out))
    assert result.exit_code == 0, result.output
    cells = [[c.value for c in row] for row in load_workbook(out).active.iter_rows()]
    header = cells[0]
    first = dict(zip(header, cells[1], strict=True))
    assert str(first["id"]).startswith("'=")  # shown as text, never run as a formula
    assert all(not (isinstance(v, str) and v.startswith("=")) for row in cells for v in row)


def test_jsonl_in_jsonl_out_and_a_folder_of_proposals(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "J1", "title": "T", "partners": [{"name": "Beihang University", "country": "CN"}]}\n'
                   "not json\n")
    out = tmp_path / "out.jsonl"
    assert run(str(src), "-o", str(out)).exit_code == 2
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [x["status"] for x in lines] == ["ok", "error"] and "invalid JSON" in lines[1]["error"]
    folder_out = tmp_path / "folder.csv"
    assert run(str(EXAMPLES), "-o", str(folder_out)).exit_code == 0
    assert len(read_csv(folder_out)) == len(list(EXAMPLES.glob("*.yaml")))


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_parallel_workers_give_the_same_rows_in_the_same_order(tmp_path: Path, suffix: str) -> None:
    # byte-identical output whatever the number of workers, in CSV and in JSON Lines (full reports)
    src = tmp_path / "in.csv"
    lines = [f"P{i},Project {i} on synthetic aperture sonar,{'Harbin Engineering University' if i % 3 else 'Aarhus University'},"
             f"{'CN' if i % 3 else 'DK'},NO\n" for i in range(120)]
    src.write_text(HEADER + "".join(lines))
    one, two = tmp_path / f"one.{suffix}", tmp_path / f"two.{suffix}"
    assert run(str(src), "-o", str(one)).exit_code == 0
    assert run(str(src), "-o", str(two), "--jobs", "2").exit_code == 0
    assert one.read_bytes() == two.read_bytes()


def test_fail_on_and_no_temporary_files_left(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert run(str(EXAMPLES / "batch.csv"), "-o", str(out), "--fail-on", "high").exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
    assert run(str(EXAMPLES / "batch.csv"), "-o", str(tmp_path / "out.pdf")).exit_code == 2
