"""Every name the shipped lists give, matched against the lists: is each found as its own entry?

    python benchmarks/match_list_self.py [--lists rules/lists] [--show N]

Each entry's name, aliases and acronyms, as the list writes them, are matched with the entry's country.
A name counts as found when its list's result is ``match`` or ``possible`` on the entry itself, or names
the entry among those it fits as well (``also_fits``: two entries with one name). A name the list gives
that does not find its entry is a listed partner missed by the very name the list gives it ("Zorsecurity
Center (f.k.a., Esage Lab)", "More Shipyard. 1 Desantnikov Street, …", "Angstrem-M" found as Angstrem-T).
Prints the count per list and kind of name, and the names not found.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from collabguard.lists import load_lists
from collabguard.matching.matcher import Matcher

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=Path, default=ROOT / "rules" / "lists")
    parser.add_argument("--show", type=int, default=30, help="names not found to print")
    args = parser.parse_args()
    lists = load_lists(args.lists)
    matcher = Matcher(lists)
    total: Counter[tuple[str, str]] = Counter()
    missed: list[tuple[str, str, str, str, str]] = []
    start = time.perf_counter()
    for entity in lists.entities:
        if entity.kind == "programme":
            continue
        names = [("name", entity.name), *(("alias", a) for a in entity.aliases),
                 *(("acronym", a) for a in entity.acronyms)]
        for kind, text in names:
            if not text.strip():
                continue
            total[(entity.list_id, kind)] += 1
            result = next((r for r in matcher.results(text, entity.country or None) if r.list_id == entity.list_id), None)
            best = result.best if result else None
            if best is not None and best.decision in ("match", "possible") and (
                    best.entity.entity_id == entity.entity_id or entity.entity_id in {e.entity_id for e in best.also}):
                continue
            got = f"{best.entity.name} ({best.decision})" if best is not None else "nothing"
            missed.append((entity.list_id, kind, text, entity.name, got))
    seconds = time.perf_counter() - start
    names = sum(total.values())
    print(f"{names:,} names the lists give ({len(lists.entities):,} entries), matched in {seconds:.1f} s: "
          f"{names - len(missed):,} found as their own entry, {len(missed)} not ({100 * len(missed) / names:.2f}%)")
    by_kind = Counter((m[0], m[1]) for m in missed)
    for (list_id, kind), n in sorted(total.items()):
        print(f"  {list_id:34} {kind:8} {n:6,}  not found {by_kind.get((list_id, kind), 0)}")
    for list_id, kind, text, entry, got in missed[:args.show]:
        print(f"NOT FOUND [{list_id} {kind}] {text!r} of {entry!r}: {got}")


if __name__ == "__main__":
    main()
