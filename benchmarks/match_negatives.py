"""The matcher over every real organisation of the ROR data that is not on a shipped list.

    python benchmarks/match_negatives.py [--ror DIR] [--all-names | --addresses] [--show N]

Reads the Research Organization Registry records in ``DIR`` (default ``../shared/data/ror``: one
record per line, ROR schema v1 or v2, CC0; see the README there) and screens each organisation's
display name with its country through the matcher over every shipped list (``rules/lists``). With
``--all-names`` the record's other Latin names and its local-script labels are screened too (each
as a query of its own; acronyms are left out: an acronym alone is never more than ``possible``
and collides by nature). With ``--addresses`` each display name is screened as an address in Scopus's
order, with no country given: "name, town, country" ("Tula State University, Tula, Russian Federation"),
the town and country ROR gives the record (a town's name alone in an address is the place, not a listed
body a list calls by the town's name).

A record is *listed* (not a negative) when one of its names, normalised, is a name form of a list
entry in the same country (Hong Kong and Macau count as China), or when it is named in
``benchmarks/data/ror_listed.csv`` (records that are a listed organisation under a name no list
gives, each with its evidence). Every other record is a negative, except that a ``possible`` result
that says "part of listed organisation" is right, not false, when the flagged entry is the record's
ROR parent (or grandparent) or is named in ``benchmarks/data/ror_parts.csv`` (each with its
evidence): a unit of a listed body is what that outcome is for. Both are counted and printed apart.

Prints: records read, listed, negatives; negatives flagged ``match`` and ``possible`` (count and
share), the parts found, and with ``--show`` the flagged negatives with the reason. Targets (issue
#15): false ``match`` 0, false ``possible`` under 1%.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from collabguard.countries import country_name
from collabguard.lists import load_lists
from collabguard.lists.model import ListSet
from collabguard.matching.compare import COUNTRY_WORDS, OPTIONAL_WORDS
from collabguard.matching.index import entity_forms
from collabguard.matching.matcher import Matcher
from collabguard.matching.normalize import tokens
from collabguard.matching.translate import script_of

ROOT = Path(__file__).resolve().parent.parent
CHINA = {"CN", "HK", "MO"}
PART_OF = "part of listed organisation"
_COUNTRY_IN_BRACKETS = re.compile(r"\s*\([^()]*\)\s*$")  # ROR names companies "Huawei Technologies (China)"


_ACADEMIES = (("academy", "science"), ("cas",), ("ras",))  # the country's own name is left out before
_INSTITUTE_WORDS = frozenset({"institute", "center", "laboratory", "observatory"})


def identity_key(text: str, country: str) -> tuple[str, str]:
    """A name as identity is judged here: normalised, without a final bracket (ROR's "(China)"), the
    country's own name and the words lists add or drop (Group, Corporation, PLA)."""
    country = "CN" if country in CHINA else country
    own = COUNTRY_WORDS.get(country, frozenset())
    words = [t for t in tokens(_COUNTRY_IN_BRACKETS.sub("", text)) if t not in own and t not in OPTIONAL_WORDS]
    # a research institute named with or without its academy ("Chinese Academy of Sciences – Institute
    # of Microelectronics" is ROR's "Institute of Microelectronics")
    for parent in _ACADEMIES:
        at = next((i for i in range(len(words) - len(parent) + 1) if tuple(words[i:i + len(parent)]) == parent), None)
        rest = words[:at] + words[at + len(parent):] if at is not None else []
        if at is not None and len(rest) >= 2 and _INSTITUTE_WORDS & set(rest):
            words = rest
            break
    return " ".join(words), country


@dataclass(frozen=True)
class RorRecord:
    ror_id: str
    name: str
    country: str
    aliases: tuple[str, ...]  # other names and labels (any script), acronyms left out
    parents: tuple[tuple[str, str], ...]  # (ROR id, name) of each parent
    related: tuple[tuple[str, str], ...]  # (ROR id, name) of each related record
    city: str = ""  # the town ROR gives the record (GeoNames)


def _short(ror_id: str) -> str:
    return ror_id.rstrip("/").rsplit("/", 1)[-1]


def read_record(rec: dict) -> RorRecord:  # type: ignore[type-arg]
    """One ROR record, schema v2 (``names[]``, ``locations[]``) or v1 (``name``, ``labels[]``)."""
    if "names" in rec:
        names = rec["names"]
        display = next((n["value"] for n in names if "ror_display" in n["types"]), names[0]["value"])
        others = tuple(n["value"] for n in names if n["value"] != display and "acronym" not in n["types"])
        locations = rec.get("locations") or [{}]
        country = ((locations[0].get("geonames_details") or {}).get("country_code")) or ""
        city = (locations[0].get("geonames_details") or {}).get("name") or ""
    else:
        display = rec["name"]
        others = tuple(rec.get("aliases") or ()) + tuple(label["label"] for label in rec.get("labels") or ())
        country = (rec.get("country") or {}).get("country_code") or ""
        city = ((rec.get("addresses") or [{}])[0]).get("city") or ""
    links = rec.get("relationships") or ()
    parents = tuple((_short(r["id"]), r.get("label") or "") for r in links if r["type"].lower() == "parent")
    related = tuple((_short(r["id"]), r.get("label") or "") for r in links if r["type"].lower() == "related")
    return RorRecord(_short(rec["id"]), display, country, others, parents, related, city)


def read_ror(folder: Path) -> Iterator[RorRecord]:
    """Every record of the ``*.jsonl`` files of ``folder``, once each (by ROR id)."""
    seen: set[str] = set()
    for path in sorted(folder.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    record = read_record(json.loads(line))
                    if record.ror_id not in seen:
                        seen.add(record.ror_id)
                        yield record


def _read_ids(path: Path, column: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    if path.exists():
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                out.setdefault(row["ror_id"], set()).add(row[column])
    return out


@dataclass
class Labels:
    """What the ROR records are with regard to the shipped lists."""

    records: list[RorRecord]
    listed: dict[str, set[str]]  # ROR id → the list entries the record is
    parents: dict[str, set[str]]  # ROR id → the list entries it is a unit of (negatives only)


def label_records(lists: ListSet, records: list[RorRecord]) -> Labels:
    """Which records are a listed organisation (same name and country, or ``ror_listed.csv``), and
    which are units of one: a listed ROR parent or grandparent (by the parent's own record, or,
    when the data holds no record of it, by the name the relationship gives), a related record whose
    name the record's name contains ("The First Affiliated Hospital, Sun Yat-sen University" is
    related to Sun Yat-sen University in ROR, not its child), or ``ror_parts.csv``."""
    listed_forms: dict[tuple[str, str], set[str]] = {}
    for e in lists.entities:
        if e.kind in ("institution", "company"):
            for form in entity_forms(e):
                if form.kind in ("name", "alias", "local"):
                    listed_forms.setdefault(identity_key(form.text, e.country), set()).add(e.entity_id)
    known_listed = _read_ids(ROOT / "benchmarks" / "data" / "ror_listed.csv", "entity_id")
    known_parts = _read_ids(ROOT / "benchmarks" / "data" / "ror_parts.csv", "entity_id")
    identity: dict[str, set[str]] = {}
    for r in records:
        ids: set[str] = set(known_listed.get(r.ror_id, ()))
        for text in (r.name, *r.aliases):
            ids |= listed_forms.get(identity_key(text, r.country), set())
        if ids:
            identity[r.ror_id] = ids
    by_ror = {r.ror_id: r for r in records}

    def named_in(inner: str, outer: str) -> bool:
        a, b = identity_key(inner, "")[0].split(), identity_key(outer, "")[0].split()
        return bool(a) and any(b[i:i + len(a)] == a for i in range(len(b) - len(a) + 1))

    def ancestors_listed(record: RorRecord) -> set[str]:
        def up(r: RorRecord) -> list[tuple[str, str]]:
            return list(r.parents) + [(p, label) for p, label in r.related
                                      if any(named_in(label, name) for name in (record.name, *record.aliases))]

        out: set[str] = set(known_parts.get(record.ror_id, ()))
        frontier = up(record)
        for _ in range(2):  # parent and grandparent
            nxt: list[tuple[str, str]] = []
            for p, label in frontier:
                country = by_ror[p].country if p in by_ror else record.country
                out |= identity.get(p, set()) or listed_forms.get(identity_key(label, country), set())
                if p in by_ror:
                    nxt += up(by_ror[p])
            frontier = nxt
        return out

    parents = {r.ror_id: found for r in records if r.ror_id not in identity and (found := ancestors_listed(r))}
    return Labels(records, identity, parents)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ror", type=Path, default=ROOT.parent / "shared" / "data" / "ror")
    parser.add_argument("--lists", type=Path, default=ROOT / "rules" / "lists",
                        help="the list folder (a copy, to compare runs while lists change)")
    parser.add_argument("--all-names", action="store_true", help="screen every name of a record, not only its display name")
    parser.add_argument("--addresses", action="store_true", help="screen each display name as an address, "
                        "'name, town, country', with no country given")
    parser.add_argument("--show", type=int, default=0, help="print up to N flagged negatives")
    args = parser.parse_args()

    lists = load_lists(args.lists)
    matcher = Matcher(lists)
    by_id = {e.entity_id: e for e in lists.entities}
    labels = label_records(lists, list(read_ror(args.ror)))
    records = labels.records

    def same_body(entity_id: str, wanted: set[str]) -> bool:
        e = by_id[entity_id]
        return entity_id in wanted or any(
            identity_key(by_id[w].name, by_id[w].country) == identity_key(e.name, e.country) for w in wanted if w in by_id)

    counts: Counter[str] = Counter()
    flagged: list[str] = []
    t0 = time.perf_counter()
    for r in records:
        if r.ror_id in labels.listed:
            counts["listed"] += 1
            continue
        counts["negatives"] += 1
        queries = [r.name]
        if args.addresses:
            queries = [", ".join(x for x in (r.name, r.city, country_name(r.country) if r.country else "") if x)]
        if args.all_names:
            queries += [a for a in r.aliases if a not in queries]
        parts_ok = labels.parents.get(r.ror_id, set())
        if parts_ok:
            counts["units"] += 1
        worst = ""
        found_parent = ""
        for query in queries:
            counts["queries"] += 1
            for cand in matcher.match(query, None if args.addresses else r.country or None):
                if same_body(cand.entity.entity_id, parts_ok):
                    part = any(PART_OF in reason for reason in cand.reasons)
                    found_parent = found_parent or ("part of" if part else cand.decision)
                    continue
                if cand.decision == "match" or (cand.decision == "possible" and worst != "match"):
                    worst = cand.decision
                if len(flagged) < args.show:
                    script = "" if script_of(query) == "latin" else " [local script]"
                    flagged.append(f"{cand.decision:8} {r.ror_id} {query!r}{script} ({r.country}) -> {cand.entity.name!r} "
                                   f"[{cand.entity.list_id}]: {'; '.join(cand.reasons)}")
        if worst:
            counts[f"false {worst}"] += 1
        if found_parent:
            counts[f"unit: {found_parent}"] += 1
    seconds = time.perf_counter() - t0
    n = counts["negatives"]
    print(f"ROR records read: {len(records):,} ({args.ror}); listed (same name and country as a list entry, or in "
          f"ror_listed.csv): {counts['listed']:,}; negatives: {n:,}")
    what = "every name" if args.all_names else "addresses: name, town, country" if args.addresses else "display names"
    print(f"queries screened: {counts['queries']:,} ({what}) "
          f"in {seconds:.1f} s")
    print(f"negatives flagged match: {counts['false match']} ({counts['false match'] / n:.2%}); "
          f"possible: {counts['false possible']} ({counts['false possible'] / n:.2%})")
    print(f"units of listed bodies among them (ROR parent or grandparent listed, or in ror_parts.csv): {counts['units']}; "
          f"their listed parent reported as 'part of listed organisation': {counts['unit: part of']}, as a match on an "
          f"address part ('Unit, Parent'): {counts['unit: match']}, otherwise possible: {counts['unit: possible']}")
    for line in flagged:
        print(line)


if __name__ == "__main__":
    main()
