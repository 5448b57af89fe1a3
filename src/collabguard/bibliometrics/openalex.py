"""OpenAlex works: one Work JSON, an API page (``results``), JSON Lines, or the web UI's CSV export.

Countries are the union of ``authorships[].institutions[].country_code`` and ``authorships[].countries``;
an institution's ``ror`` (its ROR id) is kept, so that a listed organisation linked to that ROR record
is recognised by the identifier as well as by the name.
Keys missing from older or newer responses (schema drift) are tolerated.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from collabguard.bibliometrics.records import Affiliation, LoadResult, Skipped, Work, normalise_doi, parse_year
from collabguard.countries import country_code
from collabguard.errors import InputError
from collabguard.identifiers import ror_id
from collabguard.io.csv_rows import DictRows
from collabguard.io.json_text import json_problem

OPENALEX_CSV_MARKERS = ("authorships.countries", "publication_year")


class WrongShape(Exception):
    """A field of a work holds another kind of value than OpenAlex gives (text for a list ...)."""

    def __init__(self, field: str, expected: str, value: object) -> None:
        super().__init__(f"{field}: {expected} was expected, found {_kind(value)}")


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int | float):
        return "a number"
    return "a list" if isinstance(value, list) else "an object" if isinstance(value, dict) else type(value).__name__


# Every field read from a work goes through one of these: a missing field (or null) is tolerated (schema
# drift), a field of another kind is a WrongShape naming it, and the record is skipped and counted.
def _obj(value: Any, field: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise WrongShape(field, "an object", value)
    return value


def _list(value: Any, field: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise WrongShape(field, "a list", value)
    return value


def _text(value: Any, field: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise WrongShape(field, "text", value)


def _fields(work: dict[str, Any]) -> list[str]:
    topic = _obj(work.get("primary_topic"), "primary_topic")
    field = _text(_obj(topic.get("field"), "primary_topic.field").get("display_name"), "primary_topic.field.display_name")
    subfield = _text(_obj(topic.get("subfield"), "primary_topic.subfield").get("display_name"),
                     "primary_topic.subfield.display_name")
    return [f for f in (field, subfield) if f]


def _year(value: Any) -> int | None:
    if value is None or isinstance(value, str) or (isinstance(value, int | float) and not isinstance(value, bool)):
        return parse_year(value)
    raise WrongShape("publication_year", "a year", value)


def work_from_json(work: dict[str, Any], source: str, number: int) -> Work:
    """One OpenAlex Work object as a :class:`Work`; :class:`WrongShape` names the first field that is not
    what OpenAlex gives."""
    affiliations: list[Affiliation] = []
    countries_only: list[str] = []
    for i, entry in enumerate(_list(work.get("authorships"), "authorships")):
        at = f"authorships[{i}]"
        authorship = _obj(entry, at)
        institutions = _list(authorship.get("institutions"), f"{at}.institutions")
        raw = "; ".join(_text(r, f"{at}.raw_affiliation_strings[{j}]")
                        for j, r in enumerate(_list(authorship.get("raw_affiliation_strings"), f"{at}.raw_affiliation_strings")))
        for j, item in enumerate(institutions):
            inst = _obj(item, f"{at}.institutions[{j}]")
            code = country_code(_text(inst.get("country_code"), f"{at}.institutions[{j}].country_code"))
            name = _text(inst.get("display_name"), f"{at}.institutions[{j}].display_name")
            ror = ror_id(_text(inst.get("ror"), f"{at}.institutions[{j}].ror")) or ""
            affiliations.append(Affiliation(raw=raw or name, institution=name, country=code, ror=ror))
        # an authorship's countries without an institution still count (Work.countries is the union)
        countries_only += [code for j, c in enumerate(_list(authorship.get("countries"), f"{at}.countries"))
                           if (code := country_code(_text(c, f"{at}.countries[{j}]")))]
    display, title = _text(work.get("display_name"), "display_name"), _text(work.get("title"), "title")  # the first wins
    return Work(
        source=source,
        record=number,
        key=_text(work.get("id"), "id"),
        doi=normalise_doi(_text(work.get("doi"), "doi")),
        year=_year(work.get("publication_year")),
        title=display or title,
        doc_type=_text(work.get("type"), "type"),
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
        try:
            result.works.append(work_from_json(item, source, number))
        except WrongShape as exc:
            result.skipped.append(Skipped(source, number, f"{where}: {exc}"))


def read_openalex_json(text: str, source: str) -> LoadResult:
    """A single work, an API page, or a JSON array of works."""
    result = LoadResult(formats={source: "openalex-json"})
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg}); "
                         "is the file cut short?") from None
    except (ValueError, RecursionError) as exc:
        where, problem = json_problem(exc, text)
        raise InputError(f"{source}: {'line ' + where.replace(':', ' column ') + ': ' if where else ''}{problem}") from None
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
        except (ValueError, RecursionError) as exc:  # a number too long to read, nesting too deep
            result.skipped.append(Skipped(source, number, f"line {line_no}: {json_problem(exc, line)[1]}"))
            continue
        _add(result, item, source, number, f"line {line_no}")
    return result


def read_openalex_csv(lines: Iterable[str], source: str) -> LoadResult:
    """The web UI export: lists joined with ``|``. Institutions and countries are not reliably paired
    (an author with two institutions has two names but one country slot), so countries are kept per work."""
    result = LoadResult(formats={source: "openalex-csv"})
    reader = DictRows(lines, source)
    for number, row in enumerate(reader, start=1):
        if None in row:
            result.skipped.append(Skipped(source, number, f"line {reader.line_num}: more cells than columns"))
            continue
        if not ((row.get("id") or "").strip() or (row.get("display_name") or "").strip()):
            result.skipped.append(Skipped(source, number, f"line {reader.line_num}: no id and no display_name"))
            continue
        names = [n.strip() for n in (row.get("authorships.institutions.display_name") or "").split("|") if n.strip()]
        # the institutions' ROR ids, in the same order as their names where the export gives one cell per name
        cells = (row.get("authorships.institutions.display_name") or "").split("|")
        rors = (row.get("authorships.institutions.ror") or "").split("|")
        ror_of = ({n.strip(): ror_id(r) or "" for n, r in zip(cells, rors, strict=True) if n.strip()}
                  if len(rors) == len(cells) else {})
        codes = sorted({c for c in (country_code(x) for x in (row.get("authorships.countries") or "").split("|"))
                        if c})
        topic = (row.get("primary_topic.display_name") or "").strip()
        result.works.append(Work(
            source=source, record=number, key=(row.get("id") or "").strip(),
            doi=normalise_doi(row.get("doi") or ""), year=parse_year(row.get("publication_year")),
            title=(row.get("display_name") or "").strip(), doc_type=(row.get("type") or "").strip(),
            fields=[topic] if topic else [],
            affiliations=[Affiliation(raw=n, institution=n, country=None, ror=ror_of.get(n, "")) for n in dict.fromkeys(names)],
            countries_only=codes,
        ))
    return result
