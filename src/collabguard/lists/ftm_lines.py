"""Reading FollowTheMoney JSON lines (``entities.ftm.json``) one line at a time, each line checked.

OpenSanctions' file is several gigabytes: it is never read whole. Each line is decoded as UTF-8 and
read with collabguard's JSON reader (:mod:`collabguard.io.json_text`: a key given twice, nesting too
deep, a number too long are refused in words); a line longer than COLLABGUARD_MAX_CELL_CHARS x 5 is
skipped unread and reported. Each entity is checked field by field: ``id`` and ``schema`` texts,
``properties`` an object of lists of texts (none longer than COLLABGUARD_MAX_CELL_CHARS), ``datasets``
a list of texts, ``target`` true or false. A problem is ``file:line: field: problem``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from collabguard.errors import InputError
from collabguard.io.json_text import json_problem, no_duplicates

CHUNK = 1 << 20
DECODER = json.JSONDecoder(object_pairs_hook=no_duplicates)  # one for the file: json.loads would build one a line
TEXT_FIELDS = ("caption", "first_seen", "last_seen", "last_change")


def open_lines(path: Path) -> BinaryIO:
    if not path.exists():
        raise InputError(f"{path}: list download not found")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, expected a list download")
    try:
        return open(path, "rb")  # closed by the caller's `with`
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def raw_lines(fh: BinaryIO, most: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, the line's bytes), or None for a line longer than ``most`` bytes (skipped unread)."""
    number = 0
    while True:
        raw = fh.readline(most + 1)
        if not raw:
            return
        number += 1
        if len(raw) > most and not raw.endswith(b"\n"):
            while True:  # the rest of the over-long line, in chunks
                rest = fh.readline(CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, raw


def parse_line(raw: bytes, number: int, most: int) -> dict[str, Any] | str | None:
    """The entity on one line, a problem (``field: problem``), or None for a blank line; ``most``:
    the longest text a value may be (COLLABGUARD_MAX_CELL_CHARS)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not valid UTF-8 text (byte {exc.start + 1} of the line)"
    text = text.rstrip("\r\n")
    if number == 1:
        text = text.removeprefix("\ufeff")
    if not text.strip():
        return None
    try:
        data = DECODER.decode(text)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and DuplicateKey are ValueErrors
        where, problem = json_problem(exc, text)
        return problem + (f" (column {where.split(':')[1]})" if where else "")
    if not isinstance(data, dict):
        return f"an entity must be a JSON object, not {_json_type(data)}"
    return entity_problem(data, most) or data


def entity_problem(data: dict[str, Any], most: int) -> str:
    """The first thing wrong with an entity, as ``field: problem``; "" when nothing is."""
    for key in ("id", "schema"):
        value = data.get(key)
        if value is None:
            return f"{key}: missing (every FollowTheMoney entity has an id and a schema)"
        if not isinstance(value, str) or not value.strip():
            return f"{key}: must be a text, not {_json_type(value)}"
        if len(value) > 1000:
            return f"{key}: longer than 1,000 characters"
    for key in TEXT_FIELDS:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            return f"{key}: must be a text, not {_json_type(value)}"
        if isinstance(value, str) and len(value) > most:
            return f"{key}: longer than {most:,} characters (COLLABGUARD_MAX_CELL_CHARS)"
    if data.get("target") is not None and not isinstance(data["target"], bool):
        return f"target: must be true or false, not {_json_type(data['target'])}"
    datasets = data.get("datasets")
    if datasets is not None and not (isinstance(datasets, list) and all(isinstance(d, str) for d in datasets)):
        return "datasets: must be a list of texts"
    props = data.get("properties")
    if props is None:
        return ""
    if not isinstance(props, dict):
        return f"properties: must be an object of lists, not {_json_type(props)}"
    for name, values in props.items():
        if not isinstance(values, list):
            return f"properties.{name}: must be a list of texts, not {_json_type(values)}"
        if all(type(v) is str and len(v) <= most for v in values):
            continue
        for i, value in enumerate(values):
            if isinstance(value, dict):
                return (f"properties.{name}[{i}]: an entity nested in a property (the layout of targets.nested.json); "
                        "import entities.ftm.json, where each entity has its own line")
            if not isinstance(value, str):
                return f"properties.{name}[{i}]: must be a text, not {_json_type(value)}"
            if len(value) > most:
                return f"properties.{name}[{i}]: longer than {most:,} characters (COLLABGUARD_MAX_CELL_CHARS)"
    return ""


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    return {dict: "an object", list: "a list", str: "a text", int: "a number", float: "a number"}.get(type(value), type(value).__name__)


class Problems:
    """The first problem of a file in full, and how many more lines have one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.first = ""
        self.count = 0

    def add(self, number: int, problem: str) -> None:
        self.count += 1
        if not self.first:
            self.first = f"{self.path}:{number}: {problem}"

    def raise_any(self) -> None:
        if self.count:
            more = f" (and {self.count - 1:,} more line(s) with problems)" if self.count > 1 else ""
            raise InputError(self.first + more)
