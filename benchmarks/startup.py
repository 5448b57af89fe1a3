"""Start-up time of the command line, with baselines measured in the same run.

    python benchmarks/startup.py [--runs 9] [--example examples/listed-partner-sensitive-area.yaml]

Prints the median wall time (and CPU time, less moved by other work on a shared machine) of
``--runs`` fresh processes (run in turn, after one untimed warm-up each, so a busy machine slows all
of them alike) for: ``python -c pass`` (the interpreter alone),
``python -c "import pandas"`` (the heaviest dependency, which a screening does not need),
``python -c "import collabguard"`` and ``python -m collabguard screen <example>``, each as a ratio
to the two baselines. Then where a screening's start-up goes: the import time of the modules
(``python -X importtime``, median over the runs) by package and for the slowest collabguard
modules, and the heavy dependencies a screening imports (it should import none of them).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = "pandas"  # the heaviest dependency to import (pyproject.toml); the baseline beside `pass`
# dependencies that cost a tenth of a second or more to import; a screening needs none of them
NOT_NEEDED = ("pandas", "numpy", "matplotlib", "fastapi", "starlette", "uvicorn", "openpyxl", "pypinyin")


def _cpu() -> float:
    """CPU seconds of the finished child processes so far."""
    try:
        import resource
    except ImportError:  # Windows: no child times; the CPU figures come out 0
        t = os.times()
        return t.children_user + t.children_system
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process."""
    c0, t0 = _cpu(), time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed, cpu = time.perf_counter() - t0, _cpu() - c0
    if done.returncode not in (0, 1):  # 1: findings at --fail-on, not an error
        raise SystemExit(f"{' '.join(argv)} exited with {done.returncode}:\n{done.stderr}")
    return elapsed, cpu


def _importtime(argv: list[str]) -> dict[str, tuple[int, int]]:
    """Module -> (self, cumulative) microseconds, from one run under ``-X importtime``."""
    done = subprocess.run([argv[0], "-X", "importtime", *argv[1:]], cwd=ROOT, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    out: dict[str, tuple[int, int]] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line[len("import time:"):].split("|")
        out[name.strip()] = (int(own), int(cumulative))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9, help="fresh processes per command (median)")
    parser.add_argument("--example", default="examples/listed-partner-sensitive-area.yaml", help="proposal to screen")
    parser.add_argument("--top", type=int, default=12, help="modules listed")
    args = parser.parse_args()

    py = sys.executable
    screen = [py, "-m", "collabguard", "screen", args.example]
    commands = {
        "python -c pass": [py, "-c", "pass"],
        f"import {HEAVY}": [py, "-c", f"import {HEAVY}"],
        "import collabguard": [py, "-c", "import collabguard"],
        "collabguard screen": screen,
    }
    walls: dict[str, list[float]] = {label: [] for label in commands}
    cpus: dict[str, list[float]] = {label: [] for label in commands}
    for argv in commands.values():
        _run(argv)  # warm-up: compiled bytecode and the file cache, as on a second start
    for _ in range(args.runs):
        for label, argv in commands.items():
            wall, cpu = _run(argv)
            walls[label].append(wall)
            cpus[label].append(cpu)

    print(f"start-up, median of {args.runs} fresh processes (python {sys.version.split()[0]}; "
          f"collabguard screen = python -m collabguard screen {args.example})")
    for what, times in (("wall", walls), ("cpu", cpus)):
        median = {label: statistics.median(t) for label, t in times.items()}
        base, heavy = median["python -c pass"], median[f"import {HEAVY}"]
        if base <= 0 or heavy <= 0:
            print(f"  {what} time: not measurable here")
            continue
        print(f"  {what} time")
        for label, t in median.items():
            print(f"    {label:<20} {t * 1000:7.0f} ms  {t / base:6.1f}x pass  {t / heavy:5.2f}x import {HEAVY}"
                  f"  (min {min(times[label]) * 1000:.0f}, max {max(times[label]) * 1000:.0f} ms)")
        print(f"    a screening beyond the interpreter: {(median['collabguard screen'] - base) * 1000:.0f} ms")

    runs = [_importtime(screen) for _ in range(min(args.runs, 5))]
    names = set().union(*runs)
    own = {n: statistics.median(r.get(n, (0, 0))[0] for r in runs) for n in names}
    cumulative = {n: statistics.median(r.get(n, (0, 0))[1] for r in runs) for n in names}
    packages: dict[str, float] = defaultdict(float)
    for name, us in own.items():
        packages[name.split(".")[0]] += us
    total = sum(own.values())
    print(f"\nimports of a screening (-X importtime, median of {len(runs)}; the flag itself slows imports): "
          f"{total / 1000:.0f} ms in {len(names)} modules")
    print("  by package (own time of its modules):")
    for package, us in sorted(packages.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"    {package:<28} {us / 1000:7.1f} ms  {us / total:4.0%}")
    print("  slowest collabguard modules (own time: module code, pydantic models, tables):")
    ours = sorted((n for n in names if n.split(".")[0] == "collabguard"), key=lambda n: -own[n])
    for name in ours[: args.top]:
        print(f"    {name:<40} {own[name] / 1000:7.1f} ms  (with its imports {cumulative[name] / 1000:.1f} ms)")
    loaded = [p for p in NOT_NEEDED if p in names]
    if loaded:
        print("  heavy dependencies a screening imports: "
              + ", ".join(f"{p} ({cumulative[p] / 1000:.0f} ms)" for p in loaded))
    else:
        print(f"  heavy dependencies a screening imports: none of {', '.join(NOT_NEEDED)}")


if __name__ == "__main__":
    main()
