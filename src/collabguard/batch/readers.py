"""Reading batch input: CSV, XLSX, JSON Lines, or a folder of proposal files.

Every input row becomes one :class:`InputRow`, in input order, even when it cannot be read (it then
carries an error): no row is ever lost. A file that cannot be read at all raises ``InputError``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from collabguard.batch.columns import COLUMNS, key
from collabguard.errors import InputError
from collabguard.limits import DEFAULTS, limit

MAX_CELL = DEFAULTS["cell_chars"][1]  # characters in one cell, unless COLLABGUARD_MAX_CELL_CHARS says otherwise
csv.field_size_limit(2**31 - 1)  # cells are checked against the limit ourselves, with a clear message


@dataclass
class InputRow:
    number: int  # 1-based row (spreadsheets: the line in the file, header = 1) or line or file index
    label: str  # "row 7", "line 3", "proposals/x.yaml"
    cells: dict[str, str] | None = None  # flat spreadsheet cells, by our column names
    data: dict[str, Any] | None = None  # a proposal mapping (JSON Lines, folder)
    source: Path | None = None  # a proposal file (folder input)
    error: str | None = None
    notes: list[str] = field(default_factory=list)


def _decode(raw: bytes, path: Path) -> tuple[str, str | None]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), None
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), f"{path}: not UTF-8; read as Windows-1252 (Latin-1)"


def _header(names: list[str], mapping: dict[str, str], path: Path) -> list[str]:
    ours = [mapping.get(key(n), key(n)) for n in names]
    if "title" not in ours:
        raise InputError(f"{path}:1: no 'title' column (columns: {', '.join(names)}); map one with --columns THEIRS=title")
    return ours


def _cells(header: list[str], values: list[str], number: int, label: str) -> InputRow:
    row = InputRow(number, label)
    most = limit("cell_chars")
    big = next((h for h, v in zip(header, values, strict=False) if len(v) > most), None)
    if big is not None:
        row.error = f"{label}: column {big}: cell longer than {most:,} characters (COLLABGUARD_MAX_CELL_CHARS)"
        return row
    row.cells = {h: v for h, v in zip(header, values, strict=False) if h in COLUMNS}
    return row


def read_csv(path: Path, mapping: dict[str, str]) -> tuple[list[InputRow], list[str]]:
    text, note = _decode(path.read_bytes(), path)
    if not text.strip():
        raise InputError(f"{path}: file is empty")
    # Excel for Mac writes bare carriage returns; one kind of line end for the parser
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sample = text[:20000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    # the quote is always '"': a sniffed "'" would break every name like "'t Hooft"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"', doublequote=True, strict=True)
    rows = []
    try:
        names = next(reader)
        header = _header(names, mapping, path)
        start = reader.line_num + 1
        for values in reader:
            number, start = start, reader.line_num + 1  # the line the record starts on, as a spreadsheet shows it
            if not any(v.strip() for v in values):
                continue
            label = f"row {number}"
            if len(values) > len(header):
                row = InputRow(number, label, error=f"{label}: {len(values)} cells but {len(header)} columns "
                               "(an unquoted separator inside a cell?)")
                rows.append(row)
                continue
            rows.append(_cells(header, values, number, label))
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: cannot read the CSV ({exc}); is a quote left open?") from None
    unknown = sorted({n for n, ours in zip(names, header, strict=True) if ours not in COLUMNS and n.strip()})
    notes = [note] if note else []
    if unknown:
        notes.append(f"{path}: columns not used: {', '.join(unknown)} (map them with --columns THEIRS=ours)")
    return rows, notes


def read_xlsx(path: Path, mapping: dict[str, str]) -> tuple[list[InputRow], list[str]]:
    """The first sheet, as text. A formula's last computed value is used; a formula with no stored
    value (a file never opened in a spreadsheet program) is read as its text, never evaluated."""
    try:
        from openpyxl import load_workbook

        values_book = load_workbook(path, read_only=True, data_only=True)
        formula_book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - any failure to open is a broken file for the user
        raise InputError(f"{path}: cannot read the spreadsheet ({type(exc).__name__}); is it a valid .xlsx file?") from None
    pairs = zip(values_book.worksheets[0].iter_rows(values_only=True),
                formula_book.worksheets[0].iter_rows(values_only=True), strict=False)

    def text(values: tuple[Any, ...], formulas: tuple[Any, ...]) -> list[str]:
        return ["" if (v if v is not None else f) is None else str(v if v is not None else f)
                for v, f in zip(values, formulas, strict=False)]

    first = next(pairs, None)
    if first is None:
        raise InputError(f"{path}: the first sheet is empty")
    header = _header(text(*first), mapping, path)
    rows = []
    for number, (values, formulas) in enumerate(pairs, start=2):
        cells = text(values, formulas)
        if not any(c.strip() for c in cells):
            continue
        rows.append(_cells(header, cells, number, f"row {number}"))
    values_book.close()
    formula_book.close()
    return rows, []


def read_jsonl(path: Path) -> tuple[list[InputRow], list[str]]:
    text, note = _decode(path.read_bytes(), path)
    rows = []
    # split on line feeds only: U+2028 and friends may stand inside a JSON string
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not line.strip():
            continue
        row = InputRow(number, f"line {number}")
        if len(line) > limit("cell_chars") * 5:
            row.error = f"line {number}: longer than {limit('cell_chars') * 5:,} characters (COLLABGUARD_MAX_CELL_CHARS x 5)"
        else:
            try:
                data = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as exc:
                row.error = f"line {number}: invalid JSON: {getattr(exc, 'msg', 'nesting too deep')}"
            else:
                if isinstance(data, dict):
                    row.data = data
                else:
                    row.error = f"line {number}: a proposal must be a JSON object, not {type(data).__name__}"
        rows.append(row)
    return rows, [note] if note else []


def read_folder(path: Path) -> tuple[list[InputRow], list[str]]:
    files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json") and p.is_file())
    if not files:
        raise InputError(f"{path}: no proposal files (.yaml, .yml, .json) in this folder")
    return [InputRow(i, str(p), source=p) for i, p in enumerate(files, start=1)], []


def read_input(path: Path, mapping: dict[str, str]) -> tuple[list[InputRow], list[str]]:
    """All rows of a batch input, chosen by extension (or a folder); refused as a whole, before any
    screening, when it holds more rows than COLLABGUARD_MAX_BATCH_ROWS."""
    rows, notes = _read_any(path, mapping)
    most = limit("batch_rows")
    if len(rows) > most:
        raise InputError(f"{path}: {len(rows):,} rows, more than the limit of {most:,} (COLLABGUARD_MAX_BATCH_ROWS); "
                         "split the file or raise the limit")
    return rows, notes


def _read_any(path: Path, mapping: dict[str, str]) -> tuple[list[InputRow], list[str]]:
    if not path.exists():
        raise InputError(f"{path}: input not found")
    if path.is_dir():
        return read_folder(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, mapping)
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl(path)
    if suffix in (".csv", ".tsv", ".txt"):
        return read_csv(path, mapping)
    raise InputError(f"{path}: unknown input type {suffix or '(none)'}; use .csv, .xlsx, .jsonl or a folder of proposals")

