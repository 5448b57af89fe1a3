"""`collabguard match NAMES` and `collabguard lists search|show`."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from collabguard.cli.common import fail, handle_errors, write_output

lists_app = typer.Typer(help="Look names up in the sensitivity lists and see what is shipped.", no_args_is_help=True)


class MatchFormat(str, Enum):
    text = "text"
    csv = "csv"
    json = "json"


def _text(rows: list[dict[str, Any]]) -> str:
    out = []
    for r in rows:
        head = f"{r['name']}" + (f" ({r['country']})" if r["country"] else "")
        if r["decision"] == "none":
            out.append(f"{head}: no match on any list")
        else:
            out.append(f"{head}: {r['decision']} — {r['entity_name']} [{r['list']}] score {r['score']}; lists: {r['lists_matched']}")
        for x in r["results"]:
            if x["decision"] != "none":
                out.append(f"    {x['list']:13} {x['decision']:9} {x['score']:>3}  {x['entity_name']}  ({'; '.join(x['reasons'])})")
            elif x["rejected"]:
                rj = x["rejected"]
                out.append(f"    {x['list']:13} {'none':9} {rj['score']:>3}  nearest: {rj['entity_name']}, rejected: {rj['why']}")
        if r["note"]:
            out.append(f"    note: {r['note']}")
    return "\n".join(out) + "\n"


def render_rows(rows: list[dict[str, Any]], fmt: MatchFormat) -> str:
    from collabguard.io.tables import csv_text
    from collabguard.matching.batch import CSV_COLUMNS

    if fmt is MatchFormat.csv:
        return csv_text(CSV_COLUMNS, rows)
    if fmt is MatchFormat.json:
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    return _text(rows)


ListOpt = typer.Option([], "--list", "-l", help="Only these lists: a shipped list id, or a CSV in the list schema. Repeatable.")
RulesOpt = typer.Option(None, "--rules", help="Rules folder (default: the shipped rules).")


@handle_errors
def match(
    names: str = typer.Argument(..., help="A CSV with a 'name' column (and optional 'country'), or '-' for one name per line on stdin."),
    lists: list[str] = ListOpt,
    fmt: MatchFormat = typer.Option(MatchFormat.text, "--format", "-f"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    programme: bool = typer.Option(False, "--programme", help="Match talent programmes instead of institutions."),
    rules: Path | None = RulesOpt,
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for many distinct names (same results, in input order)."),
) -> None:
    """Match many names against the lists: one result per input row, in input order."""
    from collabguard.matching.batch import read_names_csv, read_names_lines
    from collabguard.screener import Screener

    rows = read_names_lines(sys.stdin.read()) if names == "-" else read_names_csv(Path(names))
    results = Screener(rules).match_names(rows, lists, kind="programme" if programme else "organisation",
                                          explain=fmt is not MatchFormat.csv, jobs=jobs)  # CSV has no column for near misses
    write_output(render_rows([r.model_dump(mode="json", exclude={"row"}) for r in results], fmt), output)


@lists_app.command("search")
@handle_errors
def search(
    name: str = typer.Argument(..., help="An institution, funder or programme name."),
    country: str | None = typer.Option(None, "--country", "-c", help="Its country (code or name)."),
    lists: list[str] = ListOpt,
    programme: bool = typer.Option(False, "--programme", help="Search talent programmes instead of institutions."),
    fmt: MatchFormat = typer.Option(MatchFormat.text, "--format", "-f"),
    rules: Path | None = RulesOpt,
) -> None:
    """Look one name up: per list, the best candidate or the nearest rejected one, and why."""
    from collabguard.countries import country_code
    from collabguard.matching.batch import NameRow
    from collabguard.screener import Screener

    code = None
    if country:
        code = country_code(country)
        if code is None:
            fail(f"--country: unknown country {country!r}")
    results = Screener(rules).match_names([NameRow(1, name, code)], lists, kind="programme" if programme else "organisation")
    write_output(render_rows([r.model_dump(mode="json", exclude={"row"}) for r in results], fmt), None)


@lists_app.command("show")
@handle_errors
def show(rules: Path | None = RulesOpt) -> None:
    """The shipped lists: edition, age, entries, completeness, and what is not checked."""
    from collabguard.screener import Screener

    info = Screener(rules).lists_info()
    lines = []
    for i in info.lists:
        age = f"{i.age_days} days old" if i.age_days is not None else "age unknown"
        partial = "" if i.complete else ", PARTIAL"
        lines.append(f"{i.id:13} {i.entries:4} entries  edition {i.edition} ({age}{partial})  {i.title}")
    lines += [f"{'not checked':13} {title}" for title in info.not_checked]
    write_output("\n".join(lines) + "\n", None)


@lists_app.command("list")
@handle_errors
def list_lists(rules: Path | None = RulesOpt) -> None:
    """The shipped lists (the same as `lists show`)."""
    show(rules)


@lists_app.command("import")
@handle_errors
def import_cmd(
    download: Path = typer.Argument(..., help="An official download: CSL CSV, OpenSanctions targets.simple.csv, ASPI galaxy JSON, or a list CSV."),
    fmt: str = typer.Option(..., "--format", "-f", help="csl | opensanctions | aspi | csv"),
    output: Path = typer.Option(..., "--output", "-o", help="The list CSV to write (use it with `match --list`, or add it to a rules folder)."),
    list_id: str | None = typer.Option(None, "--id", help="List id (default: the output file's name)."),
) -> None:
    """Convert an official download into collabguard's list schema, and print the manifest entry."""
    import hashlib

    from collabguard.lists.importers import import_list, list_csv_text

    ident = list_id or output.stem
    rows = import_list(download, fmt, ident)
    text = list_csv_text(rows)
    write_output(text, output)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    typer.echo(f"{len(rows)} entries written to {output}. To screen with it, add to your rules folder's lists/lists.yaml:", err=True)
    typer.echo(f"  - id: {ident}\n    file: {output.name}\n    sha256: {digest}\n    title: …\n    publisher: …\n"
               f"    url: …\n    edition: …\n    copy_of: {download.name}\n    licence: …\n    kind: institutions\n"
               f"    complete: true\n    meaning: …\n    severity: {{default: high}}")


@lists_app.command("diff")
@handle_errors
def diff_cmd(old: Path = typer.Argument(..., help="The older list CSV."), new: Path = typer.Argument(..., help="The newer list CSV."),
             fmt: MatchFormat = typer.Option(MatchFormat.text, "--format", "-f")) -> None:
    """Entries added, removed or renamed between two editions of a list."""
    from dataclasses import asdict

    from collabguard.lists.changes import diff_lists

    changes = diff_lists(old, new)
    if fmt is MatchFormat.json:
        typer.echo(json.dumps([asdict(c) for c in changes], indent=2, ensure_ascii=False))
        return
    for c in changes:
        extra = f" (was {c.old_name})" if c.change in ("renamed", "changed") else ""
        typer.echo(f"{c.change:8} {c.entity_id}  {c.name} [{c.country}]{extra}")
    typer.echo(f"{sum(c.change == 'added' for c in changes)} added, {sum(c.change == 'removed' for c in changes)} removed, "
               f"{sum(c.change == 'renamed' for c in changes)} renamed, {sum(c.change == 'changed' for c in changes)} changed")


@handle_errors
def rescreen(
    reports: list[Path] = typer.Argument(..., help="Stored JSON reports (collabguard screen --format json)."),
    rules: Path | None = RulesOpt,
    decisions: Path | None = typer.Option(None, "--decisions", help="Reviewed decisions: cleared matches are not new."),
    policy: Path | None = typer.Option(None, "--policy", envvar="COLLABGUARD_POLICY",
                                       help="The institution's policy file: its own lists are checked too."),
) -> None:
    """Match the names of stored reports against the current lists: which approved partnerships are
    newly listed? Exit 1 when any report has a new match."""
    from collabguard.errors import InputError
    from collabguard.io.yaml_loader import read_text
    from collabguard.models.report import Report
    from collabguard.screener import Screener

    stored = []
    for path in reports:
        try:
            stored.append(Report.model_validate_json(read_text(path, "report")))
        except ValueError:
            raise InputError(f"{path}: not a collabguard JSON report") from None
    screener = Screener(rules, decisions, policy)
    new_found = False
    for path, old in zip(reports, stored, strict=True):
        try:
            (result,) = screener.rescreen([old])
        except InputError as exc:
            raise InputError(f"{path}: {exc}") from None
        if result.new_matches:
            new_found = True
            typer.echo(f"{path} ({result.proposal_id}, screened {result.screened_on}): {len(result.new_matches)} new match(es)")
            for m in result.new_matches:
                typer.echo(f"  {m.name} ({m.subject}) → {m.entity_name} [{m.list}, {m.decision}]")
        else:
            typer.echo(f"{path} ({result.proposal_id}): no new match")
    if new_found:
        raise typer.Exit(1)
