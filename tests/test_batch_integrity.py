"""Batch integrity (issue #20): nothing lost or changed silently. Each test replays one attack of
the red-team pass, mostly on a damaged copy of examples/batch.csv, and pins what happens now: every
input row gets exactly one output row (an error row when it cannot be trusted), or the file is
refused with one line an officer can act on. The attacks on the files a run writes (overwritten
inputs, two runs at once, full disks, killed runs) are in test_batch_files.py."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabguard.cli.main import app
from tests.conftest import EXAMPLES

runner = CliRunner()
HEADER, *EXAMPLE_ROWS = (EXAMPLES / "batch.csv").read_text(encoding="utf-8-sig").splitlines()
SHORT_HEADER = "id,title,partners,partner_countries"


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["batch", *args, "--quiet"])


def results(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def example_with(changes: dict[int, tuple[str, str]]) -> list[str]:
    """examples/batch.csv's lines (header first), with ``{line number: (old, new)}`` replaced once."""
    lines = [HEADER, *EXAMPLE_ROWS]
    for number, (old, new) in changes.items():
        assert old in lines[number - 1]
        lines[number - 1] = lines[number - 1].replace(old, new, 1)
    return lines


# -- 1. one row in another encoding ---------------------------------------------------------------

def test_one_windows_1252_row_leaves_a_chinese_listed_partner_in_a_utf8_row_matched(tmp_path: Path) -> None:
    # row 3 names its partner in Chinese (UTF-8); row 5 was pasted from an old system (Windows-1252).
    # Before: the whole file was re-read as Windows-1252, 哈尔滨工程大学 became mojibake, risk none, exit 0.
    lines = example_with({3: ("Harbin Engineering University", "哈尔滨工程大学"),
                          5: ("Long-term outcomes after childhood cancer", "Seinverknader etter barnekreft i Tromsø")})
    src = tmp_path / "mixed.csv"
    src.write_bytes(b"".join(line.encode("cp1252" if n == 5 else "utf-8") + b"\n" for n, line in enumerate(lines, 1)))
    out = tmp_path / "out.csv"
    result = run(str(src), "-o", str(out))
    rows = results(out)
    assert [r["row"] for r in rows] == [str(n) for n in range(2, 10)]  # 8 rows in, 8 rows out
    by_id = {r["id"]: r for r in rows}
    listed = by_id["NTNU-2027-002"]
    assert listed["status"] == "ok" and listed["recommendation"] == "escalate"
    assert "哈尔滨工程大学 → Harbin Engineering University" in listed["matched_entities"]
    pasted = by_id["UIO-2027-004"]  # its text could only be guessed: not screened, and it says why
    assert pasted["status"] == "error" and "line 5 is not valid UTF-8 while the rest of the file is" in pasted["error"]
    assert "line 5: not valid UTF-8" in pasted["notes"]
    assert [r["status"] for r in rows].count("ok") == 7
    assert result.exit_code == 2
    assert "(1 row(s) not in the file's encoding, not screened)" in result.output  # the summary says it too


@pytest.mark.parametrize(("encoding", "status", "note"), [
    ("cp1252", "ok", "read as Windows-1252 (the file is not UTF-8)"),  # Excel's plain "CSV" on Western Windows
    ("gbk", "error", "neither UTF-8 nor Windows-1252"),  # Excel's "CSV" on Chinese Windows
])
def test_a_file_wholly_in_another_code_page_is_read_as_windows_1252_only_when_it_can_be(
        tmp_path: Path, encoding: str, status: str, note: str) -> None:
    name = "Universitetet i Tromsø" if encoding == "cp1252" else "哈尔滨工程大学"
    lines = example_with({3: ("Harbin Engineering University", name)})
    src = tmp_path / f"{encoding}.csv"
    src.write_bytes("\n".join(lines).encode(encoding) + b"\n")
    out = tmp_path / "out.csv"
    result = run(str(src), "-o", str(out))
    row = {r["id"]: r for r in results(out)}["NTNU-2027-002"]
    assert row["status"] == status and note in row["notes"]
    if status == "error":  # mojibake of a listed name would come out as an unknown partner: risk none
        assert "another code page, such as Chinese GBK or Cyrillic?" in row["error"] and result.exit_code == 2
    else:
        assert "(1 row(s) read as Windows-1252)" in result.output and result.exit_code == 0


# -- 2. a stray quote -------------------------------------------------------------------------------

def test_a_stray_quote_from_row_3_to_row_6_makes_each_swallowed_row_an_error_row(tmp_path: Path) -> None:
    # Before: lines 3-6 were read as one record, row 3 (Harbin Engineering University, listed) was
    # screened with row 6's partners, rows 4-6 vanished: "5 rows: 5 screened", exit 0.
    lines = example_with({3: (",Underwater", ',"Underwater'), 6: ("maritime surveillance,", 'maritime surveillance",')})
    src = tmp_path / "quote.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = run(str(src), "-o", str(out))
    assert result.exit_code == 2
    rows = results(out)
    assert [(r["row"], r["status"]) for r in rows] == [
        ("2", "ok"), ("3", "error"), ("4", "error"), ("5", "error"), ("6", "error"), ("7", "ok"), ("8", "ok"), ("9", "ok")]
    assert [r["id"] for r in rows[1:5]] == ["NTNU-2027-002", "UIO-2027-003", "UIO-2027-004", "NTNU-2027-005"]
    assert ("row 3: a quote opened in this row closes only on line 6, and line(s) 4, 5, 6 look like rows of their "
            "own: not screened (is a quote left open?") in rows[1]["error"]
    assert all("inside a quoted cell that opens in row 3" in r["error"] for r in rows[2:5])
    assert "is a quote left open?" in result.output and "8 rows: 4 screened, 4 with errors" in result.output


@pytest.mark.parametrize(("row_end", "rows"), [
    # Excel: a line break inside a cell is LF, rows end in CR LF: a line of the cell is never a row
    ("\r\n", [("2", "ok"), ("3", "ok"), *((str(n), "ok") for n in range(6, 12))]),
    # rows that end in LF like the cell's line break: the line that looks like a row is not silently swallowed
    ("\n", [("2", "ok"), ("3", "error"), ("4", "error"), *((str(n), "ok") for n in range(6, 12))]),
])
def test_a_cell_that_really_spans_lines_is_one_row_when_the_line_ends_tell_it_apart(
        tmp_path: Path, row_end: str, rows: list[tuple[str, str]]) -> None:
    abstract = "We develop synthetic aperture sonar processing for autonomous underwater vehicles."
    lines = example_with({3: (abstract, f'"Notes pasted from the call:\n{EXAMPLE_ROWS[0]}\nend of notes"')})
    src = tmp_path / "cell.csv"
    src.write_bytes(row_end.join(lines).encode() + row_end.encode())
    out = tmp_path / "out.csv"
    run(str(src), "-o", str(out))
    assert [(r["row"], r["status"]) for r in results(out)] == rows


# -- 6. row and column limits, counted while reading ----------------------------------------------

ROW = '<row><c t="inlineStr"><is><t>{0}</t></is></c><c t="inlineStr"><is><t>Sonar</t></is></c></row>'


def hostile_xlsx(path: Path, rows: list[str]) -> Path:
    """A workbook whose first sheet is the given <row> elements (written by hand, as an attacker would)."""
    from openpyxl import Workbook

    template = path.with_name("template.xlsx")
    Workbook().save(template)
    header = ROW.format("id").replace("Sonar", "title")
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             f'spreadsheetml/2006/main"><sheetData>{header}{"".join(rows)}</sheetData></worksheet>')
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, sheet if item.filename == "xl/worksheets/sheet1.xml" else src.read(item.filename))
    return path


@pytest.mark.parametrize(("row", "message"), [
    (ROW, "the first sheet has more than 1,000 rows, the limit (COLLABGUARD_MAX_BATCH_ROWS)"),  # counted before parsing
    # a row tag the count misses (">" may stand in an attribute) is still stopped at the limit as rows are read
    (ROW.replace("<row>", '<row x="/>">'), "reading stopped at row 1002"),
])
def test_an_xlsx_with_more_rows_than_the_limit_is_refused_at_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, row: str, message: str) -> None:
    monkeypatch.setenv("COLLABGUARD_MAX_BATCH_ROWS", "1000")
    src = hostile_xlsx(tmp_path / "many.xlsx", [row.format(f"R{i}") for i in range(5000)])
    out = tmp_path / "out.csv"
    result = run(str(src), "-o", str(out))
    assert result.exit_code == 2 and message in result.output and not out.exists()


def test_a_csv_over_the_row_limit_stops_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLABGUARD_MAX_BATCH_ROWS", "1000")
    src = tmp_path / "many.csv"
    src.write_text(SHORT_HEADER + "\n" + "".join(f"R{i},Sonar,Aarhus University,DK\n" for i in range(5000)))
    result = run(str(src), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 2 and "reading stopped at row 1002" in result.output


@pytest.mark.parametrize(("kind", "message"), [
    ("csv header", "wide.csv:1: 1,000,002 columns, more than the limit of 1,000 (COLLABGUARD_MAX_BATCH_COLUMNS)"),
    ("xlsx header", "wide.xlsx:1: 16,384 columns, more than the limit of 1,000 (COLLABGUARD_MAX_BATCH_COLUMNS)"),
    ("xlsx row", "wide.xlsx: row 2: more than 1,000 filled cells, the limit (COLLABGUARD_MAX_BATCH_COLUMNS)"),
])
def test_a_file_with_a_million_columns_gets_one_short_line(tmp_path: Path, kind: str, message: str) -> None:
    # before: the CSV's header names were listed in a note of 8.9 MB
    if kind == "csv header":
        src = tmp_path / "wide.csv"
        src.write_text("id,title," + ",".join(f"c{i}" for i in range(1_000_000)) + "\nW1,Sonar\n")
    elif kind == "xlsx header":
        far = '<c r="XFD1" t="inlineStr"><is><t>far</t></is></c>'
        src = hostile_xlsx(tmp_path / "wide.xlsx", [])
        with zipfile.ZipFile(src) as z:
            parts = {i.filename: z.read(i.filename) for i in z.infolist()}
        parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b"</row>", far.encode() + b"</row>", 1)
        with zipfile.ZipFile(src, "w") as z:
            for name, data in parts.items():
                z.writestr(name, data)
    else:
        cells = "".join(f'<c t="inlineStr"><is><t>{i}</t></is></c>' for i in range(2000))
        src = hostile_xlsx(tmp_path / "wide.xlsx", [f"<row>{cells}</row>"])
    out = tmp_path / "out.csv"
    result = run(str(src), "-o", str(out))
    assert result.exit_code == 2 and message in result.output and not out.exists()
    assert len(result.output) < 400 and result.output.count("\n") == 1


# -- 10. lists import -------------------------------------------------------------------------------

def test_lists_import_neutralises_formula_cells_in_the_list_it_writes(tmp_path: Path) -> None:
    src = tmp_path / "download.csv"
    src.write_text("entity_id,name,name_local,aliases,acronyms,country,source_url\n"
                   'x1,"=HYPERLINK(""https://evil.example/"",""Open"")",-2+3,@SUM(1)|+cmd,,CN,https://example.org/x1\n'
                   "x2,Harbin Engineering University,,,HEU,CN,https://example.org/x2\n")
    out = tmp_path / "imported.csv"
    result = runner.invoke(app, ["lists", "import", str(src), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["name"] == "'=HYPERLINK(\"https://evil.example/\",\"Open\")"
    assert rows[0]["name_local"] == "'-2+3" and rows[0]["aliases"] == "'@SUM(1)|+cmd"
    assert not [c for r in rows for c in r.values() if c[:1] in ("=", "+", "-", "@")]
    names = tmp_path / "names.csv"
    names.write_text("name,country\nHarbin Engineering University,CN\n")
    matched = json.loads(runner.invoke(app, ["match", str(names), "--list", str(out), "-f", "json"]).output)
    assert matched[0]["decision"] == "match"  # the list still works


# -- 14. duplicate keys, over-long cells, UTF-16 ----------------------------------------------------

PARTNER = '[{"name": "Aarhus University", "country": "DK"}]'


@pytest.mark.parametrize(("line", "row_id", "error"), [
    (f'{{"id": "D1", "title": "T", "partners": {PARTNER}, "partners": []}}', "D1", "duplicate key 'partners'"),
    ('{"id": "D2", "title": "T", "partners": [{"name": "Beihang University", "name": "Aarhus University"}]}',
     "D2", "duplicate key 'name'"),
    (f'{{"id": "D3", "id": "D4", "title": "T", "partners": {PARTNER}}}', "", "duplicate key 'id'"),
    (f'{{"id": "D5", "title": "{"x" * 60}", "partners": {PARTNER}}}', "D5", "line 1: title: longer than 50 characters"),
    (f'{{"id": "D6", "title": "T", "partners": [{{"name": "{"x" * 60}"}}]}}', "D6", "partners[0].name: longer than 50"),
    (f'{{"id": "D7", "title": "T", "abstract": "{"x" * 300}"}}', "D7", "longer than 250 characters"),
])
def test_json_lines_rows_with_a_duplicate_key_or_an_over_long_field_are_error_rows_that_keep_their_id(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str, row_id: str, error: str) -> None:
    monkeypatch.setenv("COLLABGUARD_MAX_CELL_CHARS", "50")
    src = tmp_path / "in.jsonl"
    src.write_text(line + "\n")
    out = tmp_path / "out.csv"
    assert run(str(src), "-o", str(out)).exit_code == 2
    [row] = results(out)
    assert row["status"] == "error" and row["id"] == row_id and error in row["error"]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_an_error_row_for_an_over_long_cell_keeps_its_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    monkeypatch.setenv("COLLABGUARD_MAX_CELL_CHARS", "50")
    cells = [["id", "title", "partners"], ["L1", "x" * 60, "Aarhus University"], ["L2", "Sonar", "Aarhus University"]]
    src = tmp_path / f"in.{suffix}"
    if suffix == "csv":
        src.write_text("".join(",".join(r) + "\n" for r in cells))
    else:
        from openpyxl import Workbook

        book = Workbook()
        for r in cells:
            book.active.append(r)
        book.save(src)
    out = tmp_path / "out.csv"
    assert run(str(src), "-o", str(out)).exit_code == 2
    rows = results(out)
    assert [(r["id"], r["status"]) for r in rows] == [("L1", "error"), ("L2", "ok")]
    assert "row 2: column title: cell longer than 50 characters" in rows[0]["error"]


@pytest.mark.parametrize(("encoding", "note"), [
    ("utf-16", None),  # with a byte-order mark: Excel's "Unicode text"
    ("utf-16-le", "UTF-16 without a byte-order mark; read as UTF-16 (little-endian)"),
    ("utf-16-be", "UTF-16 without a byte-order mark; read as UTF-16 (big-endian)"),
])
@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_utf_16_files_are_read_as_utf_16(tmp_path: Path, encoding: str, note: str | None, suffix: str) -> None:
    # before: without a byte-order mark, "no 'title' column (columns:  i d ,  t i t l e …)"
    text = (SHORT_HEADER + "\nU1,Sonar,哈尔滨工程大学,CN\n" if suffix == "csv" else
            '{"id": "U1", "title": "Sonar", "partners": [{"name": "哈尔滨工程大学", "country": "CN"}]}\n')
    src = tmp_path / f"in.{suffix}"
    src.write_bytes(text.encode(encoding))
    out = tmp_path / "out.csv"
    result = run(str(src), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Harbin Engineering University" in results(out)[0]["matched_entities"]
    assert (note in result.output) if note else ("note:" not in result.output)


@pytest.mark.parametrize(("data", "message"), [
    ((SHORT_HEADER + "\nU1,Sonar,Aarhus University,DK\n").encode("utf-16") + b"\x00",
     "bad.csv: this file is UTF-16 but not valid UTF-16 (line 3); save it as UTF-8 (in Excel: CSV UTF-8)"),
    ((SHORT_HEADER + "\n").encode("utf-32"), "bad.csv: this file is UTF-32, which collabguard does not read"),
])
def test_a_broken_utf_16_or_a_utf_32_file_is_refused_in_words(tmp_path: Path, data: bytes, message: str) -> None:
    src = tmp_path / "bad.csv"
    src.write_bytes(data)
    result = run(str(src), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 2 and message in result.output


def test_the_shipped_example_reads_unchanged() -> None:
    from collabguard.batch.readers import read_input

    rows, notes = read_input(EXAMPLES / "batch.csv", {})
    assert [r.number for r in rows] == list(range(2, 10)) and not notes and not any(r.error or r.notes for r in rows)
