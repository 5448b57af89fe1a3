"""Scopus CSV export (current and older column sets; ``Affiliations`` or ``Authors with affiliations``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from collabguard.bibliometrics.address import parse_scopus_affiliation
from collabguard.bibliometrics.records import LoadResult, Skipped, Work, normalise_doi, parse_year
from collabguard.io.csv_rows import DictRows

SCOPUS_MARKERS = ("EID", "Authors with affiliations", "Source title")


def _affiliation_strings(row: dict[Any, Any]) -> list[str]:
    """``Affiliations`` is ``; ``-separated. Without it, take ``Authors with affiliations`` and drop each
    entry's leading author name (``Liu F., Dept…, City, Country``)."""
    cell = (row.get("Affiliations") or "").strip()
    if cell:
        return [a.strip() for a in cell.split("; ") if a.strip()]
    entries = [a.strip() for a in (row.get("Authors with affiliations") or "").split("; ") if a.strip()]
    out = []
    for entry in entries:
        parts = entry.split(", ", 1)
        if len(parts) == 2:
            out.append(parts[1])
    return list(dict.fromkeys(out))


def read_scopus(lines: Iterable[str], source: str) -> LoadResult:
    result = LoadResult(formats={source: "scopus-csv"})
    reader = DictRows(lines, source)
    for number, row in enumerate(reader, start=1):
        if None in row:  # more cells than columns: a row broken by an unclosed quote or a re-save
            result.skipped.append(Skipped(source, number, f"line {reader.line_num}: more cells than columns"))
            continue
        title = (row.get("Title") or "").strip()
        key = (row.get("EID") or "").strip()
        if not (title or key):
            result.skipped.append(Skipped(source, number, f"line {reader.line_num}: no Title and no EID"))
            continue
        result.works.append(Work(
            source=source,
            record=number,
            key=key,
            doi=normalise_doi(row.get("DOI") or ""),
            year=parse_year(row.get("Year")),
            title=title,
            doc_type=(row.get("Document Type") or "").strip(),
            fields=[],  # Scopus CSV carries no subject areas (ASJC is by source title)
            affiliations=[parse_scopus_affiliation(a) for a in _affiliation_strings(row)],
        ))
    return result
