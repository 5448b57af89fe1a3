"""`collabguard`: screen proposals, check rule packs, try the matcher."""

from __future__ import annotations

import io
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from collabguard.cli.areas_cmd import areas as areas_cmd
from collabguard.cli.batch_cmd import batch as batch_cmd
from collabguard.cli.cases_cmd import cases_app
from collabguard.cli.common import EXIT_FINDINGS, handle_errors, terminal_console, write_output
from collabguard.cli.lists_enrich_cmd import register as register_lists_enrich
from collabguard.cli.lists_import_cmd import register as register_lists_import
from collabguard.cli.main_options import FailOn
from collabguard.cli.match_cmd import lists_app
from collabguard.cli.match_cmd import match as match_cmd
from collabguard.cli.match_cmd import rescreen as rescreen_cmd
from collabguard.cli.rules_cmd import rules_app
from collabguard.cli.serve_cmd import serve as serve_cmd
from collabguard.cli.stats_cmd import stats as stats_cmd
from collabguard.errors import UsageError

app = typer.Typer(
    name="collabguard",
    help="Screen international research collaborations against research-security guidelines and sensitivity lists.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals can hold personal data from proposals
    add_completion=True,  # `collabguard --install-completion` (bash, zsh, fish, PowerShell)
)


def _version(value: bool) -> None:
    if value:
        from collabguard.version import __version__

        typer.echo(f"collabguard {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    """Screen international research collaborations against research-security guidelines and sensitivity lists."""


app.add_typer(rules_app, name="rules")
register_lists_import(lists_app)  # `lists import` with the OpenSanctions filters and ftm-json (#16)
register_lists_enrich(lists_app)  # `lists enrich --ror`: ROR names of list entries (#15)
app.add_typer(lists_app, name="lists")
app.add_typer(cases_app, name="cases")
app.command("match")(match_cmd)
app.command("areas")(areas_cmd)
app.command("batch")(batch_cmd)
app.command("serve")(serve_cmd)
app.command("stats")(stats_cmd)
app.command("rescreen")(rescreen_cmd)


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"


RulesOpt = typer.Option(None, "--rules", help="Rules folder (default: the rules shipped with collabguard, or $COLLABGUARD_RULES).")
PolicyOpt = typer.Option(None, "--policy", envvar="COLLABGUARD_POLICY",
                         help="The institution's policy file (policy.yaml), applied on top of the packs.")


@app.command()
@handle_errors
def screen(
    proposal: Path = typer.Argument(..., help="Proposal file (YAML or JSON)."),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="Report format."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report to this file instead of stdout."),
    fail_on: FailOn | None = typer.Option(None, "--fail-on", help="Exit with 1 if a flag is at or above this severity."),
    rules: Path | None = RulesOpt,
    decisions: Path | None = typer.Option(None, "--decisions", help="Reviewed decisions (decisions.yaml): cleared and confirmed matches."),
    answers: Path | None = typer.Option(None, "--answers", help="Answers to the checklist (answers.yaml): closes the case."),
    publications: list[Path] = typer.Option([], "--publications", help="Publication exports (WoS, Scopus, OpenAlex, CSV): adds a collaboration-context section. Repeatable."),
    policy: Path | None = PolicyOpt,
    lang: str = typer.Option("en", "--lang", help="Language of the report: en, or nb / no (Norwegian Bokmål: headings, recommendation, questions, "
                                  "countries; rule texts where a pack has them). The JSON keeps its keys and values in English."),
    redact_names: bool = typer.Option(False, "--redact", help="Replace researchers' and reviewers' names in the report."),
    details: bool = typer.Option(False, "--details", help="Text and Markdown: every flag in full (message, each list's "
                                 "evidence and source, mitigations, guideline), near misses and the coverage list by list."),
    all_frameworks: bool = typer.Option(False, "--all-frameworks", help="Text and Markdown: also the findings and questions of "
                                        "frameworks that do not apply to this proposal (advice; the JSON and HTML always have them)."),
    save: bool = typer.Option(False, "--save", help="Save the screening as a case in the register (the case id goes to stderr)."),
    user: str | None = typer.Option(None, "--user", help="With --save: who saves it (default: $COLLABGUARD_USER, else your login name)."),
    home: Path | None = typer.Option(None, "--home", help="With --save: the register's folder (default: $COLLABGUARD_HOME)."),
    database_url: str | None = typer.Option(None, "--database-url", help="With --save: a database URL (default: $COLLABGUARD_DATABASE_URL)."),
) -> None:
    """Screen one proposal and print the report; with --save, also save it as a case."""
    from collabguard.screener import Screener

    screener = Screener(rules, decisions, policy, lang)
    if save:
        from collabguard.cli.cases_cmd import save_screening

        if publications:
            raise UsageError("--save: a case does not keep publication exports; screen with --publications without --save")
        report = save_screening(screener, proposal, answers, user, home, database_url)
        if redact_names:
            from collabguard.report.redact import redact

            report = redact(report, screener.load(proposal))
    else:
        report = screener.screen(proposal, answers=answers, publications=publications, redact=redact_names)
    if fmt is Format.json:
        text = report.model_dump_json(indent=2) + "\n"
    elif fmt is Format.html:
        from collabguard.report.html import render_html

        text = render_html(report)
    elif fmt is Format.markdown:
        from collabguard.report.markdown import render_markdown

        text = render_markdown(report, details=details, all_frameworks=all_frameworks)
    else:
        from collabguard.report.terminal import render_terminal

        if output is None:
            render_terminal(report, terminal_console(), details=details, all_frameworks=all_frameworks)
            text = ""
        else:
            buf = io.StringIO()
            render_terminal(report, Console(file=buf, highlight=False, no_color=True, width=110), details=details,
                            all_frameworks=all_frameworks)
            text = buf.getvalue()
        if report.context is not None:
            from collabguard.report.stats_text import render_stats_text

            text += "\n" + render_stats_text(report.context, lang=report.language)
    if text:
        write_output(text, output)
    if fail_on is not None and report.fails_at(fail_on.value):
        raise typer.Exit(EXIT_FINDINGS)


class ContractKind(str, Enum):
    report = "report"
    proposal = "proposal"
    answers = "answers"
    openapi = "openapi"


@app.command()
@handle_errors
def schema(kind: ContractKind = typer.Argument(ContractKind.report, help="report, proposal, answers (JSON Schema) or openapi."),
           output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file.")) -> None:
    """Print a published contract: the JSON Schema of the report, the proposal or the answers file, or
    the OpenAPI document of the HTTP service (the files in schemas/)."""
    from collabguard.report.schema import contract_text

    write_output(contract_text(kind.value), output)


def run() -> None:
    """Console-script entry point."""
    import gc

    gc.freeze()  # what is loaded at start-up lives as long as the command: the collector need not scan it
    app()

