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
    show = not quiet and sys.stderr.isatty() and len(rows) > 1
    results = []
    if show:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True) as bar:
            task = bar.add_task("screening", total=len(rows))
            results = list(run_batch(rows, ruleset, jobs=jobs, progress=lambda n: bar.advance(task, n), decisions=reviewed, lang=lang))
    else:
        results = list(run_batch(rows, ruleset, jobs=jobs, decisions=reviewed, lang=lang))
    write_results(results, output)
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
