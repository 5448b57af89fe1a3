"""Area detection quality on the labelled abstracts (``benchmarks/data/areas_devset.yaml``).

    python benchmarks/areas_quality.py

Areas are found as screening finds them (terms and export-control entry numbers). For each labelled
area: found when detected (match or possible) where expected; a false hit when
reported as a match where the label says it must not be. Precision and recall per taxonomy.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from collabguard.areas import load_catalog
from collabguard.areas.codes import find_areas
from collabguard.io.yaml_loader import load_yaml

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    catalog = load_catalog(ROOT / "rules" / "areas")
    cases = load_yaml(ROOT / "benchmarks" / "data" / "areas_devset.yaml").data["cases"]
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for case in cases:
        texts = {"title": case.get("title", ""), "keywords": "; ".join(case.get("keywords") or []),
                 "abstract": case.get("abstract", "")}
        hits = {h.area_id: h for h in find_areas(texts, case.get("codes") or [], catalog)}
        for area in case.get("expect") or []:
            s = stats[catalog.areas[area].taxonomy]
            s["expected"] += 1
            s["tp"] += area in hits
            if area not in hits:
                print(f"MISS  {case['id']}: {area}")
        for sel in case.get("expect_not") or []:
            for area in catalog.resolve(sel):
                if area in hits and hits[area].decision == "match":
                    stats[catalog.areas[area].taxonomy]["fp"] += 1
                    print(f"FALSE {case['id']}: {area} ({', '.join(e.text for e in hits[area].evidence)})")
    print(f"{'taxonomy':10} {'precision':>9} {'recall':>7}  (labelled areas)")
    for tax, s in sorted(stats.items()):
        p = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
        r = s["tp"] / s["expected"] if s["expected"] else float("nan")
        print(f"{tax:10} {p:9.3f} {r:7.3f}  (tp {s['tp']}, fp {s['fp']}, expected {s['expected']})")


if __name__ == "__main__":
    main()
