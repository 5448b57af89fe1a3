"""Collaboration statistics speed: a 100,000-record Web of Science export, loaded and all indicators computed.

    python benchmarks/stats_speed.py [--records 100000] [--format plain|tab]

The export is made by replicating the 71 real records of examples/publications (a WoS tab-delimited
export) with new accession numbers and DOIs; `--format plain` writes them as WoS plain text (tags, one
C1 address per line). `--listed` adds the list matching of every distinct address. Prints records/second and peak memory for `collabguard stats` (load, dedupe,
filters, countries, a partner country, a partner institution and a home institution), next to a plain
line-by-line read of the same file in the same run, so the cost of everything beyond reading shows.
Each side runs in its own process so the peak memory figures are its own.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "examples" / "publications" / "wos_tabdelimited_scientopy_4071.txt"
MULTI = {"AU", "AF", "C1", "CR"}


def build(path: Path, records: int, fmt: str) -> None:
    with open(SOURCE, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], [r for r in rows[1:] if any(r)]
    ut, di = header.index("UT"), header.index("DI")
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        if fmt == "tab":
            out.write("\t".join(header) + "\n")
        else:
            out.write("FN Clarivate Analytics Web of Science\nVR 1.0\n")
        for i in range(records):
            row = list(body[i % len(body)]) + [""] * (len(header) - len(body[i % len(body)]))
            row[ut] = f"WOS:{i:015d}"
            row[di] = f"10.9999/bench.{i}" if row[di] else ""
            if fmt == "tab":
                out.write("\t".join(row) + "\n")
                continue
            for tag, value in zip(header, row, strict=False):
                if not value or len(tag) != 2:
                    continue
                parts = value.split("; [") if tag == "C1" else value.split("; ") if tag in MULTI else [value]
                if tag == "C1":
                    parts = [parts[0]] + ["[" + p for p in parts[1:]]
                out.write(f"{tag} {parts[0]}\n" + "".join(f"   {p}\n" for p in parts[1:]))
            out.write("ER\n\n")
        if fmt == "plain":
            out.write("EF\n")


BASELINE = """
import resource, sys, time
start = time.perf_counter(); n = 0
with open(sys.argv[1], encoding="utf-8-sig") as fh:
    for line in fh:
        if line.startswith("ER") or (sys.argv[2] == "tab" and line[:1] != "\\n" and not line.startswith(("PT\\t", "\\ufeffPT\\t"))):
            n += 1
print(n, time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

FULL = """
import resource, sys, time
from pathlib import Path
start = time.perf_counter()
from collabguard.bibliometrics.indicators import StatsOptions, compute_stats
from collabguard.bibliometrics.load import load_exports
from collabguard.ruleset import get_ruleset
matcher = get_ruleset().matcher if sys.argv[2] == "listed" else None
loaded = load_exports([Path(sys.argv[1])])
stats = compute_stats(loaded, StatsOptions(home="Norwegian Centre for E-health Research", countries=("CN", "US"),
                                           partners=("University of California Los Angeles",), fractional=True), matcher)
n = stats.data_quality.loaded
print(n, time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, stats.works)
"""


def run(code: str, *args: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return out.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--format", choices=("plain", "tab"), default="plain")
    parser.add_argument("--listed", action="store_true", help="also match every distinct address against the lists")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"export.{args.format}.txt"
        t0 = time.perf_counter()
        build(path, args.records, args.format)
        size = path.stat().st_size / 1e6
        print(f"export: {args.records:,} records, WoS {args.format}, {size:.0f} MB (built in "
              f"{time.perf_counter() - t0:.1f} s)")
        n_base, t_base, mem_base = run(BASELINE, str(path), args.format)
        n_full, t_full, mem_full, counted = run(FULL, str(path), "listed" if args.listed else "")
        base_rate, full_rate = int(n_base) / float(t_base), int(n_full) / float(t_full)
        print(f"plain line-by-line read : {int(n_base):>7,} records in {float(t_base):6.2f} s = {base_rate:>9,.0f} "
              f"records/s, peak {int(mem_base) / 1024:,.0f} MB")
        print(f"collabguard stats (all) : {int(n_full):>7,} records in {float(t_full):6.2f} s = {full_rate:>9,.0f} "
              f"records/s, peak {int(mem_full) / 1024:,.0f} MB ({int(counted):,} works counted after filters)")
        print(f"ratio: stats takes {base_rate / full_rate:.1f}x the time of a plain read; target: under 10 s and "
              f"2 GB for 100,000 records -> {'met' if float(t_full) < 10 and int(mem_full) < 2 * 1024**2 else 'NOT met'}")


if __name__ == "__main__":
    main()
