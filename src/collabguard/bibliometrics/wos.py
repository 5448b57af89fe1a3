"""Web of Science exports: plain text (current Clarivate and older Thomson Reuters headers) and tab-delimited.

Plain text: a 2-letter tag, a space, the value; continuation lines start with 3 spaces; ``ER`` ends a
record, ``EF`` the file. Tab-delimited: the same tags as a header row, no quoting, ``; `` inside cells.
The reprint address (``RP``) stands in for the addresses when a record has no ``C1`` (as bibliometrix does).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator

from collabguard.bibliometrics.address import parse_wos_address, split_wos_addresses
from collabguard.bibliometrics.records import LoadResult, Skipped, Work, normalise_doi, parse_year
from collabguard.io.csv_rows import Rows

_REPRINT = re.compile(r"^.*?\((?:corresponding|reprint) author\),\s*", re.I)
MULTI_LINE_JOINED = {"TI", "WC", "SC"}  # wrapped text: join lines with a space
# The tags the statistics use; the rest (abstracts, cited references…) are skipped as they are read, so a
# 100,000-record export does not sit in memory.
KEPT_TAGS = frozenset({"UT", "DI", "PY", "EA", "TI", "DT", "PT", "WC", "SC", "C1", "RP"})


def _work(tags: dict[str, list[str]], source: str, number: int, c1: list[str]) -> Work:
    def one(tag: str) -> str:
        return " ".join(tags.get(tag, [])).strip()

    addresses = c1 or [_REPRINT.sub("", rp) for rp in tags.get("RP", []) if rp.strip()]
    return Work(
        source=source,
        record=number,
        key=one("UT"),
        doi=normalise_doi(one("DI")),
        year=parse_year(one("PY")) or parse_year(one("EA")[-4:] if one("EA") else ""),
        title=one("TI"),
        doc_type=one("DT") or one("PT"),
        fields=[f.strip() for f in (one("WC") or one("SC")).split(";") if f.strip()],
        affiliations=[parse_wos_address(a) for a in addresses],
    )


def _records(lines: Iterable[str]) -> Iterator[tuple[int, int, dict[str, list[str]], bool]]:
    """(record number, first line, kept tags, ended with ER) for each record."""
    tags: dict[str, list[str]] = {}
    current: list[str] | None = None
    number = 0
    first_line = 0
    started = False
    for line_no, line in enumerate(lines, start=1):
        if line.startswith("   "):
            if current is not None:
                current.append(line.strip())
            continue
        tag = line[:2]
        if len(tag) < 2 or not tag.isalnum() or not tag.isupper() or line[2:3] not in (" ", "\n", "\r", ""):
            continue
        if tag == "ER":
            number += 1
            yield number, first_line, tags, True
            tags, current, started = {}, None, False
            continue
        if tag in ("FN", "VR", "EF") and not started:
            continue
        if not started:
            first_line, started = line_no, True
        if tag in KEPT_TAGS:
            current = tags.setdefault(tag, [])
            current.append(line[3:].strip())
        else:
            current = None
    if started:
        yield number + 1, first_line, tags, False


def read_wos_plain(lines: Iterable[str], source: str) -> LoadResult:
    result = LoadResult(formats={source: "wos-plain"})
    for number, line, tags, ended in _records(lines):
        if not ended:
            result.warnings.append(f"{source}: line {line}: record {number} has no ER line; the file may be "
                                   "truncated; the record was read as far as it goes")
        for tag in MULTI_LINE_JOINED & tags.keys():
            tags[tag] = [" ".join(tags[tag])]
        if not (tags.get("UT") or tags.get("TI")):
            result.skipped.append(Skipped(source, number, f"line {line}: no title (TI) and no accession number (UT)"))
            continue
        result.works.append(_work(tags, source, number, tags.get("C1", [])))
    return result


def read_wos_tab(lines: Iterable[str], source: str) -> LoadResult:
    result = LoadResult(formats={source: "wos-tab"})
    reader = Rows(lines, source, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [h.strip() for h in next(reader, [])]
    for number, row in enumerate(reader, start=1):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header) - 1:  # exports end rows with an empty trailing cell; fewer is a cut row
            result.skipped.append(Skipped(source, number, f"line {number + 1}: {len(row)} cells but "
                                                          f"{len(header)} columns (cut or re-saved file?)"))
            continue
        cells = dict(zip(header, row, strict=False))
        tags = {tag: [cells.get(tag, "")] for tag in ("UT", "DI", "PY", "EA", "TI", "DT", "PT", "WC", "SC", "RP")}
        if not (cells.get("UT", "").strip() or cells.get("TI", "").strip()):
            result.skipped.append(Skipped(source, number, f"line {number + 1}: no title (TI) and no accession "
                                                          "number (UT)"))
            continue
        tags["RP"] = [r for r in cells.get("RP", "").split("; ") if r]
        result.works.append(_work(tags, source, number, split_wos_addresses(cells.get("C1", ""))))
    return result
