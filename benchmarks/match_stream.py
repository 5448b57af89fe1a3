"""`collabguard match` on millions of names: peak memory and names/s of the streaming path, next to the
old read-everything path measured in the same run.

    python benchmarks/match_stream.py [--names 2000000] [--baseline 200000] [--jobs 1] [--keep DIR]

Builds a CSV (name,country) of --names rows, shuffled with a fixed seed:
- real names (about 55% of rows, drawn with repeats): every name, local name, alias and acronym of the
  shipped lists (rules/lists), and every name, label, alias and acronym of the ROR records in
  ../shared/data/ror (both files), each with its country (one in five without);
- random innocent names (about 44%, nearly all distinct): ROR place names in institution patterns
  ("Kirov Institute of Forestry", "Second Hsinchu Medical College") with a random country;
- bad rows (1%): empty names, names whose characters were lost ("Harbin ???? University").

Then runs, each in its own process (peak RSS from the kernel, via os.wait4):
1. streaming, all rows:   `collabguard match NAMES.csv -f csv -o OUT.csv [--jobs N]`
2. streaming, --baseline rows (the same first rows);
3. the old path, --baseline rows: every row read into a list, every distinct name matched and kept,
   every result held, rendered into one string, written: what `match` did before it streamed
   (read_names_csv + Screener.match_names with one chunk and no cache limit + render_rows).
Prints rows/s and peak RSS of each, checks that every run wrote one output row per input row, and the
ratios (old ÷ streaming at the same size). The old path is not run on all rows: at 2 million names it
holds every result at once (extrapolated from its per-row growth, printed).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROR = Path(os.environ.get("COLLABGUARD_SHARED", ROOT.parent / "shared")) / "data" / "ror"
PATTERNS = ["{p} University of {f}", "{p} {f} College", "{p} Institute of {f}", "{p} Academy of {f}",
            "{f} Research Institute of {p}", "{p} {f} Vocational College", "{p} Normal University", "{p} Medical College",
            "{p} Teachers College", "{p} {f} School", "{p} Hospital of {f}", "{p} Centre for {f} Research"]
FIELDS = ["Agricultural", "Forestry", "Textile", "Finance and Economics", "Foreign Studies", "Arts", "Music", "Fine Arts",
          "Traditional Medicine", "Education", "Sports", "Tourism", "Petroleum", "Water Resources", "Light Industry",
          "Commerce", "Animal Science", "Fisheries", "Architecture", "Law", "Media", "Nursing", "Pharmacy",
          "Veterinary Science", "Geology", "Marine Biology", "Linguistics", "Public Health"]
VARIANTS = ["", "Second ", "Polytechnic ", "Open ", "New ", "Northern ", "Southern ", "Eastern ", "Western ", "Central "]
COUNTRIES = ["CN", "RU", "IR", "NO", "US", "DE", "FR", "GB", "JP", "BR", "IN", "TW", ""]


def list_names() -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / "rules" / "lists").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if "name" not in row or "country" not in row:
                    continue  # not a list in the list schema (an alias file)
                for cell in (row.get("name"), row.get("name_local"), row.get("aliases"), row.get("acronyms")):
                    out += [(n.strip(), row["country"] or "") for n in (cell or "").split("|") if n.strip()]
    return out


def ror_names() -> tuple[list[tuple[str, str]], list[str]]:
    """Every name of every ROR record with its country; and the place names."""
    names, places = [], set()
    for path in sorted(ROR.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if "names" in r:  # schema v2
                    country = next((x["geonames_details"]["country_code"] for x in r.get("locations", [])), "")
                    names += [(n["value"], country) for n in r["names"]]
                    places.update(x["geonames_details"]["name"] for x in r.get("locations", []))
                else:  # schema v1
                    country = (r.get("country") or {}).get("country_code", "")
                    forms = [r["name"], *r.get("aliases", []), *r.get("acronyms", []), *(x["label"] for x in r.get("labels", []))]
                    names += [(n, country) for n in forms]
                    places.update(a["city"] for a in r.get("addresses", []) if a.get("city"))
    return names, sorted(p for p in places if p)


def build(path: Path, n: int, seed: int = 15) -> dict[str, int]:
    rng = random.Random(seed)
    real = list_names()
    ror, places = ror_names()
    pool = real + ror
    counts = {"real names": len(pool), "places": len(places)}
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["name", "country"])
        for _ in range(n):
            x = rng.random()
            if x < 0.55:
                name, country = rng.choice(pool)
                writer.writerow([name, country if rng.random() > 0.2 else ""])
            elif x < 0.99:
                name = rng.choice(VARIANTS) + rng.choice(PATTERNS).format(p=rng.choice(places), f=rng.choice(FIELDS))
                writer.writerow([name, rng.choice(COUNTRIES)])
            else:
                writer.writerow([rng.choice(["", "Harbin ???? University", "\ufffd\ufffd\ufffd\ufffd"]), "CN"])
    return counts


def head(source: Path, target: Path, rows: int) -> None:
    with source.open(encoding="utf-8") as fh, target.open("w", encoding="utf-8") as out:
        for i, line in enumerate(fh):
            if i > rows:
                break
            out.write(line)


def old_path(names: str, output: str) -> None:
    """What `match` did before it streamed: everything read, matched, held and rendered at once."""
    from collabguard.cli.match_output import MatchFormat, render_rows
    from collabguard.matching import batch
    from collabguard.matching.names_input import read_names_csv
    from collabguard.screener import Screener

    batch.CHUNK_ROWS = batch.CACHE_NAMES = 10**12  # one chunk, every distinct name kept: the old match_rows
    rows = read_names_csv(Path(names))
    results = Screener().match_names(rows, explain=False)
    text = render_rows([r.model_dump(mode="json", exclude={"row"}) for r in results], MatchFormat.csv)
    Path(output).write_text(text, encoding="utf-8")


def run(cmd: list[str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err.decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024


def rows_in(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--old-path":
        old_path(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=2_000_000)
    parser.add_argument("--baseline", type=int, default=200_000, help="rows for the old path (and streaming, to compare)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="match-stream-"))
    try:
        big, small = work / "names.csv", work / "names-small.csv"
        t0 = time.perf_counter()
        counts = build(big, args.names)
        head(big, small, args.baseline)
        print(f"names file: {args.names:,} rows, {big.stat().st_size / 1e6:.0f} MB, from {counts['real names']:,} real names "
              f"and {counts['places']:,} ROR places (built in {time.perf_counter() - t0:.0f} s)")
        cli = [sys.executable, "-m", "collabguard", "match"]
        jobs = ["--jobs", str(args.jobs)] if args.jobs > 1 else []
        runs = {}
        for label, source, cmd in [
            ("streaming, baseline size", small, [*cli, str(small), "-f", "csv", "-o", str(work / "s.csv"), *jobs]),
            ("old path, baseline size", small, [sys.executable, __file__, "--old-path", str(small), str(work / "o.csv")]),
            ("streaming, all rows", big, [*cli, str(big), "-f", "csv", "-o", str(work / "b.csv"), *jobs]),
        ]:
            seconds, peak = run(cmd)
            out = {"streaming, baseline size": "s.csv", "old path, baseline size": "o.csv", "streaming, all rows": "b.csv"}[label]
            given, written = rows_in(source), rows_in(work / out)
            runs[label] = (given, seconds, peak)
            print(f"{label:26} {given:>9,} rows  {given / seconds:>7,.0f} rows/s  {seconds:6.0f} s  peak RSS {peak:6.0f} MB  "
                  f"output rows {'=' if given == written else '≠'} input rows ({written:,})")
        (n_s, t_s, m_s), (_, t_o, m_o), (n_b, _, m_b) = runs.values()
        growth = (m_o - m_s) / n_s  # the old path's memory beyond the streaming path's, per row
        print(f"old ÷ streaming at {n_s:,} rows: time {t_o / t_s:.2f}x, peak memory {m_o / m_s:.2f}x; "
              f"streaming peak at {n_b:,} rows ÷ at {n_s:,}: {m_b / m_s:.2f}x (flat memory: about 1)")
        print(f"the old path at {n_b:,} rows would need about {m_s + growth * n_b:,.0f} MB (its growth per row, "
              f"{growth * 1024:.1f} KB, times the rows)")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(big, args.keep / big.name)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
