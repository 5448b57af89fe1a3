"""Screening throughput, with a baseline measured in the same run.

    python benchmarks/screen_throughput.py [--rounds 20]

Prints: time to load the shipped rules (lists, index, areas, packs); proposals screened per second
(the 12 shipped examples, repeated); and, as the baseline, the time a plain rapidfuzz
``process.extractOne(WRatio)`` over every list name takes for the same partner names. The ratio
says how much of a screening is matching versus everything else (rules, areas, report).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from collabguard.engine.screen import screen
from collabguard.io.proposal_loader import load_proposal
from collabguard.matching.index import entity_forms
from collabguard.rules.context import collect_subjects
from collabguard.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    t0 = time.perf_counter()
    ruleset = load_ruleset(ROOT / "rules")
    _ = ruleset.matcher
    load_s = time.perf_counter() - t0

    proposals = [load_proposal(p) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    screen(proposals[0], ruleset)  # warm caches (area patterns)
    t0 = time.perf_counter()
    for _ in range(args.rounds):
        for p in proposals:
            screen(p, ruleset)
    n = args.rounds * len(proposals)
    screen_s = time.perf_counter() - t0

    names = [s.name for p in proposals for s in collect_subjects(p)]
    choices = [f.text for e in ruleset.lists.entities for f in entity_forms(e)]
    t0 = time.perf_counter()
    for _ in range(args.rounds):
        for name in names:
            process.extractOne(name, choices, scorer=fuzz.WRatio, score_cutoff=90)
    base_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(args.rounds):
        for p in proposals:
            for s in collect_subjects(p):
                ruleset.matcher.match(s.name, s.country)
    ours_s = time.perf_counter() - t0

    print(f"rules load (lists, index, areas, packs): {load_s * 1000:.0f} ms")
    print(f"screening: {n / screen_s:.0f} proposals/s ({screen_s / n * 1000:.2f} ms each, {len(proposals)} examples x {args.rounds})")
    print(f"matching {len(names)} names x {args.rounds}: {ruleset.matcher.config.algorithm} {ours_s / (len(names) * args.rounds) * 1000:.3f} ms/name, "
          f"baseline extractOne(WRatio) over {len(choices)} names {base_s / (len(names) * args.rounds) * 1000:.3f} ms/name "
          f"(ratio baseline/ours {base_s / ours_s:.1f}x)")


if __name__ == "__main__":
    main()
