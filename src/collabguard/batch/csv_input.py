"""Reading a CSV batch input: one row per record, every record accounted for.

The rule for quoted cells that span lines. A quoted cell may hold line breaks (an abstract exported
from Excel). But a quote left open by mistake swallows the rows after it until the next quote, and
they would never be screened. So a record that spans lines is checked line by line: a line inside it
that, read on its own, is a complete row with the header's number of columns "looks like a row".
When one does, the record is not screened: its first row and every line that looks like a row each
become an error row naming the lines, so the adviser sees all of them and fixes the quote. A file
whose rows end in CR LF (Excel on Windows) and whose cells break lines with a bare LF (Excel's line
break inside a cell) is told apart by that alone: only a break like the row ends can start a row.

A record the CSV parser cannot read (a quote in the wrong place, a quote still open at the end of
the file) becomes an error row, and reading goes on with the next line.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain, pairwise
from pathlib import Path
from typing import Any

from collabguard.batch.lines import GUESSED_NOTE, Line, TextInput, unreadable
from collabguard.batch.rows import BlankRows, InputRow, RowLimit, cells_row, header, id_only, unused_columns_note
from collabguard.errors import InputError

SNIFF_CHARS = 20000
LISTED_LINES = 10


class _Feed:
    """The lines handed to the CSV parser, remembering those of the record being read."""

    def __init__(self, lines: Iterator[Line]) -> None:
        self._lines = lines
        self.record: list[Line] = []

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.record.append(line)
        return line.text + "\n"


@contextmanager
def _field_limit(size: int) -> Iterator[None]:
    """The csv module's own cell limit (process-wide), lifted while a batch file is read: cells are
    checked against COLLABGUARD_MAX_CELL_CHARS by the reader, which keeps the row and its id."""
    before = csv.field_size_limit()
    csv.field_size_limit(max(before, size))
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _alone(text: str, delimiter: str, strict: bool) -> list[str] | None:
    """A line parsed as a record of its own (None: it is not one)."""
    try:
        return next(csv.reader([text + "\n"], delimiter=delimiter, quotechar='"', doublequote=True, strict=strict), [])
    except csv.Error:
        return None


def _looks_like_rows(record: list[Line], width: int, delimiter: str, row_end: str) -> list[Line]:
    """The lines inside a multi-line record that would be complete rows on their own."""
    out = []
    for before, line in pairwise(record):
        if row_end == "\r\n" and before.ending != "\r\n":
            continue  # a line break inside a cell, where rows end otherwise (Excel: LF in a cell, CR LF between rows)
        cells = _alone(line.text, delimiter, strict=True)
        if cells is not None and width >= 2 and len(cells) == width and any(c.strip() for c in cells):
            out.append(line)
    return out


def _numbers(lines: list[Line]) -> str:
    shown = ", ".join(str(line.number) for line in lines[:LISTED_LINES])
    return shown + (f" … ({len(lines)} lines)" if len(lines) > LISTED_LINES else "")


def _broken(record: list[Line], swallowed: list[Line], problem: str | None, ours: list[str], delimiter: str) -> list[InputRow]:
    """Error rows for a record that cannot be trusted: its first line, and each line that looks like a row."""
    first, last = record[0], record[-1]
    if problem is None:
        how = f"a quote opened in this row closes only on line {last.number}"
    elif problem == "unexpected end of data":
        lines = f"line {first.number}" if first is last else f"lines {first.number}–{last.number}"
        how = f"a quote opened in this row is never closed ({lines})"
    else:
        lines = f"line {first.number}" if first is last else f"lines {first.number}–{last.number}"
        how = f"cannot read the CSV on {lines} ({problem})"
    if swallowed:
        message = (f"row {first.number}: {how}, and line(s) {_numbers(swallowed)} look like rows of their own: "
                   "not screened (is a quote left open? fix it and run again)")
    else:
        message = f"row {first.number}: {how}; not screened (is a quote left open or misplaced? fix it and run again)"
    rows = []
    for line in [first, *swallowed]:
        label = f"row {line.number}"
        text = (message if line is first else
                f"{label}: inside a quoted cell that opens in row {first.number}: not screened "
                f"(is a quote left open in row {first.number}?)")
        values = _alone(line.text, delimiter, strict=False) or []
        rows.append(InputRow(line.number, label, cells=id_only(ours, values), error=text))
    return rows


def _record_row(values: list[str], record: list[Line], ours: list[str]) -> InputRow:
    number = record[0].number
    label = f"row {number}"
    if len(values) > len(ours):
        return InputRow(number, label, cells=id_only(ours, values),
                        error=f"{label}: {len(values):,} cells but {len(ours):,} columns (an unquoted separator inside a cell?)")
    bad = [line for line in record if line.problem]
    if bad:
        return InputRow(number, label, cells=id_only(ours, values), notes=[f"line {bad[0].number}: {bad[0].problem}"],
                        error=unreadable(label, bad[0]))
    row = cells_row(ours, values, number, label)
    if any(line.guessed for line in record):
        row.notes.append(GUESSED_NOTE)
    return row


def _sniff(sample: str) -> str:
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
        return str(dialect.delimiter)
    except csv.Error:
        return ","


def read_csv(path: Path, mapping: dict[str, str]) -> tuple[list[InputRow], list[str]]:
    source = TextInput(path, split_cr=True)
    lines = source.lines()
    head: list[Line] = []
    size = 0
    for line in lines:
        head.append(line)
        size += len(line.text) + 1
        if size >= SNIFF_CHARS:
            break
    if not any(line.text.strip() for line in head) and size < SNIFF_CHARS:
        raise InputError(f"{path}: file is empty")
    # the quote is always '"': a sniffed "'" would break every name like "'t Hooft"
    delimiter = _sniff("\n".join(line.text for line in head))
    feed = _Feed(chain(head, lines))
    reader = csv.reader(feed, delimiter=delimiter, quotechar='"', doublequote=True, strict=True)
    with _field_limit(2**31 - 1):
        names: list[str] = []
        header_record: list[Line] = []
        while not any(n.strip() for n in names):
            try:
                names = next(reader)
            except StopIteration:
                raise InputError(f"{path}: file is empty") from None
            except csv.Error as exc:
                raise InputError(f"{path}:{feed.record[0].number}: cannot read the CSV header ({exc})") from None
            header_record, feed.record = feed.record, []
        ours = header(names, mapping, path, str(header_record[0].number))
        row_end = header_record[-1].ending
        rows: list[InputRow] = []
        count = RowLimit(path)
        blanks = BlankRows()
        while True:
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                record, feed.record = feed.record, []
                rows += [count.add(row) for row in blanks.before_filled()]  # an empty row before it is not at the end
                for row in _broken(record, _looks_like_rows(record, len(ours), delimiter, row_end), str(exc), ours, delimiter):
                    rows.append(count.add(row))
                continue
            record, feed.record = feed.record, []
            swallowed = _looks_like_rows(record, len(ours), delimiter, row_end) if len(record) > 1 else []
            if swallowed:
                rows += [count.add(row) for row in blanks.before_filled()]
                rows += [count.add(row) for row in _broken(record, swallowed, None, ours, delimiter)]
            elif any(v.strip() for v in values):
                rows += [count.add(row) for row in blanks.before_filled()]
                rows.append(count.add(_record_row(values, record, ours)))
            elif record:
                blanks.blank(record[0].number)
    notes = [source.note] if source.note else []
    return rows, notes + unused_columns_note(names, ours, path, rows) + blanks.notes(path)
