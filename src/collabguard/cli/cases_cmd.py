"""`collabguard cases …`: the case register (list, show, answer, decide, close, reopen, export,
rescreen, users), and `collabguard screen FILE --save`. Each command: parse, one CaseRegister call, render."""

from __future__ import annotations

import getpass
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from collabguard.cli.common import handle_errors, write_output
from collabguard.errors import UsageError

if TYPE_CHECKING:
    from collabguard.cases.register import CaseRegister
    from collabguard.models.report import Report
    from collabguard.screener import Screener

cases_app = typer.Typer(help="The case register: saved screenings, answers, decisions, and monitoring.", no_args_is_help=True)
users_app = typer.Typer(help="Local accounts for the workbench (passwords are read from a prompt or stdin).", no_args_is_help=True)
cases_app.add_typer(users_app, name="users")

HomeOpt = typer.Option(None, "--home", help="The register's folder (default: $COLLABGUARD_HOME, else ~/.local/share/collabguard).")
UrlOpt = typer.Option(None, "--database-url", help="A database URL instead (default: $COLLABGUARD_DATABASE_URL), e.g. "
                      "postgresql://user@host/collabguard.")
UserOpt = typer.Option(None, "--user", help="Who is writing (default: $COLLABGUARD_USER, else your login name).")
ExpectOpt = typer.Option(None, "--expect-version", min=1, help="Refuse if the case changed since this version (the one you read).")
RulesOpt = typer.Option(None, "--rules", help="Rules folder (default: the shipped rules, or $COLLABGUARD_RULES).")
PolicyOpt = typer.Option(None, "--policy", envvar="COLLABGUARD_POLICY", help="The institution's policy file.")
DecisionsOpt = typer.Option(None, "--decisions", envvar="COLLABGUARD_DECISIONS", help="Reviewed decisions (decisions.yaml).")
LangOpt = typer.Option("en", "--lang", help="Language of the report: en, or nb / no (Norwegian Bokmål).")


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


class Status(str, Enum):
    open = "open"
    waiting_for_answers = "waiting_for_answers"
    decided = "decided"
    closed = "closed"


class Risk(str, Enum):
    none = "none"
    info = "info"
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


class Decision(str, Enum):
    proceed = "proceed"
    proceed_with_mitigations = "proceed_with_mitigations"
    do_not_proceed = "do_not_proceed"


def who(user: str | None) -> str:
    """``--user``, else ``$COLLABGUARD_USER``, else the login name."""
    if user:
        return user
    if os.environ.get("COLLABGUARD_USER"):
        return os.environ["COLLABGUARD_USER"]
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        raise UsageError("say who you are: --user NAME or $COLLABGUARD_USER (no login name found)") from None


def open_register(home: Path | None, url: str | None, screener: Screener | None = None) -> CaseRegister:
    from collabguard.cases.register import CaseRegister

    return CaseRegister(screener, home=home, url=url)


def _screener(rules: Path | None, decisions: Path | None, policy: Path | None, lang: str) -> Screener:
    from collabguard.screener import Screener

    return Screener(rules, decisions, policy, lang)


def save_screening(screener: Screener, proposal: Path, answers: Path | None, user: str | None, home: Path | None,
                   url: str | None) -> Report:
    """`screen FILE --save`: save the screening as a case (a new case, or a new version of the proposal's
    open case); the case id goes to stderr, the report is returned for printing."""
    from collabguard.cases.render import version_line

    with open_register(home, url, screener) as register:
        saved = register.save(proposal, who(user), answers=answers)
    typer.echo(f"saved: {version_line(saved)}", err=True)
    assert saved.report is not None
    return saved.report


@cases_app.command("list")
@handle_errors
def list_cases(
    status: Status | None = typer.Option(None, "--status"),
    risk: Risk | None = typer.Option(None, "--risk", help="The latest screening's risk level."),
    framework: str | None = typer.Option(None, "--framework", help="A framework that applies (e.g. no-hkdir)."),
    partner: str | None = typer.Option(None, "--partner", help="Part of a partner's name (any case)."),
    text: str | None = typer.Option(None, "--text", help="Part of the case id, proposal id, title or a partner's name."),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f"),
    home: Path | None = HomeOpt, database_url: str | None = UrlOpt,
) -> None:
    """The cases, most recently changed first, with each proposal's id and the latest verdict."""
    from collabguard.cases.render import summaries_text

    with open_register(home, database_url) as register:
        cases = register.list(status=status.value if status else None, risk=risk.value if risk else None,
                              framework=framework, partner=partner, text=text)
    if fmt is ListFormat.json:
        write_output(json.dumps([c.model_dump(mode="json") for c in cases], indent=2, ensure_ascii=False) + "\n", None)
    else:
        write_output(summaries_text(cases), None)


@cases_app.command("show")
@handle_errors
def show(
    case_id: str = typer.Argument(..., help="The case id (C-2026-0001), or a proposal id with one case."),
    fmt: ShowFormat = typer.Option(ShowFormat.text, "--format", "-f"),
    home: Path | None = HomeOpt, database_url: str | None = UrlOpt,
) -> None:
    """A case: status, the report in effect, open questions, answers, and the whole history."""
    from collabguard.cases.render import case_text

    with open_register(home, database_url) as register:
        detail = register.show(case_id)
    write_output(detail.model_dump_json(indent=2) + "\n" if fmt is ShowFormat.json else case_text(detail), None)


@cases_app.command("answer")
@handle_errors
def answer(
    case_id: str = typer.Argument(...),
    answers: Path = typer.Argument(..., help="Answers to the case's checklist (answers.yaml)."),
    expect_version: int | None = ExpectOpt, user: str | None = UserOpt,
    rules: Path | None = RulesOpt, decisions: Path | None = DecisionsOpt, policy: Path | None = PolicyOpt, lang: str = LangOpt,
    home: Path | None = HomeOpt, database_url: str | None = UrlOpt,
) -> None:
    """Answer checklist questions: the case is screened again with every answer given so far."""
    from collabguard.cases.render import version_line

    with open_register(home, database_url, _screener(rules, decisions, policy, lang)) as register:
        saved = register.answer(case_id, answers, who(user), expect_version)
    typer.echo(version_line(saved))


@cases_app.command("decide")
@handle_errors
def decide(
    case_id: str = typer.Argument(...),
    decision: Decision = typer.Option(..., "--decision"),
    reason: str = typer.Option(..., "--reason", help="Why (kept in the case's history)."),
    expect_version: int | None = ExpectOpt, user: str | None = UserOpt,
    home: Path | None = HomeOpt, database_url: str | None = UrlOpt,
) -> None:
    """Record the decision on a case, and why."""
    from collabguard.cases.render import version_line

    with open_register(home, database_url) as register:
        saved = register.decide(case_id, decision.value, reason, who(user), expect_version)
    typer.echo(version_line(saved))


def _set_status(case_id: str, status: str, reason: str, expect_version: int | None, user: str | None, home: Path | None,
                database_url: str | None) -> None:
    from collabguard.cases.render import version_line

    with open_register(home, database_url) as register:
        saved = register.set_status(case_id, status, who(user), expect_version, reason)
    typer.echo(version_line(saved))


@cases_app.command("close")
@handle_errors
def close(case_id: str = typer.Argument(...), reason: str = typer.Option("", "--reason"),
          expect_version: int | None = ExpectOpt, user: str | None = UserOpt,
          home: Path | None = HomeOpt, database_url: str | None = UrlOpt) -> None:
    """Close a case (it is no longer screened again by `cases rescreen`)."""
    _set_status(case_id, "closed", reason, expect_version, user, home, database_url)


@cases_app.command("reopen")
@handle_errors
def reopen(case_id: str = typer.Argument(...), reason: str = typer.Option("", "--reason"),
           expect_version: int | None = ExpectOpt, user: str | None = UserOpt,
           home: Path | None = HomeOpt, database_url: str | None = UrlOpt) -> None:
    """Reopen a closed case."""
    _set_status(case_id, "open", reason, expect_version, user, home, database_url)


@cases_app.command("export")
@handle_errors
def export(
    case_id: str = typer.Argument(...),
    output: Path = typer.Option(..., "--output", "-o", help="A folder (CASE.json and CASE.html in it), or a .json file "
                                "(the HTML report beside it)."),
    home: Path | None = HomeOpt, database_url: str | None = UrlOpt,
) -> None:
    """A case's whole record as JSON (every version with its proposal, report and answers; every event),
    and the HTML report of the screening in effect."""
    from collabguard.io.atomic import write_text

    with open_register(home, database_url) as register:
        bundle = register.export(case_id)
    output = output.expanduser()
    json_path = output / f"{bundle.case.case_id}.json" if output.is_dir() else output
    html_path = json_path.with_suffix(".html")
    if json_path == html_path:
        raise UsageError(f"{output}: give a .json file or a folder")
    write_text(bundle.model_dump_json(indent=2) + "\n", json_path)
    write_text(bundle.html, html_path)
    typer.echo(f"{bundle.case.case_id}: {json_path} and {html_path}", err=True)


@cases_app.command("rescreen")
@handle_errors
def rescreen(
    fmt: ShowFormat = typer.Option(ShowFormat.text, "--format", "-f"), user: str | None = UserOpt,
    rules: Path | None = RulesOpt, decisions: Path | None = DecisionsOpt, policy: Path | None = PolicyOpt, lang: str = LangOpt,
    home: Path | None = HomeOpt, database_url: str | None = UrlOpt,
) -> None:
    """Screen every open and decided case again with the current rules, lists and policy, and list the
    cases whose verdict, matches or questions changed, with the difference (each recorded as a new
    version; a decided case is reopened). Exit 0 whether or not anything changed."""
    from collabguard.cases.render import changes_text

    with open_register(home, database_url, _screener(rules, decisions, policy, lang)) as register:
        changes = register.rescreen_all(who(user))
    if fmt is ShowFormat.json:
        write_output(json.dumps([c.model_dump(mode="json") for c in changes], indent=2, ensure_ascii=False) + "\n", None)
    else:
        write_output(changes_text(changes), None)


def _read_password() -> str:
    """From a prompt (typed twice) on a terminal, else the first line of stdin."""
    if sys.stdin.isatty():
        first = getpass.getpass("password: ")
        if getpass.getpass("again: ") != first:
            raise UsageError("the two passwords differ; nothing was changed")
        return first
    return sys.stdin.readline().rstrip("\r\n")


@users_app.command("add")
@handle_errors
def users_add(name: str = typer.Argument(...), home: Path | None = HomeOpt, database_url: str | None = UrlOpt) -> None:
    """Add a local account (the password is read from a prompt, or from stdin)."""
    password = _read_password()
    with open_register(home, database_url) as register:
        register.users.add(name, password)
    typer.echo(f"user {name.strip()} added", err=True)


@users_app.command("password")
@handle_errors
def users_password(name: str = typer.Argument(...), home: Path | None = HomeOpt, database_url: str | None = UrlOpt) -> None:
    """Set a new password for a local account (read from a prompt, or from stdin)."""
    password = _read_password()
    with open_register(home, database_url) as register:
        register.users.set_password(name, password)
    typer.echo(f"password of {name.strip()} changed", err=True)


@users_app.command("list")
@handle_errors
def users_list(home: Path | None = HomeOpt, database_url: str | None = UrlOpt) -> None:
    """The local accounts' names."""
    with open_register(home, database_url) as register:
        names = register.users.names()
    write_output("".join(f"{n}\n" for n in names), None)
