"""Link list entries to Research Organization Registry (ROR) records where identity is certain, and
collect the names ROR gives them (``collabguard lists enrich``).

An entry and a record are linked when a name of the entry equals a name of the record after
collabguard's normalisation, and their countries agree (mainland China, Hong Kong and Macao count as
one, as in matching):

- names compared: the entry's name, local-script name and aliases; the record's display name,
  labels and aliases (a trailing "(China)" on a record's name, or "(NUDT)" on an entry's, left out).
  Acronyms never link, and neither do generic names ("Institute of Physics");
- the entry's own name is stronger evidence than one of its aliases (lists give a parent a unit's
  name as an alias): an entry whose name fits a record is judged on that, its aliases only if its
  name fits none;
- several records fitting an entry equally, or one record fitting several entries of one list
  equally, is ambiguous: reported, never linked. So is a link made by a local-script name alone
  when the English names disagree (a record may carry another body's Chinese name). Only active
  records are used.

A second reading of the dumps finds what the links need from other records: the children of each
record linked by an entry's own name, in the entry's country (units of the listed organisation: they
become "part of listed organisation …", never a match on it), and any other record or list entry
that shares a name of a linked record; a third, any other record that shares a unit's name. A shared
name says nothing about identity and is left out (counted in the summary). Memory holds the list entries
and the records they fit, never the registry.

The first reading also finds the acronyms collabguard derives from entries' names (the lists do not give
them) that ROR gives another organisation of the entry's country ("CAS": China Avionics Systems, derived;
the Chinese Academy of Sciences, registered): written to a second file (:mod:`collabguard.lists.registry_acronyms`)
so that such an acronym alone is not reported on the entry. A record that fits the entry by a name is the
entry itself, not another organisation.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from collabguard.countries import country_code
from collabguard.lists.model import Entity
from collabguard.lists.registry_aliases import COLUMNS as COLUMNS
from collabguard.lists.ror_dump import DumpReader, RorName, RorRecord
from collabguard.matching.compare import COUNTRY_WORDS, INSTITUTION_WORDS, OPTIONAL_WORDS, compare
from collabguard.matching.eponyms import without_eponym
from collabguard.matching.index import TWIN_RATIO, entity_forms, skipped_acronyms
from collabguard.matching.normalize import acronym_key, is_generic, looks_like_acronym, normalize, tokens
from collabguard.matching.translate import script_of

NAME, ALIAS = 0, 1  # how an entry fits a record: by its own name, or only by one of its aliases
_CHINA = frozenset({"CN", "HK", "MO"})
_TRAILING_BRACKET = re.compile(r"\s*\(([^()]*)\)\s*$")
AMBIGUOUS_COLUMNS = ("list_id", "entity_id", "entity_name", "country", "problem", "ror_ids", "ror_names", "other_entries")


def region(country: str) -> str:
    return "CN" if country in _CHINA else country


def identity_keys(text: str) -> set[str]:
    """The normalised forms a name is compared by: none for an acronym or a generic name."""
    if not text or looks_like_acronym(text):
        return set()
    variants = {text}
    bracket = _TRAILING_BRACKET.search(text)
    # "National University of Defense Technology (NUDT)"; ROR's "Huawei Technologies (China)"
    if bracket and (looks_like_acronym(bracket.group(1)) or country_code(bracket.group(1)) is not None):
        variants.add(text[:bracket.start()])
    return {norm for v in variants if (norm := normalize(v)) and not is_generic(norm) and not looks_like_acronym(v)}


def _record_keys(record: RorRecord) -> dict[str, str]:
    """Normalised form → the record's name it comes from (acronyms left out)."""
    return {k: n.value for n in record.names if n.kind != "acronym" for k in identity_keys(n.value)}


@dataclass(frozen=True, slots=True)
class Link:
    entity: Entity
    record: RorRecord
    linked_by: str  # the entry's name or alias that equals a name of the record
    on: str  # name | alias: which of the entry's names it was


@dataclass(frozen=True, slots=True)
class Ambiguity:
    entity: Entity
    problem: str
    records: tuple[RorRecord, ...]
    others: tuple[str, ...] = ()  # entity ids of the other entries of the list the record fits


@dataclass
class Enrichment:
    """The outcome: links, ambiguities, the children of linked records, and counts."""

    links: list[Link] = field(default_factory=list)
    ambiguous: list[Ambiguity] = field(default_factory=list)
    children: dict[str, list[RorRecord]] = field(default_factory=dict)  # linked ROR id → its child records
    dropped: dict[str, set[str]] = field(default_factory=dict)  # linked or child ROR id → names (normalised) left out
    entries: Counter[str] = field(default_factory=Counter)  # per list: entries that could be linked
    records_read: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # inactive, withdrawn, not a record
    dumps: list[DumpReader] = field(default_factory=list)
    # an entry, an acronym derived from its name, another organisation's ROR record with that acronym
    acronyms_elsewhere: list[tuple[Entity, str, RorRecord]] = field(default_factory=list)
    # (entry, an alias the list gives it, a ROR record of another organisation of its country with that name)
    names_elsewhere: list[tuple[Entity, str, RorRecord]] = field(default_factory=list)
    # (an institution, its name or alias, a ROR record of another country whose own name it is): registry_namesakes.py
    namesakes: list[tuple[Entity, str, RorRecord]] = field(default_factory=list)

    def per_list(self) -> dict[str, tuple[int, int, int]]:
        """Per list: entries, linked, ambiguous."""
        linked = Counter(link.entity.list_id for link in self.links)
        unclear = Counter(a.entity.list_id for a in self.ambiguous)
        return {lid: (n, linked[lid], unclear[lid]) for lid, n in sorted(self.entries.items())}

    def rows(self) -> list[dict[str, str]]:
        """The alias file: one row per name of a linked record (relation ``same``) and per name of one
        of its children (relation ``part``)."""
        out: list[dict[str, str]] = []
        for link in sorted(self.links, key=lambda x: (x.entity.list_id, x.entity.entity_id)):
            e, rec = link.entity, link.record
            base = {"list_id": e.list_id, "entity_id": e.entity_id, "entity_name": e.name, "country": e.country,
                    "ror_id": rec.ror_id, "wikidata": rec.wikidata, "linked_by": link.linked_by, "linked_on": link.on}
            dropped = self.dropped.get(rec.ror_id, set())
            for n in _ordered(rec):
                keys = identity_keys(n.value)
                if not keys & dropped and (n.kind == "acronym" or looks_like_acronym(n.value) or keys):
                    out.append({**base, **_name_cells(rec, n.value, n.kind, n.lang), "relation": "same"})
            own = set(_record_keys(rec))
            # units only of an entry that is the record by its own name: an alias may be a parent's or a
            # unit's name (lists give both), and the record's children would not be this entry's units
            units = self.children.get(rec.ror_id, ()) if link.on == "name" else ()
            for child in sorted(units, key=lambda r: r.ror_id):
                if not {region(c) for c in child.countries} & {region(e.country)}:
                    continue  # a unit abroad is for a person to judge, not a name of this entry
                shared = self.dropped.get(child.ror_id, set())
                for n in _ordered(child):
                    keys = identity_keys(n.value) if n.kind != "acronym" else set()
                    if keys and not keys & own and not keys & shared:
                        out.append({**base, **_name_cells(child, n.value, n.kind, n.lang), "relation": "part"})
        return out

    def acronym_rows(self) -> list[dict[str, str]]:
        """The file of acronyms derived from entries' names that ROR gives other organisations."""
        return [{"list_id": e.list_id, "entity_id": e.entity_id, "entity_name": e.name, "country": e.country,
                 "acronym": acr, "record_id": rec.ror_id, "record_name": rec.display, "ror_release": rec.release,
                 "ror_date": rec.date}
                for e, acr, rec in sorted(self.acronyms_elsewhere, key=lambda x: (x[0].list_id, x[0].entity_id, x[1], x[2].ror_id))]

    def name_rows(self) -> list[dict[str, str]]:
        """The file of aliases the lists give entries that ROR registers as other organisations."""
        return [{"list_id": e.list_id, "entity_id": e.entity_id, "entity_name": e.name, "country": e.country,
                 "name": alias, "record_id": rec.ror_id, "record_name": rec.display, "ror_release": rec.release,
                 "ror_date": rec.date}
                for e, alias, rec in sorted(self.names_elsewhere, key=lambda x: (x[0].list_id, x[0].entity_id, x[1], x[2].ror_id))]

    def namesake_rows(self) -> list[dict[str, str]]:
        """The file of organisations of other countries that ROR registers under listed institutions' names."""
        return [{"list_id": e.list_id, "entity_id": e.entity_id, "entity_name": e.name, "country": e.country,
                 "name": name, "record_id": rec.ror_id, "record_name": rec.display, "record_country": rec.countries[0],
                 "record_town": rec.towns[0] if rec.towns else "", "ror_release": rec.release, "ror_date": rec.date}
                for e, name, rec in sorted(self.namesakes, key=lambda x: (x[0].list_id, x[0].entity_id, x[1], x[2].ror_id))]

    def ambiguous_rows(self) -> list[dict[str, str]]:
        return [{"list_id": a.entity.list_id, "entity_id": a.entity.entity_id, "entity_name": a.entity.name,
                 "country": a.entity.country, "problem": a.problem, "ror_ids": "|".join(r.ror_id for r in a.records),
                 "ror_names": "|".join(r.display for r in a.records), "other_entries": "|".join(a.others)}
                for a in sorted(self.ambiguous, key=lambda a: (a.entity.list_id, a.entity.entity_id))]


def _ordered(record: RorRecord) -> list[RorName]:
    kinds = {"ror_display": 0, "label": 1, "alias": 2, "acronym": 3}
    return sorted(record.names, key=lambda n: (kinds.get(n.kind, 4), n.value))


def _name_cells(record: RorRecord, name: str, kind: str, lang: str) -> dict[str, str]:
    return {"record_id": record.ror_id, "record_name": record.display, "name": name, "name_kind": kind, "lang": lang,
            "ror_release": record.release, "ror_date": record.date}


class _Entries:
    """The entries' names by (region, normalised form), with how each entry holds it."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities = [e for e in entities if e.kind in ("institution", "company")]
        self.by_key: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
        self.institutions_by_key: dict[str, list[tuple[int, str]]] = defaultdict(list)  # any country's
        for i, e in enumerate(self.entities):
            held: dict[str, tuple[int, str]] = {}
            for text, tier in [(e.name, NAME), (e.name_local, NAME), *((a, ALIAS) for a in e.aliases)]:
                for key in identity_keys(text):
                    if key not in held or tier < held[key][0]:
                        held[key] = (tier, text)
            for key, (tier, text) in held.items():
                self.by_key[(region(e.country), key)].append((i, tier, text))
                if e.kind == "institution" and e.country and not INSTITUTION_WORDS.isdisjoint(tokens(text)):
                    # an institution's name (a university, an institute …): not "Huawei Technology", which ROR's
                    # Huawei Technologies (China) is a group company of, not another body of that name
                    self.institutions_by_key[key].append((i, text))

    def namesakes(self, record: RorRecord) -> Iterator[tuple[int, str]]:
        """The institutions of other countries (region) one of whose names is the record's own name (its ROR display
        name or a label: not a former name, an alias or an acronym)."""
        regions = {region(c) for c in record.countries}
        own = {k for n in record.names if n.kind in ("ror_display", "label") for k in identity_keys(n.value)}
        for key in own:
            for i, text in self.institutions_by_key.get(key, ()):
                if region(self.entities[i].country) not in regions:
                    yield i, text

    def fitting(self, record: RorRecord) -> Iterator[tuple[int, int, str]]:
        keys = _record_keys(record)
        for reg in {region(c) for c in record.countries}:
            for key in keys:
                yield from self.by_key.get((reg, key), ())


def _read(dumps: Sequence[DumpReader], result: Enrichment, counting: bool,
          statuses: frozenset[str] = frozenset({"active"})) -> Iterator[RorRecord]:
    """The records of every dump with one of these statuses (active ones by default), once each per reading."""
    for dump in dumps:
        for record in dump:
            if counting:
                result.records_read += 1
            if record.status not in statuses:
                if counting:
                    result.skipped[record.status] += 1
                continue
            yield record
        if counting:
            result.skipped["not a ROR record"] += dump.skipped


def enrich(entities: Iterable[Entity], dumps: Sequence[Path], release: str = "", date: str = "") -> Enrichment:
    """Link the entries to the records of the dumps (see the module's rules). ``release``/``date``:
    the data's, where a dump's file name does not say (a snapshot of ror-records)."""
    readers = [DumpReader(p, release=release, date=date) for p in dumps]
    result = Enrichment(dumps=readers)
    entries = _Entries(entities)
    result.entries.update(e.list_id for e in entries.entities)
    fits: dict[int, dict[str, tuple[int, str]]] = defaultdict(dict)  # entry → record → (tier, entry's name)
    records: dict[str, RorRecord] = {}
    derived, given = _acronyms(entities)
    registered: dict[str, tuple[RorRecord, set[tuple[str, str]]]] = {}  # ROR id → record, its (region, acronym) derived too
    namesakes_seen: set[str] = set()  # a record in two files is read once
    for record in _read(readers, result, counting=True):
        if taken := {(reg, key) for n in record.names if n.kind == "acronym" and (key := acronym_key(n.value))
                     for reg in {region(c) for c in record.countries} if (reg, key) in derived}:
            registered.setdefault(record.ror_id, (record, taken))
        if record.countries and record.ror_id not in namesakes_seen:
            namesakes_seen.add(record.ror_id)
            result.namesakes.extend((entries.entities[i], text, record) for i, text in entries.namesakes(record))
        for i, tier, text in entries.fitting(record):
            if record.ror_id in records and records[record.ror_id] is not record:
                break  # the same record again (in a second file): the first is kept
            records[record.ror_id] = record
            if record.ror_id not in fits[i] or tier < fits[i][record.ror_id][0]:
                fits[i][record.ror_id] = (tier, text)
    _decide(entries, fits, records, result)
    _acronyms_elsewhere(derived, given, registered, result)
    _second_reading(readers, entries, result)
    if result.children:
        _third_reading(readers, result)
    return result


_Acronyms = dict[tuple[str, str], list[Entity]]


def _acronyms(entities: Iterable[Entity]) -> tuple[_Acronyms, _Acronyms]:
    """(region, acronym) → the entries whose names collabguard derives it from (as the matcher does), and →
    the entries a list gives it as an acronym."""
    derived: _Acronyms = defaultdict(list)
    given: _Acronyms = defaultdict(list)
    for e in entities:
        if e.kind == "programme":
            continue
        keys: dict[str, None] = {}
        for form in entity_forms(e):
            if form.kind == "derived acronym" and (key := acronym_key(form.text)):
                keys[key] = None
                # and as the matcher's acronym-skip stage reads it ("XUST", the Xi'an University of Science and
                # Technology's, is not Xidian University's with a word skipped)
                keys.update(dict.fromkeys(skipped_acronyms(form, key)))
        for key in keys:
            derived[(region(e.country), key)].append(e)
        # the entry's own acronyms, not one in brackets in an alias (ASPI's aliases of CASC name its academies)
        for text in (*e.acronyms, *(a for a in e.aliases if looks_like_acronym(a))):
            if key := acronym_key(text):
                given[(region(e.country), key)].append(e)
    return derived, given


def _acronyms_elsewhere(derived: _Acronyms, given: _Acronyms, registered: dict[str, tuple[RorRecord, set[tuple[str, str]]]],
                        result: Enrichment) -> None:
    """Each entry whose derived acronym ROR gives only other organisations of its country. If one of the records
    with the acronym is the entry itself (linked to it, or its names pair with the entry's: "China Academy of
    Engineering Physics" for the listed "Chinese Academy …", "Lomonosov Moscow State University" for "Moscow
    State University"), or a list gives the acronym to an entry of the same name (VNIIFTRI: the Japanese MOFA
    list's acronym of the "All-Russian Research Institute of Physical, Technical and Radio Engineering
    Measurements" the Entity List has too, which ROR names "… of Physical-Technical and Radiotechnical
    Measurements"), the acronym is the entry's too, and nothing is written for it."""
    linked = {(link.entity.list_id, link.entity.entity_id): link.record.ror_id for link in result.links}
    holders: dict[tuple[str, str], list[RorRecord]] = defaultdict(list)
    for record, taken in registered.values():
        for key in taken:
            holders[key].append(record)
    for (reg, acr), records in sorted(holders.items()):
        for e in derived[(reg, acr)]:
            if any(_same_names(e, g) for g in given.get((reg, acr), ())):
                continue
            if not any(linked.get((e.list_id, e.entity_id)) == r.ror_id or _same_body(e, r) for r in records):
                result.acronyms_elsewhere.extend((e, acr, r) for r in records)


def _same_names(a: Entity, b: Entity) -> bool:
    """Do two entries share a name, word for word?"""
    ours = {t for n in (a.name, *a.aliases) if (t := tokens(n))}
    return any(tokens(n) in ours for n in (b.name, *b.aliases))


def _same_body(entity: Entity, record: RorRecord) -> bool:
    """The record's names pair word for word with one of the entry's (misspelt, in another order, written
    together, without a person it is named after or its country): the same body, however written."""
    def readings(texts: Iterable[str]) -> set[tuple[str, ...]]:
        out = set()
        for text in texts:
            if script_of(text) != "latin" or looks_like_acronym(text):
                continue
            out.add(tokens(text))
            if (plain := without_eponym(text)) is not None:
                out.add(tokens(plain.text))
        return {t for t in out if t}

    ours = readings((entity.name, *entity.aliases))
    theirs = readings(n.value for n in record.names if n.kind != "acronym")
    own = COUNTRY_WORDS.get(region(entity.country), frozenset()) | OPTIONAL_WORDS
    for a in ours:
        for b in theirs:
            left = set(a).symmetric_difference(b) - own
            if not left or all(len(w) <= 2 for w in left):  # "Chinese"/"China"; "PP Shirshov" for "P.P. Shirshov"
                return True
    return any(compare(q, listed, lenient=False, twin_ratio=TWIN_RATIO, country=region(entity.country),
                       company=entity.kind == "company").passed for q in theirs for listed in ours)


def _best(pairs: Iterable[tuple[int, str]]) -> list[str]:
    pairs = list(pairs)
    top = min(t for t, _ in pairs)
    return sorted(x for t, x in pairs if t == top)


def _decide(entries: _Entries, fits: dict[int, dict[str, tuple[int, str]]], records: dict[str, RorRecord],
            result: Enrichment) -> None:
    by_record: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)  # (ROR id, list) → (tier, entry)
    for i, found in fits.items():
        for rid, (tier, _) in found.items():
            by_record[(rid, entries.entities[i].list_id)].append((tier, str(i)))
    for i, found in sorted(fits.items()):
        e = entries.entities[i]
        chosen = _best((tier, rid) for rid, (tier, _) in found.items())
        if len(chosen) > 1:
            result.ambiguous.append(Ambiguity(e, "fits several ROR records", tuple(records[r] for r in chosen)))
            continue
        rid = chosen[0]
        owners = [entries.entities[int(x)].entity_id for x in _best(by_record[(rid, e.list_id)])]
        if owners != [e.entity_id]:
            problem = ("the ROR record fits several entries of this list" if e.entity_id in owners
                       else "the ROR record fits another entry of this list by that entry's own name")
            result.ambiguous.append(Ambiguity(e, problem, (records[rid],), tuple(o for o in owners if o != e.entity_id)))
            continue
        tier, text = found[rid]
        if script_of(text) != "latin" and not _latin_names_agree(e, records[rid]):
            result.ambiguous.append(Ambiguity(e, "only a local-script name fits the ROR record, and the English names "
                                                 "disagree", (records[rid],)))
            continue
        result.links.append(Link(e, records[rid], text, "name" if tier == NAME else "alias"))
        if tier == NAME:
            _named_elsewhere(e, records[rid], found, records, result)


def _named_elsewhere(entity: Entity, linked: RorRecord, found: dict[str, tuple[int, str]], records: dict[str, RorRecord],
                     result: Enrichment) -> None:
    """An alias the list gives an entry linked by its own name, which is the name (display or label) of another ROR
    record of its country, not a parent or unit of the linked one: "Xi'an University of Technology", the DoD 1286
    list's alias of Xi'an Technological University, is another university's name (https://ror.org/038avdt50)."""
    related = {linked.ror_id, *linked.parents, *linked.children}
    for rid, (tier, alias) in sorted(found.items()):
        if rid in related or tier != ALIAS or alias not in entity.aliases or looks_like_acronym(alias):
            continue
        other = records[rid]
        if linked.ror_id in (*other.parents, *other.children):  # (as the other record says it)
            continue
        if any(n.kind in ("ror_display", "label") and tokens(n.value) == tokens(alias) for n in other.names):
            result.names_elsewhere.append((entity, alias, other))


def _words(text: str, country: str) -> frozenset[str]:
    """A Latin name's words that say which body it is (not its country, its legal form or "PLA")."""
    own = COUNTRY_WORDS.get(region(country), frozenset())
    return frozenset(t for t in tokens(_TRAILING_BRACKET.sub("", text)) if t not in own and t not in OPTIONAL_WORDS)


def _latin_names_agree(entity: Entity, record: RorRecord) -> bool:
    """A link made by a local-script name alone is checked against the English names: one of the
    entry's must hold all the words of one of the record's, or the other way round ("China University
    of Geosciences (Wuhan)" and ROR's "China University of Geosciences" agree; "Heilongjiang
    Institute of Technology" and "Heilongjiang University of Science and Technology", which a ROR
    record gives with the institute's Chinese name, do not)."""
    ours = [w for x in (entity.name, *entity.aliases) if script_of(x) == "latin" and (w := _words(x, entity.country))]
    theirs = [w for n in record.names if n.kind != "acronym" and script_of(n.value) == "latin"
              and (w := _words(n.value, entity.country))]
    return any(a <= b or b <= a for a in ours for b in theirs)


def _second_reading(readers: Sequence[DumpReader], entries: _Entries, result: Enrichment) -> None:
    """Children of linked records; names of linked records that another record or entry also has."""
    linked = {link.record.ror_id: link.record for link in result.links}
    index = {id(e): i for i, e in enumerate(entries.entities)}
    linked_to = {index[id(link.entity)]: link.record.ror_id for link in result.links}
    names: dict[tuple[str, str], set[str]] = defaultdict(set)  # (region, form) → linked records with that name
    for rid, rec in linked.items():
        for key in _record_keys(rec):
            for reg in {region(c) for c in rec.countries}:
                names[(reg, key)].add(rid)
                if any(linked_to.get(i, rid) != rid for i, _, _ in entries.by_key.get((reg, key), ())):
                    result.dropped.setdefault(rid, set()).add(key)  # an entry linked to another record has it too
    parents_of: dict[str, set[str]] = defaultdict(set)
    for rid, rec in linked.items():
        for child in rec.children:
            parents_of[child].add(rid)
    seen_children: set[tuple[str, str]] = set()
    for record in _read(readers, result, counting=False):
        if record.ror_id in linked:
            continue
        for parent in (parents_of.get(record.ror_id, set()) | set(record.parents)) & linked.keys():
            if (parent, record.ror_id) not in seen_children:
                seen_children.add((parent, record.ror_id))
                result.children.setdefault(parent, []).append(record)
        for key in _record_keys(record):
            for reg in {region(c) for c in record.countries}:
                for rid in names.get((reg, key), ()):
                    result.dropped.setdefault(rid, set()).add(key)  # another body's name too


def _third_reading(readers: Sequence[DumpReader], result: Enrichment) -> None:
    """Names of units that another record, not a unit of the same body, also has (ROR holds some
    laboratories twice, under other parents or inactive): such a name does not say whose unit is meant."""
    units: dict[str, set[str]] = defaultdict(set)  # child ROR id → its linked parents
    names: dict[tuple[str, str], set[str]] = defaultdict(set)  # (region, form) → child records with that name
    children = {c.ror_id: c for found in result.children.values() for c in found}
    for parent, found in result.children.items():
        for child in found:
            units[child.ror_id].add(parent)
    for child in children.values():
        for key in _record_keys(child):
            for reg in {region(c) for c in child.countries}:
                names[(reg, key)].add(child.ror_id)
    for record in _read(readers, result, counting=False, statuses=frozenset({"active", "inactive"})):
        if record.ror_id in children or record.ror_id in result.children:
            continue
        for key in _record_keys(record):
            for reg in {region(c) for c in record.countries}:
                for child_id in names.get((reg, key), ()):
                    result.dropped.setdefault(child_id, set()).add(key)
