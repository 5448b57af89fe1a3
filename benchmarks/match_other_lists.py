"""Is an institution found on every list that has it, whichever list's name for it a partner uses?

    python benchmarks/match_other_lists.py [--lists DIR] [--show N]

Lists name one institution differently: the Japanese list gives the Central Aerohydrodynamic Institute
"TsAGI", the Entity List does not. A rule that reads one list only would miss a partner written the
way another list writes it. For every group of entries of two or more lists that name one institution
(:func:`collabguard.matching.other_lists.same_institution`: the same name and country, or the same ROR
record), every name one entry has (name, aliases, acronyms, local-script name) is screened, with the
entry's country, against each other list of the group alone; it counts as found when that list's result
is the group's entry there, ``match`` or ``possible``.

Prints the names screened, those found (and found as ``match``) with the other lists' names borrowed
(:mod:`collabguard.matching.other_lists`), and the same without borrowing, measured in the same run
(the matcher as it was before, which borrowed only local-script names of entries with the same name);
with ``--show`` the names still not found.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from collabguard.lists import load_lists
from collabguard.lists.model import Entity, ListSet
from collabguard.matching import matcher as matcher_module
from collabguard.matching.matcher import Matcher
from collabguard.matching.normalize import normalize
from collabguard.matching.other_lists import Borrowed, same_institution
from collabguard.matching.translate import script_of

ROOT = Path(__file__).resolve().parent.parent


def local_names_only(lists: ListSet) -> dict[str, list[Borrowed]]:
    """The borrowing before: local-script names of entries with the same name and country."""
    by_key: dict[tuple[str, str], list[Entity]] = {}
    for e in lists.entities:
        if e.kind != "programme":
            by_key.setdefault((normalize(e.name), e.country), []).append(e)
    out: dict[str, list[Borrowed]] = {}
    for group in by_key.values():
        for e in group:
            for other in group:
                if other.list_id != e.list_id:
                    local = [other.name_local] if other.name_local else []
                    local += [a for a in other.aliases if script_of(a) != "latin"]
                    out.setdefault(e.entity_id, []).extend((text, other.list_id, "local") for text in local)
    return out


def screen(matcher: Matcher, queries: list[tuple[str, str, str, str]]) -> tuple[int, int, list[tuple[str, str, str]]]:
    found = as_match = 0
    missed = []
    for name, country, list_id, entity_id in queries:
        hits = [c for c in matcher.match(name, country or None, lists=[list_id]) if c.entity.entity_id == entity_id]
        found += bool(hits)
        as_match += any(c.decision == "match" for c in hits)
        if not hits:
            missed.append((name, list_id, entity_id))
    return found, as_match, missed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lists", type=Path, default=ROOT / "rules" / "lists")
    parser.add_argument("--show", type=int, default=0, help="print up to N names not found")
    args = parser.parse_args()
    lists = load_lists(args.lists)
    queries: set[tuple[str, str, str, str]] = set()
    groups = same_institution(lists)
    for group in groups:
        for e in group:
            for other in group:
                if other.list_id != e.list_id:
                    for name in (e.name, *e.aliases, *e.acronyms, e.name_local):
                        if name:
                            queries.add((name, e.country, other.list_id, other.entity_id))
    ordered = sorted(queries)
    ours = screen(Matcher(lists), ordered)
    borrow = matcher_module.borrowed_from_other_lists
    matcher_module.borrowed_from_other_lists = local_names_only  # type: ignore[assignment]
    try:
        before = screen(Matcher(lists), ordered)
    finally:
        matcher_module.borrowed_from_other_lists = borrow
    n = len(ordered)
    print(f"institutions on two or more lists: {len(groups)}; names screened against the other lists: {n:,}")
    for label, (found, as_match, missed) in (("other lists' names borrowed", ours), ("before (local names only)", before)):
        print(f"{label:30s} found {found:,} ({found / n:.1%}), as match {as_match:,}; not found {len(missed):,}")
    for name, list_id, entity_id in ours[2][: args.show]:
        print(f"NOT FOUND {name!r} on {list_id} ({entity_id})")


if __name__ == "__main__":
    main()
