"""`collabguard batch INPUT -o OUTPUT`: screen every row of a spreadsheet, JSON Lines file or folder."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from collabguard.cli.common import EXIT_FINDINGS, EXIT_INPUT, echo, handle_errors
from collabguard.cli.main_options import FailOn
from collabguard.report.escape import one_line

SHOWN_ERRORS = 5  # rows with errors named on the terminal; every one is in the output


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
    policy: Path | None = typer.Option(None, "--policy", envvar="COLLABGUARD_POLICY",
                                       help="The institution's policy file (policy.yaml), applied on top of the packs."),
    lang: str = typer.Option("en", "--lang", help="Language of the reports and of the --report summary: en, or nb / no (Norwegian Bokmål)."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run: keep the rows it screened, screen the rest."),
    redact_names: bool = typer.Option(False, "--redact", help="Replace researchers' and reviewers' names in the results."),
) -> None:
    """Screen many proposals. Every input row gets exactly one output row, in input order; rows that
    cannot be screened get status 'error' and a message. Exit 2 if any row had an error."""
    from collabguard.batch.job import BatchInterrupted
    from collabguard.screener import Screener

    screener = Screener(rules, decisions, policy, lang)
    note = lambda text: echo(f"note: {one_line(text)}", err=True)  # noqa: E731
    show = not quiet and sys.stderr.isatty()
    try:
        if show:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            with Progress(TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True) as bar:
                task = bar.add_task("screening", total=None)
                outcome = screener.run_batch(input_path, output, report=report, columns=columns, jobs=jobs, resume=resume,
                                             redact=redact_names, notify=note,
                                             progress=lambda done, total: bar.update(task, completed=done, total=total))
        else:
            outcome = screener.run_batch(input_path, output, report=report, columns=columns, jobs=jobs, resume=resume,
                                         redact=redact_names, notify=note)
    except BatchInterrupted as exc:
        echo(one_line(str(exc)), err=True)
        raise typer.Exit(130) from None
    errors = [r["error"] for r in outcome.results if r["status"] != "ok"]
    for error in errors[:SHOWN_ERRORS]:  # the rest are in the output's error column
        echo(f"error: {one_line(error)}", err=True)
    if len(errors) > SHOWN_ERRORS:
        typer.echo(f"… and {len(errors) - SHOWN_ERRORS} more rows with errors (see the error column of {output})", err=True)
    echo(outcome.summary(), err=True)
    if outcome.errors:
        raise typer.Exit(EXIT_INPUT)
    # risk_level is the highest severity among the flags that count (those of the frameworks that apply)
    if fail_on is not None and outcome.fails_at(fail_on.value):
        raise typer.Exit(EXIT_FINDINGS)
