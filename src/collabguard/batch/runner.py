"""Screen every input row; one result per row, in input order; an error in one row never stops the run."""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from collabguard.batch.columns import row_to_proposal
from collabguard.batch.rows import InputRow
from collabguard.decisions import Decisions
from collabguard.engine.screen import screen
from collabguard.errors import CollabguardError
from collabguard.io.proposal_loader import load_proposal, proposal_from_data
from collabguard.models.report import Report
from collabguard.report.labels import entity_line
from collabguard.report.redact import redact, redact_message
from collabguard.report.summary import flag_line
from collabguard.ruleset import RuleSet, load_ruleset

TOP_FLAGS = 3  # the reason for the verdict, then the next flags
TITLE_CHARS = 300  # an error row's title is shown up to this length
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends
PARENT_CHECK_SECONDS = 1.0


def _row_id(row: InputRow) -> str:
    if row.cells is not None:
        return (row.cells.get("id") or "").strip()
    if isinstance(row.data, dict):
        return str(row.data.get("id") or "").strip()
    return ""


def _row_title(row: InputRow) -> str:
    """The title of a row that could not be screened, as given (cut at TITLE_CHARS), to recognise it by."""
    if row.cells is not None:
        title = row.cells.get("title") or ""
    elif isinstance(row.data, dict):
        title = row.data.get("title") or ""
    else:
        title = ""
    title = str(title).strip()
    return title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS] + "…"


def _result(row: InputRow, report: Report | None, error: str | None, keep_report: bool = True) -> dict[str, Any]:
    base: dict[str, Any] = {"row": row.number, "id": _row_id(row), "title": _row_title(row), "status": "error",
                            "risk_level": "", "blocking": "",
                            "recommendation": "", "flag_count": "", "checklist_count": "", "top_flags": "",
                            "matched_entities": "", "frameworks": "", "error": error or "", "notes": "; ".join(row.notes)}
    if report is None:
        return base
    counted = report.counted_flags
    summary = report.summary
    # the reason for the verdict first (the deciding flag, or the open question that makes a row "needs
    # review"), then the next flags; one entry per name as written and entity, with every list naming it
    others = [flag_line(f, report.language) for f in counted if f.rule_id != summary.decided_by]
    base.update({
        "id": report.proposal_id,
        "title": report.title,
        "status": "ok",
        "risk_level": report.risk_level,
        "blocking": report.blocking,
        "recommendation": report.recommendation,
        "flag_count": len(counted),
        "checklist_count": len(report.checklist),
        "top_flags": " | ".join([summary.reason, *others][:TOP_FLAGS]),
        "matched_entities": "; ".join(entity_line(m) for m in summary.matches),
        "frameworks": "; ".join(f"{fw.id}={'applies' if fw.applies else 'advisory'}" for fw in report.frameworks),
        "notes": "; ".join([*row.notes, *report.warnings,
                            *(f"reviewed: {r.partner} → {r.entity_name} [{r.list}] {r.decision} ({r.status})" for r in report.reviews)]),
        # the report travels as its JSON text (cheap to pass between processes and to journal), and
        # only when an output needs it: a CSV or XLSX output keeps the summary columns alone
        "report": report.model_dump_json() if keep_report else None,
    })
    return base


def screen_row(row: InputRow, ruleset: RuleSet, today: date, decisions: Decisions | None = None,
               lang: str = "en", redact_names: bool = False, keep_report: bool = True) -> dict[str, Any]:
    """The result for one row; every failure becomes an ``error`` result with a clear message (with
    ``redact_names``: without the people's names of the row, and without the input values it quotes)."""
    result = _screen_row(row, ruleset, today, decisions, lang, redact_names, keep_report)
    if redact_names and result["status"] == "error":
        source = row.data if row.data is not None else row.cells if row.cells is not None else row.source
        result["error"] = redact_message(result["error"], source)
        result["id"] = redact_message(str(result["id"]), source)
        result["title"] = redact_message(str(result["title"]), source)
        result["notes"] = redact_message(result["notes"], source)
    return result


def _screen_row(row: InputRow, ruleset: RuleSet, today: date, decisions: Decisions | None, lang: str,
                redact_names: bool, keep_report: bool) -> dict[str, Any]:
    if row.error:
        return _result(row, None, row.error)
    try:
        if row.cells is not None:
            proposal = proposal_from_data(row_to_proposal(row.cells, row.number), row.label)
        elif row.data is not None:
            proposal = proposal_from_data(row.data, row.label)
        else:
            proposal = load_proposal(row.source)  # type: ignore[arg-type]
        report = screen(proposal, ruleset, today=today, decisions=decisions, lang=lang)
        return _result(row, redact(report, proposal) if redact_names else report, None, keep_report)
    except CollabguardError as exc:
        return _result(row, None, str(exc))
    except ValueError as exc:
        return _result(row, None, f"{row.label}: {exc}" if not str(exc).startswith(row.label) else str(exc))
    except Exception as exc:  # noqa: BLE001 - one broken row must not lose the others
        return _result(row, None, f"{row.label}: internal error ({type(exc).__name__}); please report it")


# one ruleset per worker process, loaded once by the initializer
_WORKER: dict[str, Any] = {}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _die_with_parent(batch: int) -> None:
    """A worker ends when the batch process ends, even when that is killed (``kill -9``): on Linux
    the kernel sends it SIGKILL when its parent ends (PR_SET_PDEATHSIG); everywhere, a thread checks
    once a second that its parent is still there (an orphan is adopted by another process). The
    parent is the batch process itself, or the fork server that started the worker for it (which
    ends with the batch process)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl here: the thread below does it
    parent = os.getppid()
    if parent != batch and not _alive(batch):  # the batch process died before the lines above
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="collabguard-parent-watch", daemon=True).start()


def _init_worker(parent: int, root: str, policy: str | None, today: date, decisions: Decisions | None, lang: str,
                 redact_names: bool, keep_report: bool) -> None:
    _die_with_parent(parent)
    _WORKER["ruleset"] = load_ruleset(Path(root), policy=Path(policy) if policy else None)
    _ = _WORKER["ruleset"].matcher  # the name index, built now rather than by the first row
    # the rules, lists and index live as long as the worker: out of the collector's full scans, which
    # would otherwise walk them again and again while rows are screened (~10% of a screening)
    gc.freeze()
    _WORKER["today"] = today
    _WORKER["decisions"] = decisions
    _WORKER["lang"] = lang
    _WORKER["redact"] = redact_names
    _WORKER["keep_report"] = keep_report


def _work(row: InputRow) -> dict[str, Any]:
    return screen_row(row, _WORKER["ruleset"], _WORKER["today"], _WORKER["decisions"], _WORKER["lang"], _WORKER["redact"],
                      _WORKER["keep_report"])


def mark_duplicates(rows: list[InputRow]) -> None:
    """A second row with the same id is an error: results are keyed on the id downstream."""
    seen: dict[str, str] = {}
    for row in rows:
        ident = _row_id(row) if not row.error else ""
        if not ident:
            continue
        if ident in seen:
            row.error = f"{row.label}: id: duplicate {ident!r} (first in {seen[ident]})"
        else:
            seen[ident] = row.label


def run_batch(rows: list[InputRow], ruleset: RuleSet, today: date | None = None, jobs: int = 1,
              progress: Callable[[int], None] | None = None, decisions: Decisions | None = None,
              lang: str = "en", redact_names: bool = False, keep_report: bool = True) -> Iterator[dict[str, Any]]:
    """Results in input order. With ``jobs`` > 1, rows are screened in worker processes."""
    today = today or date.today()
    mark_duplicates(rows)
    if jobs <= 1 or len(rows) < 50:
        for row in rows:
            yield screen_row(row, ruleset, today, decisions, lang, redact_names, keep_report)
            if progress:
                progress(1)
        return
    workers = min(jobs, os.cpu_count() or 1)
    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(
        os.getpid(), str(ruleset.root), str(ruleset.policy_path) if ruleset.policy_path else None, today, decisions,
        lang, redact_names, keep_report))
    try:
        for result in pool.map(_work, rows, chunksize=32):
            yield result
            if progress:
                progress(1)
    finally:  # a run stopped early (Ctrl-C, a full disk) does not wait for the rows still queued
        pool.shutdown(wait=True, cancel_futures=True)
