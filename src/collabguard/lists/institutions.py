"""Entries of different lists that name the same body: one institution, asked about once.

Beihang University is on the Section 1286 list, the NRO list and ASPI's tracker as "Beihang
University", and on the Entity List as "Beijing University of Aeronautics and Astronautics (BUAA)"
with "Beihang University" among its aliases. A partner written "BUAA" possibly matches all four; an
officer is asked once whether "BUAA" is that university, and the one answer applies to every entry.

Two entries are linked only on evidence of identity that does not depend on the partner's name:
- their full names are equal (normalised, a trailing acronym in brackets left out: "National
  University of Defense Technology (NUDT)"), or each one's full name is among the other's aliases.
  One-sided alias evidence does not link: the Entity List gives a research institute its parent
  group's name as an alias, and ASPI gives a parent a sub-unit's name; those are parts, not the same
  body. Acronyms and generic names ("Institute of Physics") never link;
- their countries agree (mainland China, Hong Kong and Macao count as one, as in matching);
- they are on different lists: an institution holds at most one entry of each list (two entries of
  one list sharing an alias are the list's own distinct entries, and stay apart).
Links are made name by name in a fixed order, so the grouping, and the institution keys the
checklist's question ids are built from, do not depend on the order the lists were loaded in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from collabguard.lists.model import Entity
from collabguard.matching.normalize import is_generic, looks_like_acronym, normalize

_CHINA = frozenset({"CN", "HK", "MO"})

EntryKey = tuple[str, str]  # (list id, entity id)


@dataclass(frozen=True, slots=True)
class Institution:
    """Entries that name one body, with the name shown for it and a key stable across screenings."""

    key: str  # country and the smallest normalised full name of its entries: "CN:beihang university"
    name: str  # the full name most of its lists use
    entries: tuple[EntryKey, ...]  # (list id, entity id), by list id

    @property
    def lists(self) -> tuple[str, ...]:
        return tuple(list_id for list_id, _ in self.entries)


def _region(country: str) -> str:
    return "CN" if country in _CHINA else country


_TRAILING_ACRONYM = re.compile(r"\s*\(\s*[A-Z][A-Za-z0-9&.\- ]{1,15}\)\s*$")


def _key(name: str) -> str:
    """A name as compared for identity: normalised, without a trailing acronym in brackets; empty
    for an acronym or a generic name."""
    if looks_like_acronym(name):
        return ""
    norm = normalize(_TRAILING_ACRONYM.sub("", name))
    return "" if not norm or is_generic(norm) else norm


def _linked(a: Entity, b: Entity) -> bool:
    """The names say these two entries are one body (see the module's rules)."""
    name_a, name_b = _key(a.name), _key(b.name)
    if not name_a or not name_b:
        return False
    return name_a == name_b or (name_a in {_key(x) for x in b.aliases} and name_b in {_key(x) for x in a.aliases})


class _Groups:
    """Union-find over entries, refusing a union that would put two entries of one list together."""

    def __init__(self, keys: Iterable[EntryKey]) -> None:
        self.parent: dict[EntryKey, EntryKey] = {k: k for k in keys}
        self.lists: dict[EntryKey, set[str]] = {k: {k[0]} for k in self.parent}

    def root(self, k: EntryKey) -> EntryKey:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def join(self, a: EntryKey, b: EntryKey) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra == rb or self.lists[ra] & self.lists[rb]:
            return
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.lists[ra] |= self.lists.pop(rb)


def link_institutions(entities: Iterable[Entity]) -> dict[EntryKey, Institution]:
    """Every entry that shares a body with an entry of another list, mapped to that institution.
    Entries linked to no other list are left out (they are their own institution)."""
    by_key: dict[EntryKey, Entity] = {}
    by_name: dict[tuple[str, str, bool], list[EntryKey]] = {}  # candidates: a full name or alias shared
    for e in entities:
        key = (e.list_id, e.entity_id)
        by_key[key] = e
        for name in dict.fromkeys(_key(x) for x in (e.name, *e.aliases)):
            if name:
                by_name.setdefault((_region(e.country), name, e.kind == "programme"), []).append(key)
    pairs: set[tuple[EntryKey, EntryKey]] = set()
    for members in by_name.values():
        members = sorted(dict.fromkeys(members))
        for i, a in enumerate(members):
            pairs.update((a, b) for b in members[i + 1:]
                         if a[0] != b[0] and _linked(by_key[a], by_key[b]))
    groups = _Groups(by_key)
    for a, b in sorted(pairs):
        groups.join(a, b)
    members_of: dict[EntryKey, list[EntryKey]] = {}
    for key in by_key:
        members_of.setdefault(groups.root(key), []).append(key)
    out: dict[EntryKey, Institution] = {}
    for members in members_of.values():
        if len(members) < 2:
            continue
        members.sort()
        ents = [by_key[k] for k in members]
        names = Counter(e.name for e in ents)
        shown = max(ents, key=lambda e: (names[e.name], -members.index((e.list_id, e.entity_id)))).name
        inst = Institution(key=f"{_region(ents[0].country)}:{min(_key(e.name) for e in ents)}", name=shown,
                           entries=tuple(members))
        for k in members:
            out[k] = inst
    return out
