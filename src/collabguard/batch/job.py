"""A batch run over a file: read every row, screen it (resumably, through a journal), write the results.

Every input row gets exactly one output row, in input order; rows that cannot be screened get status
'error' and a message. An interrupted run (Ctrl-C, a killed process) keeps what it screened in a
journal beside the output, and the same call with ``resume=True`` screens only the rest.
"""

from __future__ import annotations

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
    is called with (rows done, rows to do); ``notify`` receives notes a person should read."""
    from collabguard.batch.columns import parse_mapping
    from collabguard.batch.journal import Journal, digest_input, journal_path, read_journal, settings
    from collabguard.batch.readers import read_input
    from collabguard.batch.runner import mark_duplicates, run_batch
    from collabguard.batch.writers import output_format, write_results
    from collabguard.io.atomic import write_text
    from collabguard.screener import _language

    say = notify or (lambda _: None)
    columns = columns or []
    lang = _language(lang) if lang is not None else screener.lang
    output_format(output)  # refuse a bad output before doing any work
    if output.resolve() == input_path.resolve():
        raise UsageError(f"{output}: the output would overwrite the input; choose another file")
    rows, notes = read_input(input_path, parse_mapping(columns))
    for note in notes:
        say(note)
    ruleset = screener.ruleset
    mark_duplicates(rows)
    jpath = journal_path(output)
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
            journal.add(result)
            fresh[result["row"]] = result
            count += 1
            if progress is not None:
                progress(count, len(todo))
    except KeyboardInterrupt:
        journal.close(remove=False)
        raise BatchInterrupted(len(done) + len(fresh), len(rows), jpath) from None
    journal.close(remove=False)
    results = [done[r.number] if r.number in done else fresh[r.number] for r in rows]
    write_results(results, output)
    jpath.unlink(missing_ok=True)  # the output is complete: the journal is no longer needed
    if report is not None:
        from collabguard.report.batch_html import render_batch_html

        write_text(render_batch_html(results, str(input_path)), report)
    return BatchOutcome(results, output, notes)
