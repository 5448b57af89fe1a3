"""Area detection speed over 10,000 abstracts, next to one regular expression that alternates every
term (the naive baseline), measured in the same run.

    python benchmarks/areas_speed.py [--abstracts 10000]

Abstracts are built from the sentences of the labelled dev-set abstracts, shuffled (three to six
sentences each, about 60–120 words).
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

from collabguard.areas import load_catalog
from collabguard.areas.detect import compile_terms, detect_areas
from collabguard.io.yaml_loader import load_yaml

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--abstracts", type=int, default=10_000)
    args = parser.parse_args()
    catalog = load_catalog(ROOT / "rules" / "areas")
    cases = load_yaml(ROOT / "benchmarks" / "data" / "areas_devset.yaml").data["cases"]
    sentences = [c["title"] + "." for c in cases] + [c["abstract"] for c in cases if c.get("abstract")]
    rng = random.Random(3)
    abstracts = [" ".join(rng.sample(sentences, rng.randint(3, 6))) for _ in range(args.abstracts)]

    t0 = time.perf_counter()
    compile_terms(catalog)
    compile_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = 0
    for text in abstracts:
        found += len(detect_areas({"abstract": text}, catalog))
    ours = len(abstracts) / (time.perf_counter() - t0)

    terms = sorted({t for a in catalog.areas.values() for t in a.terms}, key=len, reverse=True)
    naive = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\b", re.IGNORECASE)
    t0 = time.perf_counter()
    naive_found = 0
    for text in abstracts:
        naive_found += len(naive.findall(text))
    base = len(abstracts) / (time.perf_counter() - t0)

    print(f"terms: {len(terms)} in {len(catalog.areas)} areas; patterns compiled once in {compile_s * 1000:.0f} ms")
    print(f"collabguard: {ours:,.0f} abstracts/s ({len(abstracts)} abstracts, {found} area hits)")
    print(f"naive single alternation regex: {base:,.0f} abstracts/s ({naive_found} term hits)")
    print(f"ratio: {ours / base:.1f}x")


if __name__ == "__main__":
    main()
