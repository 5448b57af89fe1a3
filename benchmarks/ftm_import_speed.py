"""FollowTheMoney JSON lines import (`lists import --format ftm-json`): speed and memory on a generated
OpenSanctions-shaped file, against the targets.simple.csv importer on the same listed entities.

    python benchmarks/ftm_import_speed.py [--lines 500000] [--small 100000]

The file has OpenSanctions' mix of lines (exporter zavod/exporters/ftm.py): per five lines a listed
Organization, a listed Person, the Sanction record of the organisation, an Address record it links,
and a Company that is not listed itself; 1 % of the organisations are in a second, small dataset.
Each import runs in its own process; memory is that process's peak resident size less its size
before reading (the library loaded). Printed: MB and rows/s of
  1. ftm-json, whole file (every listed entity becomes a row);
  2. opensanctions (targets.simple.csv) of the same listed entities: the baseline, same run;
  3. ftm-json with --dataset of the small dataset, on the small file and on the whole file: memory
     must stay flat as the file grows (the file is streamed; only kept entities are held).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import json, resource, sys, time
from pathlib import Path
from collabguard.lists.entity_filter import EntityFilter
from collabguard.lists.importers import import_files
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
path, fmt, datasets = Path(sys.argv[1]), sys.argv[2], tuple(sys.argv[3:])
t0 = time.perf_counter()
rows = import_files([path], fmt, "bench", filters=EntityFilter(datasets))
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"rows": len(rows), "seconds": seconds, "mb": (peak - before) / 1024}))
"""


def _entities(groups: int):  # one group = five lines
    for i in range(groups):
        org, person, addr = f"NK-org{i:07d}", f"NK-per{i:07d}", f"addr-{i:07d}"
        datasets = ["us_trade_csl", "small_dataset"] if i % 100 == 0 else ["us_trade_csl"]
        yield {"id": org, "caption": f"Example Research Institute No. {i}", "schema": "Organization",
               "properties": {"name": [f"Example Research Institute No. {i}"], "alias": [f"ERI {i}", f"Institute {i} of Examples"],
                              "country": ["cn"], "topics": ["sanction"], "addressEntity": [addr],
                              "notes": ["For all items subject to the EAR. (See § 744.11 of the EAR)"]},
               "referents": [f"trade-csl-{i}"], "datasets": datasets, "first_seen": "2024-01-22T12:10:31",
               "last_seen": "2026-08-01T06:02:11", "last_change": "2024-04-20T00:00:00", "target": True}
        yield {"id": person, "caption": f"Fictional Person {i}", "schema": "Person",
               "properties": {"name": [f"Fictional Person {i}"], "birthDate": ["1971-01-22"], "nationality": ["ru"], "topics": ["sanction"]},
               "referents": [], "datasets": ["us_trade_csl"], "first_seen": "2024-01-22T12:10:31", "last_seen": "2026-08-01T06:02:11",
               "last_change": "2024-04-20T00:00:00", "target": True}
        yield {"id": f"sanc-{i:07d}", "caption": "Entity List", "schema": "Sanction",
               "properties": {"entity": [org], "authority": ["Entity List (EL) - Bureau of Industry and Security"],
                              "authorityId": ["85 FR 34497"], "startDate": ["2020-06-05"], "provisions": ["Presumption of denial"]},
               "referents": [], "datasets": ["us_trade_csl"], "target": False}
        yield {"id": addr, "caption": f"No. {i} Example Road, Xi'an, China", "schema": "Address",
               "properties": {"full": [f"No. {i} Example Road, Xi'an, China"], "country": ["cn"]}, "referents": [],
               "datasets": ["us_trade_csl"], "target": False}
        yield {"id": f"NK-own{i:07d}", "caption": f"Example Holding {i}", "schema": "Company",
               "properties": {"name": [f"Example Holding {i}"], "jurisdiction": ["hk"]}, "referents": [], "datasets": ["us_trade_csl"],
               "target": False}


def _write(folder: Path, lines: int) -> tuple[Path, Path]:
    ftm, simple = folder / f"entities-{lines}.ftm.json", folder / f"targets-{lines}.simple.csv"
    with ftm.open("w", encoding="utf-8") as out, simple.open("w", encoding="utf-8", newline="") as table:
        writer = csv.writer(table, dialect=csv.unix_dialect)
        writer.writerow(["id", "schema", "name", "aliases", "birth_date", "countries", "addresses", "identifiers", "sanctions",
                         "phones", "emails", "program_ids", "dataset", "first_seen", "last_seen", "last_change"])
        for entity in _entities(lines // 5):
            out.write(json.dumps(entity, ensure_ascii=False, separators=(",", ":")) + "\n")
            if entity.get("target"):
                p = entity["properties"]
                writer.writerow([entity["id"], entity["schema"], entity["caption"], ";".join(p.get("alias", [])),
                                 ";".join(p.get("birthDate", [])), "cn", "", "", "", "", "", "US-BIS-EL",
                                 "US Trade Consolidated Screening List (CSL)", entity["first_seen"], entity["last_seen"],
                                 entity["last_change"]])
    return ftm, simple


def _run(path: Path, fmt: str, *datasets: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(path), fmt, *datasets], capture_output=True, text=True, check=True,
                          cwd=ROOT)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=500_000)
    parser.add_argument("--small", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ftm, simple = _write(Path(tmp), args.lines)
        small, _ = _write(Path(tmp), args.small)
        whole, base = _run(ftm, "ftm-json"), _run(simple, "opensanctions")
        flat_small, flat_big = _run(small, "ftm-json", "small_dataset"), _run(ftm, "ftm-json", "small_dataset")
        size = ftm.stat().st_size / 2**20
        print(f"ftm-json, {args.lines:,} lines ({size:,.0f} MB file): {whole['rows']:,.0f} rows in {whole['seconds']:.1f} s = "
              f"{args.lines / whole['seconds']:,.0f} lines/s, {whole['rows'] / whole['seconds']:,.0f} rows/s, {size / whole['seconds']:.1f} MB/s; "
              f"memory {whole['mb']:,.0f} MB")
        listed = args.lines // 5 * 2  # an organisation and a person per five lines
        print(f"opensanctions CSV baseline, the same {listed:,} listed entities ({simple.stat().st_size / 2**20:,.0f} MB file, "
              f"read whole): {base['rows']:,.0f} rows (organisations; persons left out) in {base['seconds']:.1f} s = "
              f"{listed / base['seconds']:,.0f} listed entities/s, {simple.stat().st_size / 2**20 / base['seconds']:.1f} MB/s; "
              f"memory {base['mb']:,.0f} MB")
        print(f"ratio ftm-json / CSV for the same listed entities: {listed / whole['seconds']:,.0f} vs "
              f"{listed / base['seconds']:,.0f} entities/s = time {whole['seconds'] / base['seconds']:.1f}x; "
              f"memory {whole['mb'] / max(base['mb'], 1):.2f}x")
        print(f"streaming, --dataset small_dataset: {args.small:,} lines {flat_small['mb']:,.0f} MB ({flat_small['rows']:,.0f} rows), "
              f"{args.lines:,} lines {flat_big['mb']:,.0f} MB ({flat_big['rows']:,.0f} rows), "
              f"{flat_big['seconds']:.1f} s = {args.lines / flat_big['seconds']:,.0f} lines/s")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {time.strftime('%Y-%m-%d %H:%M')}")


if __name__ == "__main__":
    main()
