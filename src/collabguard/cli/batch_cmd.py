"""`collabguard batch INPUT -o OUTPUT`: screen every row of a spreadsheet, JSON Lines file or folder."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from collabguard.cli.common import EXIT_FINDINGS, EXIT_INPUT, handle_errors, write_output
from collabguard.cli.main_options import FailOn


@handle_errors
def batch(
    input_path: Path = typer.Argument(..., metavar="INPUT", help="A .csv, .xlsx or .jsonl file, or a folder of proposal files."),
    output: Path = typer.Option(..., "--output", "-o", help="Results: .csv, .xlsx, .jsonl or .json (one row per input row)."),
    report: Path | None = typer.Option(None, "--report", help="Also write an HTML summary of the batch."),
    fail_on: FailOn | None = typer.Option(None, "--fail-on", help="Exit with 1 if any proposal has a flag at or above this severity."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes."),
    columns: list[str] = typer.Option([], "--columns", help="Map a column: THEIR_NAME=our_name. Repeatable."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    rules: Path | None = typer.Option(None, "--rules", help="Rules folder (default: the shipped rules)."),
    decisions: Path | None = typer.Option(None, "--decisions", help="Reviewed decisions (decisions.yaml)."),
    policy: Path | None = typer.Option(None, "--policy", help="The institution's policy file (policy.yaml), applied on top of the packs."),
    lang: str = typer.Option("en", "--lang", help="Language of rule texts in the reports: en or nb."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run: keep the rows it screened, screen the rest."),
    redact_names: bool = typer.Option(False, "--redact", help="Replace researchers' and reviewers' names in the results."),
) -> None:
    """Screen many proposals. Every input row gets exactly one output row, in input order; rows that
    cannot be screened get status 'error' and a message. Exit 2 if any row had an error."""
    from collabguard.api import get_ruleset
    from collabguard.batch.columns import parse_mapping
    from collabguard.batch.readers import read_input
    from collabguard.batch.runner import run_batch
    from collabguard.batch.writers import output_format, write_results
    from collabguard.models.common import severity_rank

    from collabguard.decisions import load_decisions

    output_format(output)  # refuse a bad output before doing any work
    if output.resolve() == input_path.resolve():
        from collabguard.errors import UsageError

        raise UsageError(f"{output}: the output would overwrite the input; choose another file")
    reviewed = load_decisions(decisions) if decisions else None
    rows, notes = read_input(input_path, parse_mapping(columns))
    for note in notes:
        typer.echo(f"note: {note}", err=True)
    from collabguard.rules.schema import LANGUAGES

    if lang not in LANGUAGES:
        from collabguard.errors import UsageError

        raise UsageError(f"--lang: {lang!r} is not available; choose one of: {', '.join(LANGUAGES)}")
    ruleset = get_ruleset(rules, policy)
    from collabguard.batch.journal import Journal, digest_input, journal_path, read_journal, settings
    from collabguard.batch.runner import mark_duplicates

    mark_duplicates(rows)
    jpath = journal_path(output)
    keep = report is not None or output_format(output) in ("json", "jsonl")  # who needs the full reports
    from datetime import date

    # everything that changes a row's result: a resumed run must not mix results made otherwise
    options = (f"lang={lang} redact={redact_names} reports={keep} columns={sorted(columns)} "
               f"policy={ruleset.policy.sha256 if ruleset.policy else None} date={date.today().isoformat()}")
    header = settings(digest_input(input_path), ruleset.versions.model_dump(mode="json"), len(rows),
                      digest_input(decisions) if decisions else None, options)
    done: dict[int, dict] = {}  # type: ignore[type-arg]
    if resume:
        if not jpath.exists():
            from collabguard.errors import UsageError

            raise UsageError(f"{jpath}: no interrupted run to resume (run without --resume)")
        done = read_journal(jpath, header)
        typer.echo(f"resuming: {len(done)} of {len(rows)} rows were screened before the interruption", err=True)
    elif jpath.exists():
        typer.echo(f"note: {jpath} (an interrupted run) is replaced; use --resume to continue such a run", err=True)
    todo = [r for r in rows if r.number not in done]
    journal = Journal(jpath, header, resume=resume)
    fresh: dict[int, dict] = {}  # type: ignore[type-arg]
    show = not quiet and sys.stderr.isatty() and len(todo) > 1
    try:
        if show:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            with Progress(TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True) as bar:
                task = bar.add_task("screening", total=len(todo))
                for result in run_batch(todo, ruleset, jobs=jobs, progress=lambda n: bar.advance(task, n), decisions=reviewed, lang=lang, redact_names=redact_names,
                                         keep_report=keep):
                    journal.add(result)
                    fresh[result["row"]] = result
        else:
            for result in run_batch(todo, ruleset, jobs=jobs, decisions=reviewed, lang=lang, redact_names=redact_names,
                                         keep_report=keep):
                journal.add(result)
                fresh[result["row"]] = result
    except KeyboardInterrupt:
        journal.close(remove=False)
        typer.echo(f"interrupted: {len(done) + len(fresh)} of {len(rows)} rows screened and kept in {jpath}; "
                   "run the same command with --resume to finish", err=True)
        raise typer.Exit(130) from None
    journal.close(remove=False)
    results = [done[r.number] if r.number in done else fresh[r.number] for r in rows]
    write_results(results, output)
    jpath.unlink(missing_ok=True)  # the output is complete: the journal is no longer needed
    if report is not None:
        from collabguard.report.batch_html import render_batch_html

        write_output(render_batch_html(results, str(input_path)), report)
    errors = sum(r["status"] != "ok" for r in results)
    typer.echo(f"{len(results)} rows: {len(results) - errors} screened, {errors} with errors → {output}", err=True)
    if errors:
        raise typer.Exit(EXIT_INPUT)
    # risk_level is the highest severity among the flags that count (those of the frameworks that apply)
    if fail_on is not None and any(r["status"] == "ok" and severity_rank(r["risk_level"]) >= severity_rank(fail_on.value)
                                   for r in results):
        raise typer.Exit(EXIT_FINDINGS)
