"""A documented plain CSV for anything else (Cristin/NVA, Dimensions re-saves, a research office's own table).

Columns (names are matched case-insensitively; a mapping renames yours to these):

``id``            record id (any)                     ``year``          publication year
``title``         title                               ``doi``           DOI (optional)
``doc_type``      document type (optional)            ``fields``        subject fields, ``;``-separated (optional)
``countries``     countries (names or ISO codes), ``;``-separated
``institutions``  institution names, ``;``-separated (optional)

Norwegian Excel saves CSV with ``;`` between cells (then separate lists with ``|``); the delimiter is sniffed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from collabguard.bibliometrics.address import country_from_name
from collabguard.bibliometrics.records import Affiliation, LoadResult, Skipped, Work, normalise_doi, parse_year
from collabguard.errors import InputError
from collabguard.io.csv_rows import Rows

SHOWN_CHARS = 80  # of a cell quoted back in a warning
SHOWN_UNKNOWN = 50  # unknown country names listed one by one
COLUMNS = ("id", "year", "title", "doi", "doc_type", "fields", "countries", "institutions")


def sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _split(cell: str, delimiter: str) -> list[str]:
    sep = "|" if delimiter == ";" or "|" in cell else ";"
    return [x.strip() for x in cell.split(sep) if x.strip()]


def read_plain_csv(lines: Iterable[str], source: str, mapping: dict[str, str] | None = None) -> LoadResult:
    result = LoadResult(formats={source: "plain-csv"})
    stream = iter(lines)
    first = next(stream, "")
    delimiter = sniff_delimiter(first)
    reader = Rows(itertools.chain([first], stream), source, delimiter=delimiter)
    header = next(reader, [])
    rename = {v.strip().lower(): k for k, v in (mapping or {}).items()}
    names = [rename.get(h.strip().lower(), h.strip().lower()) for h in header]
    if "countries" not in names and "institutions" not in names:
        raise InputError(f"{source}: line 1: no 'countries' or 'institutions' column; the columns are "
                         f"{', '.join(h for h in header if h) or 'missing'}. A plain CSV needs: {', '.join(COLUMNS)} "
                         "(map yours with --columns YOUR_HEADER=countries,..., their header first as for batch)")
    unknown: dict[str, list[int]] = {}  # one warning per unknown country name, not one per row
    for number, row in enumerate(reader, start=1):
        if not any(c.strip() for c in row):
            continue
        if len(row) > len(names):
            result.skipped.append(Skipped(source, number, f"line {reader.line_num}: {len(row)} cells but "
                                                          f"{len(names)} columns"))
            continue
        cells = dict(zip(names, row, strict=False))
        countries = _split(cells.get("countries", ""), delimiter)
        codes = [country_from_name(c) for c in countries]
        for name, code in zip(countries, codes, strict=True):
            if code is None:
                unknown.setdefault(name, []).append(reader.line_num)
        result.works.append(Work(
            source=source, record=number, key=cells.get("id", "").strip(), doi=normalise_doi(cells.get("doi", "")),
            year=parse_year(cells.get("year")), title=cells.get("title", "").strip(),
            doc_type=cells.get("doc_type", "").strip(), fields=_split(cells.get("fields", ""), delimiter),
            affiliations=[Affiliation(raw=i, institution=i, country=None)
                          for i in _split(cells.get("institutions", ""), delimiter)],
            countries_only=sorted({c for c in codes if c}),
        ))
    for name, lines_seen in itertools.islice(unknown.items(), SHOWN_UNKNOWN):
        more = f" and {len(lines_seen) - 1} more lines" if len(lines_seen) > 1 else ""
        shown = name if len(name) <= SHOWN_CHARS else name[:SHOWN_CHARS] + "…"
        result.warnings.append(f"{source}: line {lines_seen[0]}{more}: countries: {shown!r} is not a known country; "
                               "those works count without it")
    if len(unknown) > SHOWN_UNKNOWN:
        result.warnings.append(f"{source}: countries: {len(unknown) - SHOWN_UNKNOWN:,} more names that are not known "
                               "countries; those works count without them")
    return result
