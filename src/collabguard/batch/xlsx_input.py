"""Reading an XLSX batch input: the first sheet, streamed cell by cell.

The sheet's XML is read as a stream, so that a small file cannot make collabguard build what it
describes: the dimension the file declares is not trusted (it may claim a million rows, or fewer
rows than it holds), rows are counted as they come (COLLABGUARD_MAX_BATCH_ROWS), and a row with more
filled cells than COLLABGUARD_MAX_BATCH_COLUMNS stops the reading at once. Cells are decoded by
openpyxl's own cell parser: a formula's last computed value is used; a formula with no stored value
(a file never opened in a spreadsheet program) is read as its text, never evaluated.

openpyxl's ``load_workbook`` is not used: even in read-only mode it parses a whole sheet that does not
declare its size, before a single row can be counted. The workbook's parts (shared strings, styles
for dates, the list of sheets) are read with openpyxl's own readers, and the sheet is streamed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from zipfile import ZipFile

from collabguard.batch.rows import BlankRows, InputRow, RowLimit, cells_row, check_columns, header, unused_columns_note
from collabguard.errors import InputError
from collabguard.limits import limit

# a row start tag with cells to come (not self-closing), with or without a namespace prefix
ROW_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row(?:\s[^>]*)?(?<!/)>")
SCAN_BLOCK = 1 << 20
SCAN_OVERLAP = 4096  # the longest tag carried over a block boundary


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(getattr(value, "text", value))  # an array formula keeps its text in .text


@dataclass
class _Sheet:
    """The first worksheet of a workbook, and what its cells need: shared strings, date styles."""

    archive: ZipFile
    part: str  # the sheet's XML inside the archive
    strings: Any
    epoch: Any
    date_formats: Any
    timedelta_formats: Any

    def open(self) -> IO[bytes]:
        return self.archive.open(self.part)


def _first_sheet(path: Path) -> _Sheet:
    from openpyxl.reader.excel import ExcelReader  # type: ignore[import-untyped]
    from openpyxl.styles.stylesheet import apply_stylesheet  # type: ignore[import-untyped]

    reader = ExcelReader(path, read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        for _sheet, rel in reader.parser.find_sheets():
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type:
                book = reader.wb
                return _Sheet(reader.archive, rel.target, reader.shared_strings, book.epoch, book._date_formats,
                              book._timedelta_formats)
    except BaseException:
        reader.archive.close()
        raise
    reader.archive.close()
    raise InputError(f"{path}: no worksheet in this workbook")


def _sheet_rows(sheet: _Sheet, path: Path) -> Iterator[tuple[int, dict[int, str]]]:
    """(row number, {column: text}) for each row with a filled cell, in sheet order."""
    from openpyxl.worksheet._reader import (  # type: ignore[import-untyped]  # openpyxl's own cell parser
        CELL_TAG,
        FORMULA_TAG,
        ROW_TAG,
        WorkSheetParser,
    )
    from openpyxl.xml.functions import iterparse  # type: ignore[import-untyped]

    def parser(data_only: bool) -> Any:
        return WorkSheetParser(None, sheet.strings, data_only=data_only, epoch=sheet.epoch,
                               date_formats=sheet.date_formats, timedelta_formats=sheet.timedelta_formats)

    values, formulas = parser(True), parser(False)
    most = limit("batch_columns")
    number = 0
    cells: dict[int, str] = {}
    open_elements: list[Any] = []
    in_cell = False
    with sheet.open() as src:
        for event, element in iterparse(src, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == ROW_TAG:
                    r = element.get("r")
                    declared = int(float(r)) if r else number + 1
                    if declared <= number:  # results are kept by row number: two rows must never share one
                        raise InputError(f"{path}: row {declared} comes after row {number} in the sheet (a damaged "
                                         "file); open it in a spreadsheet program, save it and run again")
                    number = declared
                    values.row_counter, values.col_counter = number, 0
                    cells = {}
                elif tag == CELL_TAG:
                    in_cell = True
                open_elements.append(element)
                continue
            open_elements.pop()
            if tag == CELL_TAG:
                in_cell = False
                got = values.parse_cell(element)
                value = got["value"]
                if element.find(FORMULA_TAG) is not None:  # read always: a shared formula's first cell defines it
                    formulas.row_counter, formulas.col_counter = number, values.col_counter - 1
                    formula = formulas.parse_cell(element)["value"]
                    value = formula if value is None else value
                text = _text(value)
                if text != "":
                    cells[got["column"]] = text
                    if len(cells) > most:
                        raise InputError(f"{path}: row {number}: more than {most:,} filled cells, the limit "
                                         "(COLLABGUARD_MAX_BATCH_COLUMNS); reading stopped")
            elif tag == ROW_TAG and cells:
                yield number, cells
            if open_elements and not in_cell:
                del open_elements[-1][-1]  # the element just read: a row of a million cells is never held


def _count_rows(sheet: _Sheet, path: Path) -> None:
    """Refuse a sheet with more rows than the limit before parsing a cell: its row tags are counted
    in the raw XML (about 1 s for a million rows, against a minute and more to parse them). Rows
    without cells (``<row …/>``, a formatted empty row) do not count. This is the fast path only: a
    file that hides rows from the count is still stopped at the limit as its rows are read."""
    most = limit("batch_rows") + 1  # and the header
    count, tail = 0, b""
    with sheet.open() as src:
        while block := src.read(SCAN_BLOCK):
            data = tail + block
            cut = data.rfind(b"<")  # a tag may go on in the next block ("<" never stands inside a tag)
            if cut < 0 or len(data) - cut > SCAN_OVERLAP:
                cut = len(data)
            count += len(ROW_START.findall(data, 0, cut))
            tail = data[cut:]
            if count > most:
                break
        count += len(ROW_START.findall(tail))
    if count > most:
        raise InputError(f"{path}: the first sheet has more than {most - 1:,} rows, the limit "
                         "(COLLABGUARD_MAX_BATCH_ROWS); split the file or raise the limit")


def read_xlsx(path: Path, mapping: dict[str, str]) -> tuple[list[InputRow], list[str]]:
    try:
        sheet = _first_sheet(path)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure to open is a broken file for the user
        raise InputError(f"{path}: cannot read the spreadsheet ({type(exc).__name__}); is it a valid .xlsx file?") from None
    rows: list[InputRow] = []
    count = RowLimit(path)
    blanks = BlankRows()
    last = 0  # the last row read that was filled (or the header)
    names: list[str] = []
    ours: list[str] = []
    number = 0
    try:
        _count_rows(sheet, path)
        for number, cells in _sheet_rows(sheet, path):
            if not ours:
                width = max(cells)  # the last filled column, however far right (a cell at XFD1 says 16,384)
                check_columns(width, path, str(number))
                names = [cells.get(c, "") for c in range(1, width + 1)]
                ours = header(names, mapping, path, str(number))
                last = number
                continue
            values = [cells.get(c, "") for c in range(1, len(ours) + 1)]
            if any(v.strip() for v in values):
                for empty in range(last + 1, number):  # rows the sheet leaves out, or holds without a value
                    blanks.blank(empty)
                rows += [count.add(row) for row in blanks.before_filled()]
                rows.append(count.add(cells_row(ours, values, number, f"row {number}")))
                last = number
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged sheet is a broken file for the user
        raise InputError(f"{path}: cannot read the spreadsheet near row {number + 1} ({type(exc).__name__}); "
                         "is it a valid .xlsx file?") from None
    finally:
        sheet.archive.close()
    if not ours:
        raise InputError(f"{path}: the first sheet is empty")
    return rows, unused_columns_note(names, ours, path, rows)
