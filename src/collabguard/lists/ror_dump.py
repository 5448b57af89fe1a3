"""Read Research Organization Registry (ROR) records from a data dump, one record at a time.

What ROR publishes on Zenodo with every release (ror.readme.io, "Data dump"): a zip holding the whole
registry as one JSON array of records (``v1.58-2024-12-11-ror-data_schema_v2.json``; releases up to
v1.74 also hold a schema 1.0 file without the suffix, later ones only schema 2), and the same as CSV.
Read here, without unpacking:

- the zip (its schema-2 JSON member is chosen), a ``.json`` array, or a ``.json.gz``;
- JSON Lines, one record per line (the records of the ror-community/ror-records repository, as
  collabguard's shared ROR data holds them, each with the release folder it came from in
  ``_release_path``).

The array is decoded record by record from a bounded buffer, so memory stays flat on the ~1 GB
registry. Both record schemas are read: 2.x (``names[]`` with ``types`` ror_display, label, alias,
acronym and ``lang``; ``locations[].geonames_details.country_code``; ``external_ids[]``) and 1.0
(``name``, ``labels[{label, iso639}]``, ``aliases``, ``acronyms``, ``country``, ``external_ids{}``).
The release and its date are read from the file name (``v1.58-2024-12-11``) or given by the caller
(for a snapshot of ror-records: the snapshot's date; each record names its own release folder).
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from collabguard.errors import InputError
from collabguard.identifiers import ror_id, wikidata_id

CHUNK = 1 << 20  # characters read at a time from a JSON array
MAX_RECORD = 16 << 20  # a "record" longer than this is not one: the file is refused, not buffered
_RELEASE = re.compile(r"v(\d+(?:\.\d+)+)-(\d{4}-\d{2}-\d{2})")
_RELEASE_PATH = re.compile(r"^(v\d+(?:\.\d+)+)/")
NAME_KINDS = ("ror_display", "label", "alias", "acronym")


@dataclass(frozen=True, slots=True)
class RorName:
    value: str
    kind: str  # ror_display | label | alias | acronym
    lang: str = ""


@dataclass(frozen=True, slots=True)
class RorRecord:
    """One organisation as ROR records it, in either schema."""

    ror_id: str  # https://ror.org/…
    names: tuple[RorName, ...]
    countries: tuple[str, ...]
    status: str  # active | inactive | withdrawn
    wikidata: str = ""
    parents: tuple[str, ...] = ()
    children: tuple[str, ...] = ()
    release: str = ""  # v1.58
    date: str = ""  # the date of the data: the dump's release date, or the date of a snapshot of ror-records
    towns: tuple[str, ...] = ()  # where it is (GeoNames' names of its locations; schema v1: the first address's city)

    @property
    def display(self) -> str:
        return next((n.value for n in self.names if n.kind == "ror_display"), self.names[0].value if self.names else "")


@dataclass
class DumpReader:
    """The records of one dump file, in order; records that are not usable are counted in ``skipped``
    (the first few described in ``problems``) and never silently taken for something else."""

    path: Path
    release: str = ""
    date: str = ""
    member: str = ""
    count: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.path.is_file():
            raise InputError(f"{self.path}: ROR data dump not found")
        named = _RELEASE.search(self.path.name)
        if self.path.suffix.lower() == ".zip":
            self.member = self._member()
            named = _RELEASE.search(self.member) or named
        if named and not self.release:
            self.release, self.date = f"v{named.group(1)}", self.date or named.group(2)

    def _member(self) -> str:
        try:
            with zipfile.ZipFile(self.path) as zf:
                names = [n for n in zf.namelist() if n.lower().endswith(".json")]
        except zipfile.BadZipFile:
            raise InputError(f"{self.path}: not a readable zip file (is the download complete?)") from None
        chosen = [n for n in names if n.lower().endswith("_schema_v2.json")] or names
        if len(chosen) != 1:
            raise InputError(f"{self.path}: expected one ROR JSON file in the zip, found {len(chosen)} "
                             f"({', '.join(chosen[:4]) or 'none'})")
        return chosen[0]

    def _open(self, stack: ExitStack) -> IO[str]:
        if self.member:
            zf = stack.enter_context(zipfile.ZipFile(self.path))
            return stack.enter_context(io.TextIOWrapper(zf.open(self.member), encoding="utf-8-sig"))
        if self.path.suffix.lower() == ".gz":
            return stack.enter_context(gzip.open(self.path, "rt", encoding="utf-8-sig"))
        return stack.enter_context(open(self.path, encoding="utf-8-sig"))

    def __iter__(self) -> Iterator[RorRecord]:
        where = f"{self.path}" + (f" ({self.member})" if self.member else "")
        try:
            with ExitStack() as stack:
                fh = self._open(stack)
                first, blank_lines = _first_char(fh)
                items = _array_items(fh, where) if first == "[" else _lines(fh, where, first, blank_lines)
                for number, item in items:
                    self.count += 1
                    record = self._record(item, number)
                    if record is not None:
                        yield record
        except (OSError, EOFError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
            raise InputError(f"{where}: cannot be read to the end ({exc.__class__.__name__}: {exc})") from None

    def _record(self, item: Any, number: int) -> RorRecord | None:
        try:
            return record_from_json(item, self.release, self.date)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            self.skipped += 1
            if len(self.problems) < 5:
                self.problems.append(f"{self.path}: record {number}: not a ROR record ({exc.__class__.__name__}: {exc})")
            return None


def _first_char(fh: IO[str]) -> tuple[str, int]:
    """The first character that is not white space, and the line breaks read before it."""
    breaks = 0
    while True:
        ch = fh.read(1)
        if not ch or not ch.isspace():
            return ch, breaks
        breaks += ch == "\n"


def _lines(fh: IO[str], where: str, first: str, skipped: int) -> Iterator[tuple[int, Any]]:
    """JSON Lines: one record per line (``first``, the first line's first character, is already read;
    so are ``skipped`` blank lines before it)."""
    for line_no, line in enumerate(fh, start=skipped + 1):
        text = (first + line) if line_no == skipped + 1 else line
        if not text.strip():
            continue
        try:
            yield line_no, json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}:{line_no}: not valid JSON ({exc.msg}); is the file cut short?") from None


def _array_items(fh: IO[str], where: str) -> Iterator[tuple[int, Any]]:
    """The items of one JSON array (its "[" already read), decoded one by one from a bounded buffer."""
    decoder = json.JSONDecoder()
    buf, pos, eof, number = "", 0, False, 0

    def more() -> bool:
        nonlocal buf, pos, eof
        chunk = fh.read(CHUNK)
        buf, pos = buf[pos:] + chunk, 0
        eof = not chunk
        return bool(chunk)

    def skip_space() -> str:
        nonlocal pos
        while True:
            while pos < len(buf) and buf[pos].isspace():
                pos += 1
            if pos < len(buf) or not more():
                return buf[pos] if pos < len(buf) else ""

    expect_item = True
    while True:
        ch = skip_space()
        if ch == "]" and (number == 0 or not expect_item):
            return
        if not ch:
            raise InputError(f"{where}: the JSON array ends after record {number} without its closing ']'; is the file cut short?")
        if not expect_item:
            if ch != ",":
                raise InputError(f"{where}: after record {number}: ',' or ']' expected, found {ch!r}")
            pos += 1
            expect_item = True
            continue
        while True:
            try:
                item, end = decoder.raw_decode(buf, pos)
                break
            except json.JSONDecodeError as exc:
                if len(buf) - pos > MAX_RECORD:
                    raise InputError(f"{where}: record {number + 1} is not valid JSON or longer than "
                                     f"{MAX_RECORD >> 20} MB ({exc.msg})") from None
                if eof or not more():
                    raise InputError(f"{where}: record {number + 1}: not valid JSON ({exc.msg}); is the file cut short?") from None
        number += 1
        pos = end
        expect_item = False
        yield number, item


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _wikidata(external: Any) -> str:
    """The Wikidata item of a record: v2 ``[{type, preferred, all}]``, v1 ``{"Wikidata": {preferred, all}}``."""
    entries: list[Any] = []
    if isinstance(external, list):
        entries = [e for e in external if isinstance(e, dict) and _text(e.get("type")).lower() == "wikidata"]
    elif isinstance(external, dict):
        entries = [v for k, v in external.items() if k.lower() == "wikidata" and isinstance(v, dict)]
    for entry in entries:
        every = entry.get("all")
        for value in [entry.get("preferred"), *(every if isinstance(every, list) else [every])]:
            if isinstance(value, str) and (found := wikidata_id(value)):
                return found
    return ""


def _names_v2(rec: dict[str, Any]) -> list[RorName]:
    out = []
    for n in rec["names"]:
        types = [t for t in n.get("types") or () if t in NAME_KINDS]
        kind = "acronym" if "acronym" in types else next((k for k in NAME_KINDS if k in types), "alias")
        if _text(n.get("value")):
            out.append(RorName(_text(n["value"]), kind, _text(n.get("lang"))))
    return out


def _names_v1(rec: dict[str, Any]) -> list[RorName]:
    out = [RorName(_text(rec["name"]), "ror_display")]
    out += [RorName(_text(x.get("label")), "label", _text(x.get("iso639"))) for x in rec.get("labels") or () if isinstance(x, dict)]
    out += [RorName(_text(x), "alias") for x in rec.get("aliases") or ()]
    out += [RorName(_text(x), "acronym") for x in rec.get("acronyms") or ()]
    return [n for n in out if n.value]


def record_from_json(rec: Any, release: str = "", date: str = "") -> RorRecord:
    """One record of either schema; ``release``/``date`` are the dump's (a record from the
    ror-records repository gives its own release folder in ``_release_path``)."""
    if not isinstance(rec, dict):
        raise TypeError("not a JSON object")
    ident = ror_id(_text(rec["id"]))
    if ident is None:
        raise ValueError(f"id {rec['id']!r} is not a ROR id")
    if "names" in rec:
        names = _names_v2(rec)
        places = [loc.get("geonames_details") or {} for loc in rec.get("locations") or () if isinstance(loc, dict)]
        countries = [_text(p.get("country_code")) for p in places]
        towns = [_text(p.get("name")) for p in places]
    else:
        names = _names_v1(rec)
        countries = [_text((rec.get("country") or {}).get("country_code"))]
        towns = [_text(a.get("city")) for a in (rec.get("addresses") or ())[:1] if isinstance(a, dict)]
    links = [r for r in rec.get("relationships") or () if isinstance(r, dict)]

    def related(kind: str) -> tuple[str, ...]:
        return tuple(i for r in links if _text(r.get("type")).lower() == kind and (i := ror_id(_text(r.get("id")))))

    if (path := _RELEASE_PATH.match(_text(rec.get("_release_path")))) is not None:
        release = path.group(1)  # a record of the ror-records repository: the release it was last changed in
    return RorRecord(
        ror_id=ident, names=tuple(dict.fromkeys(names)), countries=tuple(dict.fromkeys(c.upper() for c in countries if c)),
        status=_text(rec.get("status")).lower() or "active", wikidata=_wikidata(rec.get("external_ids")),
        parents=related("parent"), children=related("child"), release=release, date=date,
        towns=tuple(dict.fromkeys(t for t in towns if t)))
