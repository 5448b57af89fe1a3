"""Screening cost per proposal size, against a 100-partner baseline measured in the same run.

    python benchmarks/proposal_size.py [--sizes 100,1000,2000,10000] [--rounds 1]

A generated proposal with N partners (see :func:`proposal`) is screened through the front door
(``Screener.screen``); the rules are loaded once beforehand and are not counted. Prints seconds per
screening for each size and the cost per partner relative to the 100-partner baseline: a ratio near
1 means the cost grows linearly with the partners; a ratio that grows with N means it does not.
Target: 10,000 partners in at most 10 s. The partner cap (``COLLABGUARD_MAX_PARTNERS``, 2,000 by
default) is raised for the run so that every size can be measured.

Figures (2026-12-05, 2-core machine shared with other jobs): 10,000 partners 6.5 s, ratio per partner
1.32 at load average 2.2 (5.6-9.9 s over the day's runs, as the load varied). Before the checklist
was indexed (c442bca^, ``_ask`` scanning the checklist for every question): 1,000 partners 9.4 s,
2,000 partners 39.4 s, ratio 9.6 at 2,000; 10,000 would take about 1,000 s.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Any

from collabguard import Screener

LISTED = ["Harbin Engineering University", "Beihang University", "Bauman Moscow State Technical University",
          "Sharif University of Technology"]


def proposal(partners: int) -> dict[str, Any]:
    """A proposal with ``partners`` partners named without country or type (the costliest shape:
    every partner asks its own questions, "Which country is partners[i] in?" and "What kind of
    organisation ...?", under every rule that turns on them), a listed institution every 50
    partners (matched, asked to confirm), and one funder and one person per 100 partners."""
    rows = [{"name": LISTED[(i // 50) % len(LISTED)] if i % 50 == 49 else f"Institute {i} of Applied Marine Research"}
            for i in range(partners)]
    extra = max(1, partners // 100)
    return {
        "id": f"SIZE-{partners}", "title": "Underwater acoustic sensor networks at consortium scale",
        "abstract": "Synthetic aperture sonar and autonomous underwater vehicles for subsea inspection.",
        "home_institution": {"name": "Norwegian University of Science and Technology", "country": "NO"},
        "partners": rows,
        "funding": [{"funder": f"Funder {i}"} for i in range(extra)],
        "personnel": [{"name": f"Person {i}", "role": "researcher", "affiliations": [f"Institute {i} of Applied Marine Research"]}
                      for i in range(extra)],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100,1000,2000,10000", help="partner counts, comma-separated")
    parser.add_argument("--rounds", type=int, default=1, help="screenings per size (the fastest is kept)")
    args = parser.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",")} | {100})
    os.environ["COLLABGUARD_MAX_PARTNERS"] = str(max(sizes))  # partners, funders and people are each counted against it

    screener = Screener()
    screener.screen(proposal(10))  # loads rules, lists and the index, and warms the caches
    base: float | None = None
    print(f"{'partners':>9} {'seconds':>9} {'ms/partner':>11} {'ratio per partner vs 100':>25} checklist flags")
    for n in sizes:
        data = proposal(n)
        best = float("inf")
        for _ in range(max(1, args.rounds)):
            t0 = time.perf_counter()
            report = screener.screen(data)
            best = min(best, time.perf_counter() - t0)
        per = best / n
        base = per if base is None else base
        print(f"{n:>9} {best:>9.2f} {per * 1000:>11.3f} {per / base:>25.2f} {len(report.checklist):>9} {len(report.flags):>5}")
    print("target: 10,000 partners in at most 10 s; a ratio near 1 is linear growth")


if __name__ == "__main__":
    main()
