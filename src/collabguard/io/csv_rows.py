"""CSV rows with collabguard's cell limit enforced and every CSV problem a one-line error naming the
file and line (publication exports, names files for `match`).

Python's csv module stops at 131,072 characters in a cell ("field larger than field limit", which
surfaced as an internal error), while real exports carry longer abstracts, author lists and keyword
cells. Cells may be as long as a spreadsheet cell anywhere in collabguard
(``COLLABGUARD_MAX_CELL_CHARS``, 1,000,000 characters); a longer one stops the file with an error
that says so: such a cell is almost always a quote left open, which swallows the rest of the file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from collabguard.errors import InputError
from collabguard.limits import limit


def _lift_field_limit(most: int) -> None:
    # process-wide, so only ever raised: lowering it could break a reader running in another thread
    if csv.field_size_limit() <= most:
        csv.field_size_limit(most + 1)


class Rows:
    """``csv.reader(lines, **dialect)`` whose cells are at most ``COLLABGUARD_MAX_CELL_CHARS`` long."""

    def __init__(self, lines: Iterable[str], source: str, **dialect: Any) -> None:
        self.most = limit("cell_chars")
        _lift_field_limit(self.most)
        self.source = source
        self._reader = csv.reader(lines, **dialect)

    @property
    def line_num(self) -> int:
        """The number of the last line read (a quoted cell may span several)."""
        return self._reader.line_num

    def __iter__(self) -> Iterator[list[str]]:
        return self

    def __next__(self) -> list[str]:
        try:
            row = next(self._reader)
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise self._too_long() from None
            raise InputError(f"{self.source}: line {self._reader.line_num}: cannot read the CSV ({exc})") from None
        if row and max(map(len, row)) > self.most:
            raise self._too_long()
        return row

    def _too_long(self) -> InputError:
        return InputError(f"{self.source}: line {self._reader.line_num}: a cell is longer than {self.most:,} characters "
                          "(COLLABGUARD_MAX_CELL_CHARS); is a quote left open? Fix or export the file again, or raise the limit")


class DictRows:
    """Like ``csv.DictReader`` (the first row names the columns; cells beyond them are listed under the
    key None; missing cells are None; empty lines are skipped), over :class:`Rows`."""

    def __init__(self, lines: Iterable[str], source: str, **dialect: Any) -> None:
        self._rows = Rows(lines, source, **dialect)
        self.fieldnames: list[str] = next((row for row in self._rows if row), [])

    @property
    def line_num(self) -> int:
        return self._rows.line_num

    def __iter__(self) -> Iterator[dict[str | None, Any]]:
        names = self.fieldnames
        for row in self._rows:
            if not row:
                continue
            out: dict[str | None, Any] = dict(zip(names, row, strict=False))
            if len(row) > len(names):
                out[None] = row[len(names):]
            elif len(row) < len(names):
                out.update(dict.fromkeys(names[len(row):]))
            yield out
