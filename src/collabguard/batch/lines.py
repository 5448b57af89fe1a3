"""Reading a text input (CSV, JSON Lines) line by line, so that a line in another encoding never
changes how the other lines are read.

- A UTF-16 file (a byte-order mark, or without one the NUL bytes of UTF-16 text) is decoded as
  UTF-16, line by line; one that is not valid UTF-16 is refused with the line where it breaks. A
  UTF-32 file is refused (no spreadsheet program saves one by accident; it would read as garbage).
- Otherwise each line is UTF-8. When no line with non-ASCII bytes is valid UTF-8, the file is in
  Windows-1252 (what Excel's plain "CSV" saves on a Western European Windows): it is read so, and each
  row with such letters says so in its notes. A line that cannot be Western European text is not
  Windows-1252 either, and its row is an error row: one with a byte Windows-1252 does not define, or
  with four non-ASCII bytes in a row (Chinese in GBK, Russian in Windows-1251: every letter is such a
  byte, where Western European words have an accented letter here and there). A listed name in
  another code page would otherwise be screened as mojibake, an unknown name.
- A file that mixes the two (a row pasted from elsewhere): the UTF-8 lines are read as UTF-8, and
  each other line is marked, so that its row becomes an error row. Its text could only be guessed,
  and a guessed name (mojibake) is screened as an unknown name: a listed partner would be missed.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from collabguard.errors import InputError

NOT_UTF8 = "not valid UTF-8"
NOT_CP1252 = "neither UTF-8 nor Windows-1252"
GUESSED_NOTE = "read as Windows-1252 (the file is not UTF-8)"
HEAD = 4096  # bytes looked at for UTF-16 without a byte-order mark
LISTED_LINES = 10  # line numbers named in a note
CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")  # bytes Windows-1252 gives no character
NON_LATIN_RUN = re.compile(rb"[\x80-\xff]{4}")  # "Tromsø", "Université": never four in a row


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line in the file
    text: str  # without its line end
    ending: str  # "\r\n", "\n", "\r", or "" for a last line without one
    problem: str | None = None  # NOT_UTF8: the line's row must not be screened
    guessed: bool = False  # non-ASCII text read as Windows-1252


def unreadable(label: str, line: Line) -> str:
    """The error of a row with a line whose text could only be guessed (``line.problem`` set)."""
    if line.problem == NOT_CP1252:
        why = (f"line {line.number} is {NOT_CP1252} (another code page, such as Chinese GBK or Cyrillic?): not "
               "screened, since its names cannot be read")
    else:
        why = (f"line {line.number} is {NOT_UTF8} while the rest of the file is: not screened, since its text "
               "could only be guessed")
    return f"{label}: {why}; save the file as UTF-8 (in Excel: CSV UTF-8) and run again"


def _utf16(head: bytes) -> str | None:
    """The codec of a UTF-16 file, from its byte-order mark or its NUL bytes; None for other files."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    half = len(head) // 2
    if half < 2 or b"\x00" not in head:
        return None
    even, odd = head[0:2 * half:2].count(0), head[1:2 * half:2].count(0)
    # ASCII text (a header row) in UTF-16 puts a NUL beside every letter, on one side only
    if odd >= 0.3 * half and even <= 0.05 * half:
        return "utf-16-le"
    if even >= 0.3 * half and odd <= 0.05 * half:
        return "utf-16-be"
    return None


def _raw_lines(fh: BinaryIO, split_cr: bool) -> Iterator[tuple[bytes, bytes]]:
    """(line, line end) pairs; ``split_cr``: a bare carriage return ends a line too (Excel for Mac)."""
    for chunk in fh:
        if chunk.endswith(b"\n"):
            body, end = chunk[:-1], b"\n"
            if body.endswith(b"\r"):
                body, end = body[:-1], b"\r\n"
        else:
            body, end = chunk, b""
        if split_cr and b"\r" in body:
            *parts, last = body.split(b"\r")
            for part in parts:
                yield part, b"\r"
            yield last, end
        else:
            yield body, end


class TextInput:
    """A CSV or JSON Lines file's lines, each decoded on its own; ``note``: what the file-level
    decoding decision was (None for plain UTF-8), for the run's notes."""

    def __init__(self, path: Path, split_cr: bool) -> None:
        self.path = path
        self.split_cr = split_cr
        self.bad_lines: list[int] = []  # the first LISTED_LINES lines that are not valid UTF-8
        self.bad_count = 0
        good = 0
        try:
            with open(path, "rb") as fh:
                head = fh.read(HEAD)
                self.utf16 = _utf16(head)
                if self.utf16 is None:
                    fh.seek(0)
                    good = self._classify(fh)
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
        if self.utf16 == "utf-32":
            raise InputError(f"{path}: this file is UTF-32, which collabguard does not read; save it as UTF-8 "
                             "(in Excel: CSV UTF-8) and run again")
        if self.utf16 is not None:
            self.encoding = "utf-16"
            self.note = (None if self.utf16 == "utf-16" else
                         f"{path}: UTF-16 without a byte-order mark; read as UTF-16 "
                         f"({'little' if self.utf16.endswith('le') else 'big'}-endian)")
        elif not self.bad_count:
            self.encoding, self.note = "utf-8", None
        elif not good:
            self.encoding = "windows-1252"
            self.note = (f"{path}: not UTF-8; read as Windows-1252 (Latin-1), and each row with accented letters "
                         "says so in its notes")
        else:
            self.encoding = "mixed"
            shown = ", ".join(str(n) for n in self.bad_lines) + (" …" if self.bad_count > len(self.bad_lines) else "")
            self.note = (f"{path}: {self.bad_count:,} line(s) not valid UTF-8 while the rest of the file is "
                         f"(line {shown}): their rows are error rows, not screened; save the file as UTF-8 and run again")

    def _classify(self, fh: BinaryIO) -> int:
        """Count the lines with non-ASCII bytes that are valid UTF-8; note those that are not."""
        good = 0
        for number, (body, _) in enumerate(_raw_lines(fh, self.split_cr), start=1):
            if body.isascii():
                continue
            try:
                (body[3:] if number == 1 and body.startswith(codecs.BOM_UTF8) else body).decode("utf-8")
                good += 1
            except UnicodeDecodeError:
                self.bad_count += 1
                if len(self.bad_lines) < LISTED_LINES:
                    self.bad_lines.append(number)
        return good

    def lines(self) -> Iterator[Line]:
        if self.utf16 is not None:
            yield from self._utf16_lines()
            return
        try:
            with open(self.path, "rb") as fh:
                for number, (body, end) in enumerate(_raw_lines(fh, self.split_cr), start=1):
                    if number == 1 and body.startswith(codecs.BOM_UTF8):
                        body = body[3:]
                    yield self._decode(number, body, end.decode("ascii"))
        except OSError as exc:
            raise InputError(f"cannot read {self.path}: {exc.strerror or exc}") from None

    def _decode(self, number: int, body: bytes, end: str) -> Line:
        if body.isascii():
            return Line(number, body.decode("ascii"), end)
        if self.encoding == "windows-1252":
            if CP1252_UNDEFINED.intersection(body) or NON_LATIN_RUN.search(body):
                return Line(number, body.decode("cp1252", errors="replace"), end, problem=NOT_CP1252, guessed=True)
            return Line(number, body.decode("cp1252"), end, guessed=True)
        try:
            return Line(number, body.decode("utf-8"), end)
        except UnicodeDecodeError:  # a "mixed" file: read for its structure and id only
            return Line(number, body.decode("cp1252", errors="replace"), end, problem=NOT_UTF8, guessed=True)

    def _utf16_lines(self) -> Iterator[Line]:
        """Decoded as the file is read; lines end at LF, CR LF (and CR with ``split_cr``)."""
        assert self.utf16 is not None
        number = 0
        try:
            with open(self.path, encoding=self.utf16, newline="" if self.split_cr else "\n") as fh:
                for number, raw in enumerate(fh, start=1):
                    if number == 1:
                        raw = raw.removeprefix("\ufeff")
                    text = raw.rstrip("\r\n") if self.split_cr else raw.removesuffix("\n").removesuffix("\r")
                    yield Line(number, text, raw[len(text):])
        except UnicodeDecodeError:
            raise InputError(f"{self.path}: this file is UTF-16 but not valid UTF-16 (line {number + 1}); "
                             "save it as UTF-8 (in Excel: CSV UTF-8) and run again") from None
        except OSError as exc:
            raise InputError(f"cannot read {self.path}: {exc.strerror or exc}") from None
