"""Where the names for ``collabguard match`` come from, read as they stream, one :class:`NameRow` per
input row (a row that cannot be read is an error row, never left out):

- a CSV file with a ``name`` column and an optional ``country`` column (names matched
  case-insensitively; ``,``, ``;`` or tab between cells, read from the header). Its lines are decoded
  one by one (:class:`~collabguard.batch.lines.TextInput`: UTF-8, UTF-16, Excel's Windows-1252, and a
  line in another encoding becomes an error row);
- standard input: one name per line, an optional country after a tab (blank lines are skipped);
- the names themselves, given on the command line.

:class:`NameSources` decides by evidence which command-line argument is which: an argument that exists is a
file; one that looks like a path (a file suffix, or a folder separator in one word) but does not exist
is an error naming it (a misspelt file name must not be matched as a name and found harmless); any
other argument is a name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from collabguard.batch.lines import GUESSED_NOTE, HEAD, Line, TextInput, unreadable
from collabguard.errors import InputError
from collabguard.io.csv_rows import Rows
from collabguard.matching.batch import NameRow, check_row

PATH_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods")
SPREADSHEETS = (".xlsx", ".xls", ".ods")


def looks_like_a_path(arg: str) -> bool:
    """A file suffix, or a folder separator in one word ("data/names"): no institution is named so."""
    word = arg.strip()
    if word.lower().endswith(PATH_SUFFIXES):
        return True
    return ("/" in word or "\\" in word) and not any(c.isspace() for c in word)


class NamesFile:
    """The rows of a names CSV file, read as they are used; ``notes``: what the run should say about
    the file (its encoding; empty rows at its end), complete once the rows have all been read."""

    def __init__(self, path: Path, label: str = "") -> None:
        self.path = path
        self.label = label  # put before "row N" in notes when several sources are given
        self.notes: list[str] = []
        head = _check_file(path)
        self.source = TextInput(path, split_cr=True)
        if self.source.utf16 is None and b"\x00" in head:
            raise InputError(f"{path}: looks like a binary file, expected a CSV of names")

    def __iter__(self) -> Iterator[NameRow]:
        if self.source.note:
            self.notes.append(self.source.note)
        feed = _Feed(self.source.lines())
        first = feed.peek()
        reader = Rows(feed, str(self.path), delimiter=max((",", ";", "\t"), key=first.count) if first else ",")
        header = next((cells for cells in reader if any(c.strip() for c in cells)), None)
        header_line = feed.take()[-1].number if header else 1
        lower = [h.strip().lower() for h in header or []]
        if "name" not in lower:
            raise InputError(f"{self.path}:{header_line}: no 'name' column (columns: {', '.join(header or []) or 'none'}); "
                             "the first row names the columns, e.g. name,country")
        i_name, i_country = lower.index("name"), (lower.index("country") if "country" in lower else None)
        blanks: list[int] = []  # empty rows not yet followed by a filled one
        for cells in reader:
            record = feed.take()
            if not any(c.strip() for c in cells) and len(record) == 1 and not record[0].problem:
                blanks.append(record[0].number)
                continue
            for n in blanks:  # between filled rows: each its own error row
                yield NameRow(n, "", None, f"{self._label(n)}: empty row: nothing to match (delete the row, or fill it in)",
                              skip=True)
            blanks = []
            yield from self._rows(cells, record, len(lower), i_name, i_country)
        if blanks:
            self.notes.append(f"{self.path}: {len(blanks)} empty row{'s' if len(blanks) != 1 else ''} at the end of the "
                              "file left out")

    def _label(self, n: int) -> str:
        return f"{self.label}row {n}"

    def _rows(self, cells: list[str], record: list[Line], width: int, i_name: int, i_country: int | None) -> Iterator[NameRow]:
        n = record[0].number
        name = cells[i_name].strip() if i_name < len(cells) else ""
        if len(record) > 1:  # a quoted cell over several lines: a quote left open swallows the rows after it
            first_line = name.splitlines()[0] if name.strip() else ""
            yield NameRow(n, first_line, None, f"{self._label(n)}: a quoted cell runs over lines {n}–{record[-1].number} "
                          "(a quote left open?): not matched; put each name on one line", skip=True)
            for line in record[1:]:
                yield NameRow(line.number, line.text.strip()[:200], None, f"{self._label(line.number)}: inside a quoted cell "
                              f"that opens in row {n}: not matched (is a quote left open in row {n}?)", skip=True)
            return
        if record[0].problem:
            yield NameRow(n, name, None, unreadable(self._label(n), record[0]).replace("not screened", "not matched"),
                          skip=True)
            return
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            yield NameRow(n, name, None, f"{self._label(n)}: {len(cells)} cells but {width} column{'s' if width != 1 else ''} "
                          "(a separator inside a name? put the name in quotes): not matched", skip=True)
            return
        country = cells[i_country].strip() if i_country is not None and i_country < len(cells) else ""
        row = check_row(n, name, country, self._label(n))
        if record[0].guessed and not row.note:
            row = NameRow(row.row, row.name, row.country, f"{self._label(n)}: {GUESSED_NOTE}", row.skip)
        yield row


class _Feed:
    """The lines handed to the CSV parser, remembering those of the record being read."""

    def __init__(self, lines: Iterator[Line]) -> None:
        self._lines = lines
        self._ahead: list[Line] = []
        self.record: list[Line] = []

    def peek(self) -> str:
        """The first line with text (the header), without taking it."""
        for line in self._lines:
            self._ahead.append(line)
            if line.text.strip():
                return line.text
        return ""

    def take(self) -> list[Line]:
        record, self.record = self.record, []
        return record

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = self._ahead.pop(0) if self._ahead else next(self._lines)
        self.record.append(line)
        return line.text + "\n"


def _exists(arg: str) -> bool:
    """Whether a file or folder of that name exists (a long name is not a file name the system takes; an
    empty argument is an empty name, not the current folder that Path("") stands for)."""
    if not arg.strip():
        return False
    try:
        return Path(arg).exists()
    except (OSError, ValueError):
        return False


def _check_file(path: Path) -> bytes:
    """A names file that cannot be a CSV is refused at once, in one line; its first bytes otherwise."""
    if not path.exists():
        raise InputError(f"{path}: names file not found")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, expected a CSV of names")
    if path.suffix.lower() in SPREADSHEETS:
        raise InputError(f"{path}: a spreadsheet; `match` reads CSV: save it as 'CSV UTF-8' (name and country columns)")
    try:
        with open(path, "rb") as fh:
            head = fh.read(HEAD)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not head.strip():
        raise InputError(f"{path}: names file is empty")
    return head


def stdin_rows(stream: Iterable[bytes] | Iterable[str], label: str = "") -> Iterator[NameRow]:
    """One name per line, an optional country after a tab; blank lines are skipped. A line that is
    not UTF-8 is an error row."""
    for n, raw in enumerate(stream, start=1):
        if isinstance(raw, bytes):
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError:
                yield NameRow(n, raw.decode("utf-8", errors="replace").strip(), None, f"{label}line {n}: not valid UTF-8: "
                              "not matched; give the names as UTF-8 text", skip=True)
                continue
        else:
            line = str(raw)
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        name, _, country = line.partition("\t")
        yield check_row(n, name.strip(), country.strip(), f"{label}line {n}")


class NameSources:
    """The command line's names, in order: each argument a CSV file, ``-`` (standard input) or a name
    (see the module's rule). Files are opened, and misspelt ones refused, before any name is matched;
    ``country`` is the country of the names given as arguments. With several sources, notes name the
    file ("names.csv row 3: empty name")."""

    def __init__(self, args: list[str], country: str = "", stdin: Iterable[bytes] | Iterable[str] | None = None) -> None:
        self.country = country
        self.stdin = stdin
        self.files: list[NamesFile] = []
        self.parts: list[NamesFile | str | list[tuple[int, str]]] = []  # a file, "-", or a run of names
        several = len(args) > 1
        for n, arg in enumerate(args, start=1):
            if arg == "-":
                if "-" in self.parts:
                    raise InputError("'-' (standard input) given twice")
                self.parts.append("-")
            elif _exists(arg) or looks_like_a_path(arg):
                if not _exists(arg):
                    raise InputError(f"{arg}: names file not found (to match it as a name, give it on standard input: "
                                     f"echo '{arg}' | collabguard match -)")
                self.files.append(NamesFile(Path(arg), f"{arg} " if several else ""))
                self.parts.append(self.files[-1])
            elif self.parts and isinstance(self.parts[-1], list):
                self.parts[-1].append((n, arg))
            else:
                self.parts.append([(n, arg)])
        if country and not any(isinstance(p, list) for p in self.parts):
            raise InputError("--country is the country of names given as arguments, and no name is given so "
                             "(a names file has its own country column)")
        self.several = several

    @property
    def notes(self) -> list[str]:
        """What the run should say about its files (complete once every row has been read)."""
        return [note for f in self.files for note in f.notes]

    def __iter__(self) -> Iterator[NameRow]:
        for part in self.parts:
            if isinstance(part, NamesFile):
                yield from part
            elif isinstance(part, list):
                for n, name in part:
                    yield check_row(n, name.strip(), self.country, f"argument {n}")
            else:
                stream = self.stdin if self.stdin is not None else ()
                yield from stdin_rows(stream, "stdin " if self.several else "")


def read_names_csv(path: Path) -> list[NameRow]:
    """Every row of a names file at once (for a few names; :class:`NamesFile` streams)."""
    return list(NamesFile(path))
