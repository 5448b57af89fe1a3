"""The records of a list download in CSV, read strictly: a quoted field that is never closed is an
error naming the line it opens on, not one last field that swallows every row after it (Python's csv
module, read leniently, returns the rest of the file as that field, and the rows in it are lost without
a word)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from collabguard.errors import InputError


class CsvRecords:
    """``csv.DictReader`` over ``text`` in strict mode; iterating raises :class:`InputError` with the line."""

    def __init__(self, text: str) -> None:
        self._reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        try:
            self.fieldnames: list[str] = list(self._reader.fieldnames or [])
        except csv.Error as exc:
            raise InputError(f"line 1: the header is not readable CSV ({exc})") from None

    def numbered(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Each record with the line it ends on."""
        ended = self._reader.line_num  # the line the last good record ended on
        while True:
            try:
                record = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise InputError(f"line {ended + 1}: a record that is not valid CSV begins here ({exc}; a quoted "
                                 "field not closed swallows every row after it)") from None
            ended = self._reader.line_num
            yield ended, record

    def __iter__(self) -> Iterator[dict[str, str]]:
        return (record for _, record in self.numbered())
