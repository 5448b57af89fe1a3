"""Area detection speed over 10,000 abstracts, next to one regular expression that alternates every
term (the naive baseline), measured in the same run.

    python benchmarks/areas_speed.py [--abstracts 10000]

Abstracts are built from real sentences, shuffled: those of the labelled dev-set abstracts and titles
and those of the 70 real abstracts in the shipped Web of Science export
(examples/publications/wos_tabdelimited_scientopy_4071.txt), seven to eleven sentences each, which
gives the length of a journal abstract (about 200 words; the figure is printed). ``--sentences 3-6``
gives short texts (titles and short abstracts).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import time
from pathlib import Path

from collabguard.areas import load_catalog
from collabguard.areas.codes import find_areas
from collabguard.areas.detect import compile_terms
from collabguard.io.yaml_loader import load_yaml

ROOT = Path(__file__).resolve().parent.parent


def _sentences() -> list[str]:
    cases = load_yaml(ROOT / "benchmarks" / "data" / "areas_devset.yaml").data["cases"]
    texts = [c["title"] + "." for c in cases] + [c["abstract"] for c in cases if c.get("abstract")]
    export = ROOT / "examples" / "publications" / "wos_tabdelimited_scientopy_4071.txt"
    with export.open(encoding="utf-8-sig", newline="") as f:
        texts += [row["AB"] for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if row.get("AB")]
    return [s.strip() + "." for t in texts for s in re.split(r"(?<=[a-z0-9)])\.\s+(?=[A-Z])", t) if len(s.split()) >= 4]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--abstracts", type=int, default=10_000)
    parser.add_argument("--sentences", default="7-11", help="sentences per abstract, as MIN-MAX")
    args = parser.parse_args()
    low, high = (int(n) for n in args.sentences.split("-"))
    catalog = load_catalog(ROOT / "rules" / "areas")
    rng = random.Random(3)
    sentences = _sentences()
    abstracts = [" ".join(rng.sample(sentences, rng.randint(low, high))) for _ in range(args.abstracts)]
    words = sum(len(a.split()) for a in abstracts) / len(abstracts)

    t0 = time.perf_counter()
    compile_terms(catalog)
    compile_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = 0
    for text in abstracts:
        found += len(find_areas({"abstract": text}, [], catalog))
    ours = len(abstracts) / (time.perf_counter() - t0)

    terms = sorted({t for a in catalog.areas.values() for t in a.terms}, key=len, reverse=True)
    naive = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\b", re.IGNORECASE)
    t0 = time.perf_counter()
    naive_found = 0
    for text in abstracts:
        naive_found += len(naive.findall(text))
    base = len(abstracts) / (time.perf_counter() - t0)

    print(f"abstracts: {len(abstracts):,}, {words:.0f} words on average, from {len(sentences)} real sentences")
    print(f"terms: {len(terms)} in {len(catalog.areas)} areas; terms indexed in {compile_s * 1000:.0f} ms (each pattern is compiled when first tried, inside the timed run)")
    print(f"collabguard: {ours:,.0f} abstracts/s ({len(abstracts)} abstracts, {found} area hits)")
    print(f"naive single alternation regex: {base:,.0f} abstracts/s ({naive_found} term hits)")
    print(f"ratio: {ours / base:.1f}x")


if __name__ == "__main__":
    main()
