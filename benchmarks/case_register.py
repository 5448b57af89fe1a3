"""Case register speed: save 1,000 cases, list them with filters, show a case, answer a case.

    python benchmarks/case_register.py [--cases 1000] [--database-url postgresql://…]

The cases are the shipped examples' proposals and reports under new ids (each report is screened
once, so a save times the register, not the screening). Prints, per operation, the median and 99th
percentile latency, beside a baseline measured in the same run on the same data:

- save: writing the proposal and report JSON to a file of its own, synced to disk (the register
  syncs every commit too: SQLite ``synchronous=FULL``);
- list: reading every saved JSON file back and filtering in Python (a folder of reports);
- show: reading one case's JSON file and parsing its report;
- answer: screening the proposal with the answers alone (the register adds reading, merging and writing).

Default: an SQLite register in a temporary folder; ``--database-url`` for PostgreSQL (a database
that may be dropped: the benchmark adds cases to it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from collabguard.cases import CaseRegister
from collabguard.engine.answers import AnswerFile
from collabguard.models.report import Report
from collabguard.screener import Screener

ROOT = Path(__file__).resolve().parent.parent


def timed(fn: Callable[[], Any], times: list[float]) -> Any:
    t0 = time.perf_counter()
    out = fn()
    times.append((time.perf_counter() - t0) * 1000)
    return out


def figures(times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return f"{statistics.median(ordered):8.2f} {p99:8.2f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--reads", type=int, default=200, help="list and show calls to time")
    parser.add_argument("--answers", type=int, default=30, help="answer calls to time")
    args = parser.parse_args()
    screener = Screener()
    screener.warm()
    examples = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        model = screener.load(path)
        examples.append((json.loads(model.model_dump_json()), screener.screen(model)))
    rng = random.Random(18)
    run = os.getpid()
    with tempfile.TemporaryDirectory() as tmp:
        files = Path(tmp) / "files"
        files.mkdir()
        url = args.database_url or f"sqlite:///{Path(tmp) / 'cases.sqlite3'}"
        rows: list[tuple[str, int, list[float], list[float]]] = []
        with CaseRegister(screener, url=url) as register:
            save_t: list[float] = []
            base_t: list[float] = []
            ids = []
            for i in range(args.cases):
                proposal, report = examples[i % len(examples)]
                pid = f"BENCH-{run}-{i:05d}"
                data, rep = {**proposal, "id": pid}, report.model_copy(update={"proposal_id": pid})
                ids.append(timed(lambda d=data, r=rep: register.save(d, "bench", report=r), save_t).case_id)
                timed(lambda d=data, r=rep, p=pid: _write_file(files / f"{p}.json", d, r), base_t)
            rows.append(("save a case", args.cases, save_t, base_t))

            filters: list[dict[str, str]] = [{}, {"status": "waiting_for_answers"}, {"risk": "high"}, {"partner": "univ"},
                                             {"framework": "no-hkdir"}, {"text": "quantum"}]
            list_t: list[float] = []
            base_t = []
            for i in range(args.reads):
                f = filters[i % len(filters)]
                timed(lambda f=f: register.list(**f), list_t)
            for i in range(max(12, args.reads // 20)):  # reading a folder of reports is slow: fewer rounds
                f = filters[i % len(filters)]
                timed(lambda f=f: _scan_files(files, f), base_t)
            rows.append(("list with a filter", args.reads, list_t, base_t))

            show_t: list[float] = []
            base_t = []
            for _ in range(args.reads):
                i = rng.randrange(args.cases)
                timed(lambda c=ids[i]: register.show(c), show_t)
                timed(lambda p=files / f"BENCH-{run}-{i:05d}.json": _read_file(p), base_t)
            rows.append(("show a case", args.reads, show_t, base_t))

            answer_t: list[float] = []
            base_t = []
            candidates = [c for c in ids if register.show(c).report.checklist][: args.answers]
            for case_id in candidates:
                detail = register.show(case_id)
                q = detail.report.checklist[0]
                file = AnswerFile.model_validate({"reviewer": "Bench", "date": "2026-12-04", "answers": [{"id": q.id, "answer": "no"}]})
                timed(lambda p=detail.proposal, a=file: screener.screen(p, answers=a), base_t)
                timed(lambda c=case_id, a=file, v=detail.case.version: register.answer(c, a, "bench", v), answer_t)
            rows.append(("answer (screen again + write)", len(candidates), answer_t, base_t))
            where = register.where

    print(f"case register at {where.split('?')[0]}: {args.cases} cases; milliseconds")
    print(f"{'operation':32} {'n':>5} {'median':>8} {'p99':>8}   baseline {'median':>8} {'p99':>8}")
    for name, n, times, base in rows:
        print(f"{name:32} {n:5d} {figures(times)}            {figures(base)}")
    print("baselines: save = the JSON to a file of its own, synced; list = read every file and filter; "
          "show = read one file and parse its report; answer = the screening alone")


def _write_file(path: Path, proposal: dict[str, Any], report: Report) -> None:
    text = json.dumps({"proposal": proposal, "report": json.loads(report.model_dump_json())}, ensure_ascii=False)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def _scan_files(folder: Path, f: dict[str, str]) -> list[str]:
    found = []
    for path in folder.iterdir():
        doc = json.loads(path.read_text(encoding="utf-8"))
        report, proposal = doc["report"], doc["proposal"]
        partners = " ".join(p["name"] for p in proposal.get("partners", [])).casefold()
        if f.get("status") == "waiting_for_answers" and not report["checklist"]:
            continue
        if "risk" in f and report["risk_level"] != f["risk"]:
            continue
        if "partner" in f and f["partner"] not in partners:
            continue
        if "framework" in f and not any(x["id"] == f["framework"] and x["applies"] for x in report["frameworks"]):
            continue
        if "text" in f and f["text"] not in (report["title"].casefold() + " " + partners):
            continue
        found.append(report["proposal_id"])
    return found


def _read_file(path: Path) -> Report:
    return Report.model_validate(json.loads(path.read_text(encoding="utf-8"))["report"])


if __name__ == "__main__":
    main()
