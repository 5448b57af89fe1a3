"""One input row of a batch, and the checks every reader applies while it reads: the header, the
size of each cell, and the number of rows and columns (counted as rows stream in, so a hostile file
is refused at the limit, never after it has all been read)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from collabguard.batch.columns import COLUMNS, key
from collabguard.errors import InputError
from collabguard.limits import limit

NOTE_NAMES = 20  # names listed in a note (then "… and N more")
NOTE_NAME_CHARS = 60  # characters of one name shown in a note


@dataclass
class InputRow:
    number: int  # 1-based row (spreadsheets: the line in the file, header = 1) or line or file index
    label: str  # "row 7", "line 3", "proposals/x.yaml"
    cells: dict[str, str] | None = None  # flat spreadsheet cells, by our column names (an error row: the id only)
    data: dict[str, Any] | None = None  # a proposal mapping (JSON Lines, folder)
    source: Path | None = None  # a proposal file (folder input)
    error: str | None = None
    notes: list[str] = field(default_factory=list)


def check_columns(count: int, path: Path, where: str) -> None:
    """Refuse a header wider than COLLABGUARD_MAX_BATCH_COLUMNS (before its names are used anywhere)."""
    most = limit("batch_columns")
    if count > most:
        raise InputError(f"{path}:{where}: {count:,} columns, more than the limit of {most:,} (COLLABGUARD_MAX_BATCH_COLUMNS); "
                         "remove the empty or unused columns, or raise the limit")


def header(names: list[str], mapping: dict[str, str], path: Path, where: str = "1") -> list[str]:
    """Our column name for each of the file's header names; the file is refused without a title."""
    check_columns(len(names), path, where)
    ours = [mapping.get(key(n), key(n)) for n in names]
    if "title" not in ours:
        shown = short_list([n for n in names if n.strip()])
        raise InputError(f"{path}:{where}: no 'title' column (columns: {shown}); map one with --columns THEIRS=title")
    return ours


def short_list(names: list[str]) -> str:
    """At most NOTE_NAMES names of at most NOTE_NAME_CHARS characters each: a note stays one readable line."""
    shown = [n if len(n) <= NOTE_NAME_CHARS else n[:NOTE_NAME_CHARS - 1] + "…" for n in names[:NOTE_NAMES]]
    more = f" … and {len(names) - NOTE_NAMES:,} more" if len(names) > NOTE_NAMES else ""
    return ", ".join(shown) + more


def unused_columns_note(names: list[str], ours: list[str], path: Path, rows: list[InputRow] | None = None) -> list[str]:
    """The file's columns collabguard does not read (a misspelt "partnrs" weakens every row): a note for
    the run, and the same in each row's notes, so the output file says it too."""
    unknown = sorted({n for n, o in zip(names, ours, strict=True) if o not in COLUMNS and n.strip()})
    if not unknown:
        return []
    note = f"columns not used: {short_list(unknown)} (map them with --columns THEIRS=ours)"
    for row in rows or ():
        row.notes.append(note)
    return [f"{path}: {note}"]


def id_only(ours: list[str], values: list[str]) -> dict[str, str] | None:
    """The id cell alone, for an error row (so the row can still be found by its id)."""
    for column, value in zip(ours, values, strict=False):
        if column == "id" and len(value) <= NOTE_NAME_CHARS * 4:
            return {"id": value}
    return None


def cells_row(ours: list[str], values: list[str], number: int, label: str) -> InputRow:
    """A spreadsheet row; a cell longer than COLLABGUARD_MAX_CELL_CHARS makes it an error row (id kept)."""
    row = InputRow(number, label)
    most = limit("cell_chars")
    big = next((h for h, v in zip(ours, values, strict=False) if len(v) > most), None)
    if big is not None:
        row.error = f"{label}: column {big}: cell longer than {most:,} characters (COLLABGUARD_MAX_CELL_CHARS)"
        row.cells = id_only(ours, values)
        return row
    row.cells = {h: v for h, v in zip(ours, values, strict=False) if h in COLUMNS}
    return row


class BlankRows:
    """Empty rows between filled ones: each gets an error row (every input row gets an output row, and
    a blank line inside the data often means a paste went wrong). Empty rows after the last filled one
    are left out, with a note: spreadsheet programs write them."""

    def __init__(self) -> None:
        self.pending: list[int] = []

    def blank(self, number: int) -> None:
        self.pending.append(number)

    def before_filled(self) -> list[InputRow]:
        rows = [InputRow(n, f"row {n}", error=f"row {n}: empty row: nothing to screen (delete the row, or fill it in)")
                for n in self.pending]
        self.pending = []
        return rows

    def notes(self, path: Path) -> list[str]:
        if not self.pending:
            return []
        n = len(self.pending)
        return [f"{path}: {n} empty row{'s' if n != 1 else ''} at the end of the file left out"]


class RowLimit:
    """Counts rows as a reader produces them and refuses the file at the first row over the limit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.most = limit("batch_rows")
        self.count = 0

    def add(self, row: InputRow) -> InputRow:
        self.count += 1
        if self.count > self.most:
            raise InputError(f"{self.path}: more than the limit of {self.most:,} (COLLABGUARD_MAX_BATCH_ROWS) rows; "
                             f"reading stopped at {row.label}; split the file or raise the limit")
        return row
