"""Batch screening speed: 10,000 proposals with three partners each, CSV in and CSV out.

    python benchmarks/batch_speed.py [--proposals 10000] [--jobs 2] [--sample 5]

Prints proposals/second and peak memory of one `collabguard batch` run, and the ratio against
screening the same proposals one `collabguard screen` call at a time (the baseline, measured in the
same run on a sample). Proposals are generated from the partners, titles and countries of the
shipped examples. The last line compares the rate with the target (issue 17: >= 500 proposals/s
with --jobs 2 on a 2-core machine) and gives the load average, since other work on the machine
shares its cores.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TARGET = 500  # proposals/s with the 8 shipped packs, --jobs 2, on this machine class (2 cores)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--proposals", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sample", type=int, default=5)
    args = parser.parse_args()
    examples = [yaml.safe_load(p.read_text()) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    partners = [(p["name"], p.get("country", "")) for e in examples for p in e.get("partners", [])]
    titles = [(e["title"], e.get("abstract", "")) for e in examples]
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.csv"
        with open(src, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["id", "title", "abstract", "home_institution", "home_country", "partners", "partner_countries",
                        "personal_data", "written_agreement", "duration_months"])
            for i in range(args.proposals):
                chosen = rng.sample(partners, 3)
                title, abstract = rng.choice(titles)
                w.writerow([f"P{i}", title, abstract, "University of Bergen", "NO", "; ".join(n for n, _ in chosen),
                            "; ".join(c for _, c in chosen), rng.choice(["yes", "no"]), "yes", rng.choice([12, 24, 36])])
        out = Path(tmp) / "out.csv"
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "collabguard", "batch", str(src), "-o", str(out), "--jobs", str(args.jobs), "-q"],
                       check=False, capture_output=True)
        batch_s = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        with open(out, encoding="utf-8-sig") as fh:
            rows = sum(1 for _ in csv.DictReader(fh))
        t0 = time.perf_counter()
        for i in range(args.sample):
            one = Path(tmp) / f"p{i}.yaml"
            chosen = rng.sample(partners, 3)
            one.write_text(yaml.safe_dump({"id": f"S{i}", "title": titles[0][0], "home_institution": {"name": "UiB", "country": "NO"},
                                           "partners": [{"name": n, "country": c} for n, c in chosen]}))
            subprocess.run([sys.executable, "-m", "collabguard", "screen", str(one), "-f", "json"], check=False, capture_output=True)
        single_s = (time.perf_counter() - t0) / args.sample
    rate = rows / batch_s
    print(f"batch: {rows} proposals in {batch_s:.1f} s = {rate:,.0f} proposals/s (--jobs {args.jobs}); peak memory of a worker or the main process {peak:,.0f} MB")
    print(f"one CLI call per proposal: {single_s:.2f} s each (sample of {args.sample}) = {1 / single_s:.1f} proposals/s; ratio {rate * single_s:,.0f}x")
    print(f"target >= {TARGET} proposals/s: {'met' if rate >= TARGET else 'not met'} ({rate / TARGET:.0%} of it); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
