"""Read JSON text with one-line errors for every way it can fail: not JSON, a key given twice, nesting
deeper than the parser goes, a number too long to read.

``json.loads`` raises a JSONDecodeError (with a position) for text that is not JSON, but a plain
ValueError for a whole number longer than Python reads (4,300 digits) and a RecursionError for
nesting about a thousand levels deep: both would otherwise surface as internal errors.
"""

from __future__ import annotations

import json
import re
from typing import Any

from collabguard.errors import InputError
from collabguard.io.yaml_events import MAX_DIGITS

_LONG_NUMBER = re.compile(rf"-?\d{{{MAX_DIGITS + 1},}}")


class DuplicateKey(ValueError):
    """A key given twice in one JSON object."""


def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` that refuses a key given twice in one object."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


def _line_col(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    return f"{line}:{index - (text.rfind(chr(10), 0, index) + 1) + 1}"


def json_problem(exc: BaseException, text: str) -> tuple[str, str]:
    """(``line:col`` or "", the problem in words) for what ``json.loads(text)`` raised."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.lineno}:{exc.colno}", f"invalid JSON: {exc.msg}"
    if isinstance(exc, DuplicateKey):
        return "", f"invalid JSON: duplicate key {str(exc)[:200]!r}"
    if isinstance(exc, RecursionError):
        return "", "invalid JSON: nesting is too deep"
    long = _LONG_NUMBER.search(text)
    if long is not None:
        digits = len(long.group().lstrip("-"))
        return _line_col(text, long.start()), (f"a number {digits:,} digits long cannot be read (at most "
                                               f"{MAX_DIGITS:,} digits); put it in quotes if it is a text such as an id")
    return "", f"invalid JSON: {exc}"


def loads_json(text: str, source: str, duplicates: bool = False) -> Any:
    """The JSON data in ``text``; any problem is an :class:`InputError` naming ``source`` (and the
    line and column where known). A key given twice in an object is refused unless ``duplicates``."""
    try:
        return json.loads(text) if duplicates else json.loads(text, object_pairs_hook=no_duplicates)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and DuplicateKey are ValueErrors
        where, problem = json_problem(exc, text)
        raise InputError(f"{source}:{where}: {problem}" if where else f"{source}: {problem}") from None
