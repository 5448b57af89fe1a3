"""A batch run over a file: read every row, screen it (resumably, through a journal), write the results.

Every input row gets exactly one output row, in input order; rows that cannot be screened get status
'error' and a message. An interrupted run (Ctrl-C, a killed process) keeps what it screened in a
journal beside the output, and the same call with ``resume=True`` screens only the rest.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from collabguard.errors import CollabguardError, UsageError

if TYPE_CHECKING:
    from collabguard.screener import Screener


class BatchInterrupted(CollabguardError):
    """The run was interrupted; what was screened is kept in the journal for ``resume``."""

    def __init__(self, screened: int, total: int, journal: Path) -> None:
        super().__init__(f"interrupted: {screened} of {total} rows screened and kept in {journal}; "
                         "run the same command with --resume to finish")


@dataclass
class BatchOutcome:
    results: list[dict[str, Any]]
    output: Path
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(r["status"] != "ok" for r in self.results)

    def summary(self) -> str:
        """``40 rows: 38 screened, 2 with errors → out.csv``, and how rows were decoded when the
        input was not plain UTF-8 (each such row says so in its ``notes`` too)."""
        from collabguard.batch.lines import GUESSED_NOTE, NOT_CP1252, NOT_UTF8

        line = (f"{len(self.results)} row{'s' if len(self.results) != 1 else ''}: {len(self.results) - self.errors} screened, {self.errors} with errors "
                f"→ {self.output}")
        notes = [r.get("notes") or "" for r in self.results]
        unreadable = sum(NOT_UTF8 in n or NOT_CP1252 in n for n in notes)
        guessed = sum(GUESSED_NOTE in n for n in notes)
        decoding = ([f"{unreadable} row(s) not in the file's encoding, not screened"] if unreadable else []) + \
                   ([f"{guessed} row(s) read as Windows-1252"] if guessed else [])
        return line + (f" ({'; '.join(decoding)})" if decoding else "")

    def fails_at(self, severity: str) -> bool:
        """A screened row whose risk level (from the flags that count) is at or above ``severity``."""
        from collabguard.models.common import severity_rank

        return any(r["status"] == "ok" and severity_rank(r["risk_level"]) >= severity_rank(severity) for r in self.results)


def run_batch_file(screener: Screener, input_path: Path, output: Path, *, report: Path | None = None,
                   columns: list[str] | None = None, jobs: int = 1, resume: bool = False, redact: bool = False,
                   lang: str | None = None, today: date | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   notify: Callable[[str], None] | None = None) -> BatchOutcome:
    """Screen ``input_path`` (.csv, .xlsx, .jsonl or a folder) into ``output`` (.csv, .xlsx, .jsonl,
    .json), with an HTML summary at ``report``. ``columns``: ``THEIRS=ours`` mappings; ``progress``
    is called with (rows done, rows to do); ``notify`` receives notes a person should read.

    No file the run writes may be one it reads or another it writes (refused before anything is
    written), and one run at a time writes an output (``OUTPUT.lock``)."""
    from contextlib import ExitStack

    from collabguard.batch.journal import journal_path
    from collabguard.batch.lock import OutputLock, lock_path
    from collabguard.batch.paths import check_paths
    from collabguard.batch.writers import output_format

    say = notify or (lambda _: None)
    output_format(output)  # refuse a bad output before doing any work
    for path in (output, report):
        if path is not None and not path.parent.is_dir():
            raise UsageError(f"{path}: folder {path.parent} does not exist")
        if path is not None and path.is_dir():
            raise UsageError(f"{path}: is a folder; give a file name")
    jpath = journal_path(output)
    writes = {"--output": output, "the resume journal": jpath, "the output's lock": lock_path(output)}
    if report is not None:
        writes |= {"--report": report, "the report's lock": lock_path(report)}
    reads = {"the input": input_path, "--decisions": screener.decisions_path, "--policy": screener.ruleset.policy_path}
    check_paths({k: v for k, v in reads.items() if v is not None}, writes,
                input_folder=input_path if input_path.is_dir() else None, rules_folder=screener.ruleset.root)
    with ExitStack() as stack:
        for path in (output, report):
            if path is not None:
                lock = stack.enter_context(OutputLock(path))
                if lock.note:
                    say(lock.note)
        return _run(screener, input_path, output, jpath, report=report, columns=columns or [], jobs=jobs, resume=resume,
                    redact=redact, lang=lang, today=today, progress=progress, say=say)


def _run(screener: Screener, input_path: Path, output: Path, jpath: Path, *, report: Path | None, columns: list[str],
         jobs: int, resume: bool, redact: bool, lang: str | None, today: date | None,
         progress: Callable[[int, int], None] | None, say: Callable[[str], None]) -> BatchOutcome:
    from collabguard.batch.columns import parse_mapping
    from collabguard.batch.journal import Journal, digest_input, read_journal, settings
    from collabguard.batch.readers import read_input
    from collabguard.batch.runner import mark_duplicates, run_batch
    from collabguard.batch.writers import output_format, write_results
    from collabguard.io.atomic import SystemRefused, cannot, write_text
    from collabguard.screener import _language

    lang = _language(lang) if lang is not None else screener.lang
    rows, notes = read_input(input_path, parse_mapping(columns))
    for note in notes:
        say(note)
    ruleset = screener.ruleset
    mark_duplicates(rows)
    keep = report is not None or output_format(output) in ("json", "jsonl")  # who needs the full reports
    today = today or date.today()
    # everything that changes a row's result: a resumed run must not mix results made otherwise
    options = (f"lang={lang} redact={redact} reports={keep} columns={sorted(columns)} "
               f"policy={ruleset.policy.sha256 if ruleset.policy else None} date={today.isoformat()}")
    decisions_digest = digest_input(screener.decisions_path) if screener.decisions_path else None
    header = settings(digest_input(input_path), ruleset.versions.model_dump(mode="json"), len(rows), decisions_digest, options)
    done: dict[int, dict[str, Any]] = {}
    if resume:
        if not jpath.exists():
            raise UsageError(f"{jpath}: no interrupted run to resume (run without --resume)")
        done = read_journal(jpath, header)
        say(f"resuming: {len(done)} of {len(rows)} rows were screened before the interruption")
    elif jpath.exists():
        say(f"{jpath} (an interrupted run) is replaced; use --resume to continue such a run")
    todo = [r for r in rows if r.number not in done]
    journal = Journal(jpath, header, resume=resume)
    fresh: dict[int, dict[str, Any]] = {}
    count = 0
    try:
        for result in run_batch(todo, ruleset, today=today, jobs=jobs, decisions=screener.decisions, lang=lang,
                                redact_names=redact, keep_report=keep):
            try:
                journal.add(result)
            except OSError as exc:  # a full disk, a folder made read-only: the rows written so far stay resumable
                raise cannot("write", jpath, exc, f"; {len(done) + len(fresh)} of {len(rows)} rows are kept in it: "
                             f"{_remedy(exc.errno)} and run the same command with --resume") from None
            fresh[result["row"]] = result
            count += 1
            if progress is not None:
                progress(count, len(todo))
    except KeyboardInterrupt:
        raise BatchInterrupted(len(done) + len(fresh), len(rows), jpath) from None
    finally:
        journal.close(remove=False)
    results = [done[r.number] if r.number in done else fresh[r.number] for r in rows]
    try:
        write_results(results, output)
        if report is not None:
            from collabguard.report.batch_html import render_batch_html

            write_text(render_batch_html(results, str(input_path), notes), report)
    except SystemRefused as exc:
        raise SystemRefused(f"{exc} (all {len(rows)} rows are screened and kept in {jpath}: {_remedy(exc.errno)} "
                            "and run the same command with --resume)", exc.errno) from None
    try:
        jpath.unlink(missing_ok=True)  # the outputs are complete: the journal is no longer needed
    except OSError as exc:
        say(f"cannot remove {jpath} ({exc.strerror or exc}); the outputs are complete: delete it")
    return BatchOutcome(results, output, notes)


def _remedy(number: int | None) -> str:
    """What an officer does about a file the system refused to write."""
    if number in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "make room"
    if number in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "make the folder writable"
    return "fix that"
