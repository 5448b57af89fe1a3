"""Damaged and hostile batch inputs (issue 20): rows in and out, and the cost of a refusal.

    python benchmarks/batch_hostile_inputs.py [--xlsx-rows 3000000] [--no-baseline]

Part 1 runs `collabguard batch` on damaged copies of examples/batch.csv (a Windows-1252 row in a
UTF-8 file, a stray quote from row 3 to row 6, a whole file in Chinese GBK) and prints, for each,
the input rows, the output rows, how many were screened or became error rows, and the exit code.

Part 2 builds a small .xlsx whose first sheet holds millions of identical rows and no declared size
(it compresses about 250:1) and a CSV with a 1,000,000-column header, and prints the time and peak
memory of the refusal. The baseline, measured in the same run, is what the old reader needed
before it could count a row: openpyxl's ``load_workbook(read_only=True)`` on the same file.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "collabguard", "batch"]
ROW = (b'<row><c t="inlineStr"><is><t>x</t></is></c><c t="inlineStr"><is><t>Sonar</t></is></c>'
       b'<c t="inlineStr"><is><t>Aarhus University</t></is></c></row>')


def damaged(folder: Path) -> dict[str, Path]:
    header, *rows = (ROOT / "examples" / "batch.csv").read_text(encoding="utf-8-sig").splitlines()
    lines = [header, *rows]
    chinese = [line.replace("Harbin Engineering University", "哈尔滨工程大学") for line in lines]
    mixed = [line.replace("Long-term outcomes after childhood cancer", "Seinverknader i Tromsø") for line in chinese]
    quote = list(lines)
    quote[2] = quote[2].replace(",Underwater", ',"Underwater', 1)
    quote[5] = quote[5].replace("maritime surveillance,", 'maritime surveillance",', 1)
    files = {"windows-1252 row in UTF-8": (mixed, lambda n: "cp1252" if n == 4 else "utf-8"),
             "stray quote rows 3-6": (quote, lambda n: "utf-8"), "whole file in GBK": (chinese, lambda n: "gbk")}
    out = {}
    for name, (text, encoding) in files.items():
        path = folder / (name.replace(" ", "-") + ".csv")
        path.write_bytes(b"".join(line.encode(encoding(n)) + b"\n" for n, line in enumerate(text)))
        out[name] = path
    return out


def rows_in_and_out(folder: Path) -> None:
    print(f"{'damaged file':28} {'rows in':>7} {'rows out':>8} {'screened':>8} {'errors':>6} {'exit':>4}")
    for name, path in damaged(folder).items():
        output = folder / "out.csv"
        done = subprocess.run([*CLI, str(path), "-o", str(output), "-q"], capture_output=True, text=True)
        with open(output, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        ok = sum(r["status"] == "ok" for r in rows)
        print(f"{name:28} {8:7} {len(rows):8} {ok:8} {len(rows) - ok:6} {done.returncode:4}")


def hostile_xlsx(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    template = path.with_name("template.xlsx")
    Workbook().save(template)
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for item in src.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(item, src.read(item.filename))
        with dst.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            fh.write(ROW.replace(b">x<", b">id<").replace(b">Sonar<", b">title<"))
            for _ in range(rows // 10_000):
                fh.write(ROW * 10_000)
            fh.write(b"</sheetData></worksheet>")


def measure(command: list[str]) -> tuple[float, float, str]:
    """Seconds, peak memory (MB) and the last line of standard error of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    last = err.strip().splitlines()[-1:] or [""]
    return time.perf_counter() - start, usage.ru_maxrss / 1024, last[0][:150]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--xlsx-rows", type=int, default=3_000_000)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows_in_and_out(folder)
        xlsx = folder / "hostile.xlsx"
        hostile_xlsx(xlsx, args.xlsx_rows)
        wide = folder / "wide.csv"
        wide.write_text("id,title," + ",".join(f"c{i}" for i in range(1_000_000)) + "\nW1,Sonar\n")
        print(f"\n{xlsx.name}: {xlsx.stat().st_size / 1e6:.1f} MB, {args.xlsx_rows:,} rows; "
              f"{wide.name}: {wide.stat().st_size / 1e6:.1f} MB, 1,000,002 columns")
        print(f"{'refusal':14} {'seconds':>8} {'peak MB':>8}  message")
        new = {}
        for name, path in (("xlsx rows", xlsx), ("csv columns", wide)):
            seconds, peak, line = measure([*CLI, str(path), "-o", str(folder / "out.csv"), "-q"])
            new[name] = seconds
            print(f"{name:14} {seconds:8.1f} {peak:8.0f}  {line}")
        if not args.no_baseline:
            code = f"from openpyxl import load_workbook; load_workbook({str(xlsx)!r}, read_only=True); print('opened')"
            seconds, peak, _ = measure([sys.executable, "-c", code])
            print(f"{'baseline':14} {seconds:8.1f} {peak:8.0f}  openpyxl load_workbook(read_only=True) alone, "
                  f"before any row is counted: {seconds / new['xlsx rows']:.0f}x the refusal's time")


if __name__ == "__main__":
    main()
