"""OpenAlex works: one Work JSON, an API page (``results``), JSON Lines, or the web UI's CSV export.

Countries are the union of ``authorships[].institutions[].country_code`` and ``authorships[].countries``.
Keys missing from older or newer responses (schema drift) are tolerated.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any

from collabguard.bibliometrics.records import Affiliation, LoadResult, Skipped, Work, normalise_doi, parse_year
from collabguard.countries import country_code

OPENALEX_CSV_MARKERS = ("authorships.countries", "publication_year")


def _fields(work: dict[str, Any]) -> list[str]:
    topic = work.get("primary_topic") or {}
    field = (topic.get("field") or {}).get("display_name") or ""
    subfield = (topic.get("subfield") or {}).get("display_name") or ""
    return [f for f in (field, subfield) if f]


def work_from_json(work: dict[str, Any], source: str, number: int) -> Work:
    affiliations: list[Affiliation] = []
    countries_only: list[str] = []
    for authorship in work.get("authorships") or []:
        institutions = authorship.get("institutions") or []
        raw = "; ".join(authorship.get("raw_affiliation_strings") or [])
        for inst in institutions:
            code = country_code(str(inst.get("country_code") or ""))
            affiliations.append(Affiliation(raw=raw or str(inst.get("display_name") or ""),
                                            institution=str(inst.get("display_name") or ""), country=code))
        # an authorship's countries without an institution still count (Work.countries is the union)
        countries_only += [code for c in authorship.get("countries") or [] if (code := country_code(str(c)))]
    return Work(
        source=source,
        record=number,
        key=str(work.get("id") or ""),
        doi=normalise_doi(str(work.get("doi") or "")),
        year=parse_year(work.get("publication_year")),
        title=str(work.get("display_name") or work.get("title") or ""),
        doc_type=str(work.get("type") or ""),
        fields=_fields(work),
        affiliations=affiliations,
        countries_only=sorted(set(countries_only)),
    )


def _add(result: LoadResult, item: object, source: str, number: int, where: str) -> None:
    if not isinstance(item, dict):
        result.skipped.append(Skipped(source, number, f"{where}: not an OpenAlex work object"))
    elif not (item.get("id") or item.get("display_name") or item.get("title")):
        result.skipped.append(Skipped(source, number, f"{where}: no id and no title"))
    else:
        result.works.append(work_from_json(item, source, number))


def read_openalex_json(text: str, source: str) -> LoadResult:
    """A single work, an API page, or a JSON array of works."""
    result = LoadResult(formats={source: "openalex-json"})
    data = json.loads(text)
    items = data.get("results") if isinstance(data, dict) and "results" in data else data
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        result.skipped.append(Skipped(source, 1, "JSON is neither a work, a list of works nor an API page"))
        return result
    for number, item in enumerate(items, start=1):
        _add(result, item, source, number, f"work {number}")
    return result


def read_openalex_jsonl(lines: Iterable[str], source: str) -> LoadResult:
    result = LoadResult(formats={source: "openalex-jsonl"})
    number = 0
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        number += 1
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            result.skipped.append(Skipped(source, number, f"line {line_no}: not valid JSON ({exc.msg}; "
                                                          "truncated file?)"))
            continue
        _add(result, item, source, number, f"line {line_no}")
    return result


def read_openalex_csv(lines: Iterable[str], source: str) -> LoadResult:
    """The web UI export: lists joined with ``|``. Institutions and countries are not reliably paired
    (an author with two institutions has two names but one country slot), so countries are kept per work."""
    result = LoadResult(formats={source: "openalex-csv"})
    reader = csv.DictReader(lines)
    for number, row in enumerate(reader, start=1):
        if None in row:
            result.skipped.append(Skipped(source, number, f"line {reader.line_num}: more cells than columns"))
            continue
        if not ((row.get("id") or "").strip() or (row.get("display_name") or "").strip()):
            result.skipped.append(Skipped(source, number, f"line {reader.line_num}: no id and no display_name"))
            continue
        names = [n.strip() for n in (row.get("authorships.institutions.display_name") or "").split("|") if n.strip()]
        codes = sorted({c for c in (country_code(x) for x in (row.get("authorships.countries") or "").split("|"))
                        if c})
        topic = (row.get("primary_topic.display_name") or "").strip()
        result.works.append(Work(
            source=source, record=number, key=(row.get("id") or "").strip(),
            doi=normalise_doi(row.get("doi") or ""), year=parse_year(row.get("publication_year")),
            title=(row.get("display_name") or "").strip(), doc_type=(row.get("type") or "").strip(),
            fields=[topic] if topic else [],
            affiliations=[Affiliation(raw=n, institution=n, country=None) for n in dict.fromkeys(names)],
            countries_only=codes,
        ))
    return result
