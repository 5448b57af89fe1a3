"""Names written in Japanese: listed bodies found, innocent bodies flagged.

    python benchmarks/match_japanese.py [--show N]

The names (benchmarks/data/japanese_names.csv, provenance in NOTICE.md) are Japanese names of real organisations:
``listed`` rows name a listed body (``expected``: words of its listed English name) with its country; ``innocent``
rows name bodies on no list (Japanese universities, companies and laboratories, and Japanese renderings of foreign
universities and companies), screened with no country and with JP; ``generic`` rows are institute names of generic
words only (電子科学研究所), which may fit a listed body of the same generic name, as in English. Prints, for the
listed rows, how many find the expected body (and how many find only another body), and for the others how many of
their screenings give a candidate at all, and as ``match``.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

from collabguard.lists import load_lists
from collabguard.matching.matcher import Matcher

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data" / "japanese_names.csv"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", type=int, default=0, help="print up to N misses and flags")
    args = parser.parse_args()
    matcher = Matcher(load_lists(ROOT / "rules" / "lists"))
    with open(DATA, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    counts: Counter[str] = Counter()
    shown: list[str] = []
    for row in rows:
        group, name = row["group"], row["query"]
        if group == "listed":
            found = matcher.match(name, row["country"] or None)
            want = row["expected"].lower()
            right = [c for c in found if want in c.entity.name.lower()
                     or any(want in a.lower() for a in c.entity.aliases)]
            counts["listed"] += 1
            counts["listed found"] += bool(right)
            counts["listed wrong only"] += bool(found) and not right
            if not right and len(shown) < args.show:
                shown.append(f"{'WRONG' if found else 'MISS '} {name} ({row['country']}) expected {row['expected']!r}"
                             + (f" -> {found[0].entity.name!r}" if found else ""))
            continue
        for country in (None, "JP"):
            found = matcher.match(name, country)
            counts[f"{group} screenings"] += 1
            counts[f"{group} flagged"] += bool(found)
            counts[f"{group} match"] += any(c.decision == "match" for c in found)
            if found and len(shown) < args.show:
                shown.append(f"FLAG  [{group}] {name} ({country}) -> {found[0].entity.name!r} {found[0].decision}")
    print("\n".join(shown))
    n = counts["listed"]
    print(f"listed bodies   {n:5}  found {counts['listed found']} ({counts['listed found'] / n:.2f}), "
          f"another body only {counts['listed wrong only']}")
    for group in ("innocent", "generic"):
        s = counts[f"{group} screenings"]
        print(f"{group:14} {s:5} screenings (no country, JP): flagged {counts[f'{group} flagged']} "
              f"({counts[f'{group} flagged'] / s:.2%}), as match {counts[f'{group} match']}")


if __name__ == "__main__":
    main()
