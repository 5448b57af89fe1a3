"""FollowTheMoney entities as JSON lines (``--format ftm-json``): OpenSanctions' ``entities.ftm.json``
(its exporter ``zavod/exporters/ftm.py``; the data model at followthemoney.tech).

One entity per line: ``{"id", "schema", "caption", "properties": {"name": [...], ...}, "datasets",
"referents", "target", "first_seen", "last_seen", "last_change"}``. The file holds the listed entities
(``target`` true) and the records around them: ``Sanction`` (``entity`` → the listed entity's id,
``program``, ``authority``, ``authorityId``, ``provisions``, ``listingDate``, ``startDate``),
``Address`` (``full``), and entities that are not listed themselves (owners, relatives); a file
without ``target`` keys (plain FtM) counts every entity as listed.

Per listed entity this keeps: the names (``name``, ``alias``, ``previousName``; a ``weakAlias`` only
as an acronym), the countries (territory codes as their country; Hong Kong addresses as HK), the
addresses (``address`` and the linked Address records), the source page (``sourceUrl``, else the
OpenSanctions entity page), the sanctions' programme, authority and citation as the legal basis (else
the datasets), the earliest listing or start date, the sanctions' scope as the measure, the topics in
words as the category, and the last change as the source date. Organisations (Organization, Company,
PublicBody, a LegalEntity without person evidence) are entries; persons (Person, a LegalEntity with
person evidence: :mod:`collabguard.lists.followthemoney`) are kept as persons, never matched; vessels,
aircraft and other things are left out. Filters: :mod:`collabguard.lists.entity_filter`.

The file is read twice, line by line, never whole: once for the listed entities, then (only if it
has any) for the Sanction and Address records of the entities kept. Memory holds the kept entities,
not the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from collabguard.errors import InputError
from collabguard.limits import limit
from collabguard.lists.entity_filter import EntityFilter
from collabguard.lists.followthemoney import countries, has_person_evidence, iso_date, kind_of, topic_labels, vocabulary
from collabguard.lists.ftm_lines import Problems, open_lines, parse_line, raw_lines
from collabguard.lists.rows import countries_of, make_row, split_acronyms

HELPERS = (b'"Sanction"', b'"Address"')  # what the second reading looks for before it parses a line


@dataclass(slots=True)
class Entry:
    ident: str
    kind: str
    name: str
    aliases: list[str]
    countries: list[str]
    addresses: list[str]
    address_refs: list[str]
    datasets: list[str]
    topics: list[str]
    programs: list[str]
    source_url: str
    created: str
    changed: str
    basis: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    sanction_urls: list[str] = field(default_factory=list)


def _values(props: dict[str, Any], *names: str) -> list[str]:
    return [v.strip() for n in names for v in props.get(n) or () if v.strip()]


def _url(values: list[str]) -> str:
    return next((u for u in values if u.startswith(("https://", "http://"))), "")


def _entry(data: dict[str, Any], kind: str, topics: list[str]) -> Entry | str:
    """A listed entity as an entry, or the problem that stops it being one."""
    vocab = vocabulary()
    props: dict[str, Any] = data.get("properties") or {}
    names = list(dict.fromkeys(_values(props, *vocab["name_properties"])))
    caption = (data.get("caption") or "").strip()
    name = caption if caption and (caption in names or not names) else (names[0] if names else "")
    if not name:
        return "properties.name: missing: a listed entity needs a name"
    weak = split_acronyms(_values(props, *vocab["weak_name_properties"]))[1]  # acronyms only (NPU)
    return Entry(
        ident=data["id"], kind=kind, name=name, aliases=[n for n in names if n != name] + weak,
        countries=countries(_values(props, *vocab["country_properties"])), addresses=_values(props, "address"),
        address_refs=_values(props, "addressEntity"), datasets=list(dict.fromkeys(data.get("datasets") or ())),
        topics=topics, programs=_values(props, "program", "programId"), source_url=_url(_values(props, "sourceUrl")),
        created=min((d for d in map(iso_date, _values(props, "createdAt")) if d), default=""),
        changed=iso_date(data.get("last_change")) or max(map(iso_date, _values(props, "modifiedAt")), default="")
        or iso_date(data.get("last_seen")))


def _read_listed(path: Path, filters: EntityFilter) -> tuple[list[Entry], bool]:
    """First reading: every line checked, the listed entities the filters keep; and whether the file
    has Sanction or Address records."""
    problems, entries, helpers, first = Problems(path), [], False, True
    most = limit("cell_chars")
    with open_lines(path) as fh:
        for number, raw in raw_lines(fh, most * 5):
            if raw is None:
                problems.add(number, f"line longer than {most * 5:,} bytes (COLLABGUARD_MAX_CELL_CHARS x 5)")
                continue
            data = parse_line(raw, number, most)
            if data is None:
                continue
            if isinstance(data, str):
                if first:  # the first entity decides whether this is the format at all
                    raise InputError(f"{path}:{number}: not a ftm-json file (one FollowTheMoney entity object per line): {data}")
                problems.add(number, data)
                continue
            first = False
            schema = data["schema"]
            if schema in ("Sanction", "Address"):
                helpers = True
                continue
            if data.get("target") is False:
                continue  # not listed itself: an owner, a relative, a linked company
            props = data.get("properties") or {}
            topics = _values(props, "topics")
            if not filters.admits(data.get("datasets") or (), topics, schema):
                continue
            kind = kind_of(schema, has_person_evidence(props, topics))
            if not kind:
                continue  # a vessel, an aircraft, a security: not an institution
            entry = _entry(data, kind, topics)
            if isinstance(entry, str):
                problems.add(number, entry)
            else:
                entries.append(entry)
    if first:
        raise InputError(f"{path}: no FollowTheMoney entity in this file")
    problems.raise_any()
    return entries, helpers


def _read_helpers(path: Path, entries: list[Entry]) -> None:
    """Second reading: the Sanction records of the kept entities and the Address records they link."""
    by_id: dict[str, list[Entry]] = {}
    for e in entries:
        by_id.setdefault(e.ident, []).append(e)
    wanted = {ref for e in entries for ref in e.address_refs}
    found: dict[str, str] = {}
    with open_lines(path) as fh:
        for number, raw in raw_lines(fh, limit("cell_chars") * 5):
            if raw is None or not any(h in raw for h in HELPERS):
                continue
            try:
                data = json.loads(raw)
            except ValueError:
                raise InputError(f"{path}:{number}: the file changed while it was read; import it again") from None
            if not isinstance(data, dict):
                continue
            props = data.get("properties") or {}
            if data.get("schema") == "Address" and data.get("id") in wanted:
                full = _values(props, "full") or [str(data.get("caption") or "").strip()]
                found[data["id"]] = full[0]
            elif data.get("schema") == "Sanction":
                for ref in _values(props, "entity"):
                    for e in by_id.get(ref, ()):
                        _add_sanction(e, props)
    for e in entries:
        e.addresses += [found[r] for r in e.address_refs if found.get(r)]


def _add_sanction(e: Entry, props: dict[str, Any]) -> None:
    head = ": ".join(dict.fromkeys(_values(props, "authority") + _values(props, "program")))
    cites = _values(props, "authorityId", "unscId")
    basis = ", ".join([head, *cites] if head else cites)
    if basis:
        e.basis.append(basis)
    e.dates += [d for d in map(iso_date, _values(props, "listingDate") or _values(props, "startDate")) if d]
    e.measures += _values(props, "provisions")
    e.sanction_urls += _values(props, "sourceUrl")


def _row(e: Entry, prefix: str) -> dict[str, str]:
    addresses = list(dict.fromkeys(e.addresses))
    found = countries_of(addresses)
    every = list(dict.fromkeys([*e.countries, *found]))
    country = every[0] if every else ""
    if country == "CN" and found and set(found) <= {"HK"}:
        country = "HK"  # listed under China, every address in Hong Kong
    datasets = ", ".join(e.datasets)
    basis = "; ".join(sorted(set(e.basis))) or "; ".join(dict.fromkeys(e.programs)) or (
        f"OpenSanctions dataset{'s' if len(e.datasets) > 1 else ''} {datasets}" if datasets else "")
    url = e.source_url or _url(e.sanction_urls) or f"https://www.opensanctions.org/entities/{e.ident}/"
    return make_row(prefix, e.ident, e.name, e.aliases, country, f"OpenSanctions ({datasets})" if datasets else "OpenSanctions",
                    "; ".join(topic_labels(e.topics)), url, e.changed, kind=e.kind, countries=every, addresses=addresses,
                    legal_basis=basis, date_added=min(e.dates, default="") or e.created,
                    measure="; ".join(sorted(set(e.measures))))


def import_ftm(path: Path, prefix: str, filters: EntityFilter | None = None) -> list[dict[str, str]]:
    """The listed organisations and persons of a FollowTheMoney JSON lines file, in list-schema rows."""
    filters = filters if filters is not None else EntityFilter()
    entries, helpers = _read_listed(path, filters)
    filters.check_known(str(path))
    if entries and (helpers or any(e.address_refs for e in entries)):
        _read_helpers(path, entries)
    entries.reverse()
    rows = []
    while entries:  # each entry let go as its row is made: memory holds one of the two, not both
        rows.append(_row(entries.pop(), prefix))
    return rows
