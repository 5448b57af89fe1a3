"""Are listed bodies found by their own names in their own script, without the registry's names?

    python benchmarks/match_registry_labels.py [--lists DIR] [--show N] [--script cjk|cyrillic|arabic]

The lists name most Chinese, Russian and Iranian bodies in English only; a proposal may name a partner
as 中国科学院上海光学精密机械研究所 or Федеральное государственное бюджетное учреждение науки Институт …
The Research Organization Registry records such names for the list entries collabguard links to it
(``rules/lists/ror-aliases.csv``, relation "same": the entry's own record), so in use those names match
as the registry's. This measures what the translation alone finds: every such name in another script,
screened with the entry's country against the shipped lists with the registry's names taken away (the
lists' own names, aliases and local-script names kept), except a name the entry's own list gives as its
local name. Counted per script: found (the entry among the results, ``match`` or ``possible``), of which
``match``; another entry only; nothing. With ``--show``, the names not found.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

from collabguard.lists import load_lists
from collabguard.lists.model import ListSet
from collabguard.matching.matcher import Matcher
from collabguard.matching.translate import script_of

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lists", type=Path, default=ROOT / "rules" / "lists")
    parser.add_argument("--show", type=int, default=0, help="print up to N names not found")
    parser.add_argument("--script", default="", help="show only the names of this script (cjk, cyrillic, arabic)")
    args = parser.parse_args()

    lists = load_lists(args.lists)
    entities = tuple(e.model_copy(update={"registry": None}) for e in lists.entities)
    by_id = {e.entity_id: e for e in entities}
    matcher = Matcher(ListSet(lists=lists.lists, entities=entities))
    screened, found, as_match, other = Counter(), Counter(), Counter(), Counter()
    seen: set[tuple[str, str]] = set()
    shown = 0
    with open(args.lists / "ror-aliases.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name, entity = row["name"], by_id.get(row["entity_id"])
            script = script_of(name)
            if (row["relation"] != "same" or entity is None or script == "latin" or name == entity.name_local
                    or (name, entity.entity_id) in seen):
                continue
            seen.add((name, entity.entity_id))
            results = matcher.match(name, entity.country or None)
            hits = [c for c in results if c.entity.entity_id == entity.entity_id]
            screened[script] += 1
            found[script] += bool(hits)
            as_match[script] += any(c.decision == "match" for c in hits)
            other[script] += bool(results and not hits)
            if not hits and shown < args.show and args.script in ("", script):
                shown += 1
                got = "; ".join(f"{c.entity.name} ({c.decision})" for c in results[:2]) or "nothing"
                print(f"  {name!r} ({entity.country}) -> {entity.name!r} [{entity.list_id}]: {got}")
    print(f"{'script':10} {'names':>6} {'found':>6} {'share':>6} {'match':>6} {'other':>6} {'nothing':>8}")
    for script in sorted(screened):
        n = screened[script]
        print(f"{script:10} {n:6} {found[script]:6} {found[script] / n:6.2f} {as_match[script]:6} {other[script]:6} "
              f"{n - found[script] - other[script]:8}")
    total = sum(screened.values())
    print(f"{'all':10} {total:6} {sum(found.values()):6} {sum(found.values()) / total:6.2f} {sum(as_match.values()):6} "
          f"{sum(other.values()):6} {total - sum(found.values()) - sum(other.values()):8}")


if __name__ == "__main__":
    main()
