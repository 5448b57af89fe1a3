"""Read publication exports: detect each file's format from its content (never its name) and load it."""

from __future__ import annotations

import codecs
import itertools
import json
from collections.abc import Iterator
from pathlib import Path

from collabguard.bibliometrics.address import is_bare_korea
from collabguard.bibliometrics.openalex import (
    OPENALEX_CSV_MARKERS,
    read_openalex_csv,
    read_openalex_json,
    read_openalex_jsonl,
)
from collabguard.bibliometrics.plain_csv import read_plain_csv, sniff_delimiter
from collabguard.bibliometrics.records import LoadResult
from collabguard.bibliometrics.scopus import SCOPUS_MARKERS, read_scopus
from collabguard.bibliometrics.wos import read_wos_plain, read_wos_tab
from collabguard.errors import InputError

MAX_BYTES = 2 * 1024**3


HEAD_LINES = 2000  # enough to see the format; the rest is streamed


class _Lines:
    """A file's lines as text: UTF-8 (BOM dropped), and any line that is not UTF-8 read as Windows-1252 (as
    Norwegian Excel saves CSV), so a file with mixed encodings loses nothing. Such lines are counted."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.cp1252_lines: list[int] = []

    def __iter__(self) -> Iterator[str]:
        with open(self.path, "rb") as fh:
            for number, raw in enumerate(fh, start=1):
                if number == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8):]
                try:
                    yield raw.decode("utf-8")
                except UnicodeDecodeError:
                    self.cp1252_lines.append(number)
                    yield raw.decode("cp1252", errors="replace")

    def warning(self, source: str) -> list[str]:
        if not self.cp1252_lines:
            return []
        shown = ", ".join(str(n) for n in self.cp1252_lines[:5])
        more = f" and {len(self.cp1252_lines) - 5} more" if len(self.cp1252_lines) > 5 else ""
        return [f"{source}: line {shown}{more}: not UTF-8; read as Windows-1252 (Excel's Western European "
                "encoding). Check names with letters like æ, ø, å"]


def detect_format(text: str) -> str | None:
    """The export format from the start of a file (``text`` need hold only its first few hundred KB)."""
    head = text.lstrip()[:4096]
    first_line = head.split("\n", 1)[0].rstrip("\r")
    if first_line.startswith(("FN ", "PT ")) or (first_line[:3] in ("VR ", "AU ") and "\nER" in text):
        return "wos-plain"
    if head.startswith("{") or head.startswith("["):
        first = first_line.strip()
        if first.startswith("{") and first.endswith("}") and "\n" in head.strip():
            try:
                json.loads(first)
                return "openalex-jsonl"
            except json.JSONDecodeError:
                pass
            except (ValueError, RecursionError):  # JSON, but a number too long or nesting too deep: the
                return "openalex-jsonl"           # reader skips that record and says why
        return "openalex-json"
    cells = [c.strip().strip('"') for c in first_line.split(sniff_delimiter(first_line))]
    if ("\t" in first_line and {"PT", "UT"} <= set(cells)) or {"UT", "C1"} <= set(cells):
        return "wos-tab"
    if any(m in cells for m in SCOPUS_MARKERS) and "Title" in cells:
        return "scopus-csv"
    if all(m in cells for m in OPENALEX_CSV_MARKERS):
        return "openalex-csv"
    lowered = {c.lower() for c in cells}
    if lowered & {"countries", "institutions", "id", "year", "title"}:
        return "plain-csv"
    return None


def _read(path: Path, source: str, columns: dict[str, str] | None) -> LoadResult:
    lines = _Lines(path)
    head = "".join(itertools.islice(iter(lines), HEAD_LINES))
    if not head.strip():
        raise InputError(f"{source}: the file is empty; export the records again")
    fmt = "plain-csv" if columns else detect_format(head)
    if fmt is None:
        raise InputError(f"{source}: line 1: not a format collabguard reads (Web of Science plain text or "
                         "tab-delimited, Scopus CSV, OpenAlex JSON/JSONL/CSV, or a plain CSV with a "
                         "'countries' column)")
    lines.cp1252_lines.clear()
    if fmt == "openalex-json":
        result = read_openalex_json("".join(lines), source)
    else:
        reader = {"wos-plain": read_wos_plain, "wos-tab": read_wos_tab, "scopus-csv": read_scopus,
                  "openalex-jsonl": read_openalex_jsonl, "openalex-csv": read_openalex_csv}.get(fmt)
        result = reader(lines, source) if reader else read_plain_csv(lines, source, columns)
    result.warnings[:0] = lines.warning(source)
    return result


def load_export(path: Path, columns: dict[str, str] | None = None) -> LoadResult:
    """One export file as works, with the records that could not be used and data-quality warnings."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{source}: {size / 1024**3:.1f} GB is larger than the 2 GB limit; split the export")
    except FileNotFoundError:
        raise InputError(f"{source}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder, not an export file") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot be read ({exc.strerror})") from None
    result = _read(path, source, columns)
    korea = sum(1 for w in result.works for a in w.affiliations if is_bare_korea(a.raw))
    if korea:
        result.warnings.append(f"{source}: {korea} address(es) say only 'Korea'; counted as South Korea (KR)")
    return result


def load_exports(paths: list[Path], columns: dict[str, str] | None = None) -> LoadResult:
    result = LoadResult()
    for path in paths:
        result.extend(load_export(path, columns))
    return result
