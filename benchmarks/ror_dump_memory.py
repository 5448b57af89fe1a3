"""Reading a ROR data dump in flat memory: records/second and peak memory of ``lists enrich``'s reader.

    python benchmarks/ror_dump_memory.py [--records 120000] [--ror DIR]

Builds a dump in the shape ROR publishes on Zenodo (a zip holding one JSON array of schema-2 records,
``v9.9-2026-01-01-ror-data_schema_v2.json``, written as ROR writes it, indented) by repeating the
real schema-2 records of ``DIR`` (default ``../shared/data/ror``, CC0) under new, valid ROR ids. The
real registry holds about 120,000 records (~1 GB uncompressed). Prints, each side in its own process
so its peak memory is its own: collabguard's streaming reader (:class:`DumpReader`, every record read
into a ``RorRecord``), and ``json.load`` of the same member (what reading the array whole costs).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMBER = "v9.9-2026-01-01-ror-data_schema_v2.json"
_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


def ror_id(number: int) -> str:
    """A valid ROR id (checksum included) for a number."""
    body = "0"
    for shift in range(5, -1, -1):
        body += _CROCKFORD[(number >> (5 * shift)) & 31]
    value = 0
    for ch in body:
        value = value * 32 + _CROCKFORD.index(ch)
    return f"https://ror.org/{body}{98 - (value * 100) % 97:02d}"


def build(path: Path, records: int, source: Path) -> None:
    real = [json.loads(line) for f in sorted(source.glob("*.jsonl"))
            for line in f.read_text(encoding="utf-8").splitlines() if '"names"' in line]
    for rec in real:
        rec.pop("_release_path", None)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, zf.open(MEMBER, "w", force_zip64=True) as raw:
        raw.write(b"[\n")
        for i in range(records):
            rec = dict(real[i % len(real)], id=ror_id(i + 1))
            raw.write((",\n" if i else "").encode() + json.dumps(rec, indent=2, ensure_ascii=False).encode("utf-8"))
        raw.write(b"\n]\n")


def measure(side: str, path: Path) -> None:
    t0 = time.perf_counter()
    if side == "collabguard":
        from collabguard.lists.ror_dump import DumpReader

        count = sum(1 for _ in DumpReader(path))
    else:
        with zipfile.ZipFile(path) as zf, zf.open(MEMBER) as fh:
            count = len(json.load(fh))
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"records": count, "seconds": seconds, "peak_mb": peak}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=120_000)
    parser.add_argument("--ror", type=Path, default=ROOT.parent / "shared" / "data" / "ror")
    parser.add_argument("--side", choices=("collabguard", "json.load"), help=argparse.SUPPRESS)
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        measure(args.side, args.dump)
        return
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "v9.9-2026-01-01-ror-data.zip"
        build(dump, args.records, args.ror)
        with zipfile.ZipFile(dump) as zf:
            size = zf.getinfo(MEMBER).file_size
        print(f"dump: {args.records:,} records, {size / 1e6:,.0f} MB of JSON ({dump.stat().st_size / 1e6:,.0f} MB zipped)")
        results = {}
        for side in ("collabguard", "json.load"):
            out = subprocess.run([sys.executable, __file__, "--side", side, "--dump", str(dump)], capture_output=True,
                                 text=True, check=True)
            results[side] = json.loads(out.stdout)
            r = results[side]
            print(f"{side:12} {r['records']:,} records in {r['seconds']:.1f} s ({r['records'] / r['seconds']:,.0f} records/s), "
                  f"peak memory {r['peak_mb']:,.0f} MB")
        ours, whole = results["collabguard"], results["json.load"]
        print(f"ratio: collabguard's peak memory is {ours['peak_mb'] / whole['peak_mb']:.2f}x json.load's, its time "
              f"{ours['seconds'] / whole['seconds']:.2f}x")


if __name__ == "__main__":
    main()
