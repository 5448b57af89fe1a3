"""Reading batch input: CSV, XLSX, JSON Lines, or a folder of proposal files.

Every input row becomes one :class:`InputRow`, in input order, even when it cannot be read (it then
carries an error): no row is ever lost. A file that cannot be read at all raises ``InputError``, and
so does one with more rows than COLLABGUARD_MAX_BATCH_ROWS: rows are counted as they are read, and
reading stops at the first row over the limit.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from collabguard.batch.lines import GUESSED_NOTE, TextInput, unreadable
from collabguard.batch.rows import InputRow, RowLimit
from collabguard.errors import InputError
from collabguard.io.json_text import DuplicateKey, json_problem, no_duplicates
from collabguard.limits import DEFAULTS, limit

__all__ = ["MAX_CELL", "InputRow", "read_input"]

MAX_CELL = DEFAULTS["cell_chars"][1]  # characters in one cell, unless COLLABGUARD_MAX_CELL_CHARS says otherwise
LEADING_ID = re.compile(r'\s*\{\s*"id"\s*:\s*("(?:[^"\\\n]|\\.){0,240}"|-?[0-9]{1,30})\s*[,}]')


def _leading_id(text: str) -> dict[str, Any] | None:
    """The id of a line too long to parse, when it is the object's first key (as exports put it)."""
    found = LEADING_ID.match(text)
    try:
        return {"id": json.loads(found.group(1))} if found else None
    except ValueError:  # a broken escape
        return None


def _long_string(data: Any, most: int, where: str = "") -> str | None:
    """The first field (``partners[0].name``) whose text is longer than ``most`` characters."""
    if isinstance(data, str):
        return where or "value" if len(data) > most else None
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for name, value in items:
        inner = f"{where}[{name}]" if isinstance(name, int) else f"{where}.{name}" if where else str(name)
        found = _long_string(value, most, inner)
        if found:
            return found
    return None


def _json_row(number: int, text: str) -> InputRow:
    label = f"line {number}"
    row = InputRow(number, label)
    most = limit("cell_chars") * 5
    if len(text) > most:
        row.error = f"{label}: longer than {most:,} characters (COLLABGUARD_MAX_CELL_CHARS x 5)"
        row.data = _leading_id(text)  # kept so the error row can be found by its id
        return row
    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except DuplicateKey as exc:  # the README promises it: a key given twice is refused, never "the last one wins"
        key = str(exc)
        row.error = f"{label}: duplicate key {key!r}: give each field once"
        if key != "id":
            loose = json.loads(text)
            if isinstance(loose, dict) and isinstance(loose.get("id"), str | int):
                row.data = {"id": loose["id"]}  # kept so the error row can be found by its id
        return row
    except (ValueError, RecursionError) as exc:  # not JSON, nested too deep, a number too long to read
        row.error = f"{label}: {json_problem(exc, text)[1]}"
        return row
    if not isinstance(data, dict):
        row.error = f"{label}: a proposal must be a JSON object, not {type(data).__name__}"
        return row
    try:
        long = _long_string(data, limit("cell_chars"))
    except RecursionError:
        row.error = f"{label}: invalid JSON: nesting is too deep"
        return row
    if long is not None:  # as a spreadsheet cell: an error row that keeps its id
        row.error = f"{label}: {long}: longer than {limit('cell_chars'):,} characters (COLLABGUARD_MAX_CELL_CHARS)"
        ident = data.get("id")
        row.data = {"id": ident} if isinstance(ident, str | int) and long != "id" else None
        return row
    row.data = data
    return row


def read_jsonl(path: Path) -> tuple[list[InputRow], list[str]]:
    # lines end at line feeds only: U+2028 and friends may stand inside a JSON string
    source = TextInput(path, split_cr=False)
    rows = []
    count = RowLimit(path)
    for line in source.lines():
        if not line.text.strip():
            continue
        row = _json_row(line.number, line.text)
        if line.problem:
            row.error = unreadable(row.label, line)
            row.notes.append(f"line {line.number}: {line.problem}")
        elif line.guessed:
            row.notes.append(GUESSED_NOTE)
        rows.append(count.add(row))
    return rows, [source.note] if source.note else []


def read_folder(path: Path) -> tuple[list[InputRow], list[str]]:
    count = RowLimit(path)
    files = []
    try:
        for p in path.iterdir():
            if p.suffix.lower() in (".yaml", ".yml", ".json") and p.is_file():
                files.append(p)
                count.add(InputRow(len(files), str(p)))
    except OSError as exc:
        raise InputError(f"cannot read the folder {path}: {exc.strerror or exc}") from None
    if not files:
        raise InputError(f"{path}: no proposal files (.yaml, .yml, .json) in this folder")
    return [InputRow(i, str(p), source=p) for i, p in enumerate(sorted(files), start=1)], []


def read_input(path: Path, mapping: dict[str, str]) -> tuple[list[InputRow], list[str]]:
    """All rows of a batch input, chosen by extension (or a folder); refused as a whole, before any
    screening, when it holds more rows than COLLABGUARD_MAX_BATCH_ROWS."""
    if not path.exists():
        raise InputError(f"{path}: input not found")
    if path.is_dir():
        return read_folder(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from collabguard.batch.xlsx_input import read_xlsx

        return read_xlsx(path, mapping)
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl(path)
    if suffix in (".csv", ".tsv", ".txt"):
        from collabguard.batch.csv_input import read_csv

        return read_csv(path, mapping)
    raise InputError(f"{path}: unknown input type {suffix or '(none)'}; use .csv, .xlsx, .jsonl or a folder of proposals")
