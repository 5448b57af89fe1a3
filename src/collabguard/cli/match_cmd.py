"""`collabguard match NAMES` and `collabguard lists search|show`."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import typer

from collabguard.cli.common import echo, fail, handle_errors, loaded_for_good, write_chunks, write_output
from collabguard.cli.match_output import ErrorRows, MatchFormat, render_rows, render_stream

lists_app = typer.Typer(help="Look names up in the sensitivity lists and see what is shipped.", no_args_is_help=True)


ListOpt = typer.Option([], "--list", "-l", help="Only these lists: a shipped list id, or a CSV in the list schema. Repeatable.")
RulesOpt = typer.Option(None, "--rules", help="Rules folder (default: the shipped rules).")


@handle_errors
def match(
    names: list[str] = typer.Argument(..., help="Names to match, CSV files with a 'name' column (and optional 'country'), "
                                               "or '-' (one name per line on stdin, a country after a tab). An argument "
                                               "that is an existing file, or looks like one (names.csv, data/names), is read "
                                               "as a file; any other is a name."),
    lists: list[str] = ListOpt,
    fmt: MatchFormat = typer.Option(MatchFormat.text, "--format", "-f"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    country: str | None = typer.Option(None, "--country", "-c", help="The country (code or name) of the names given as arguments."),
    programme: bool = typer.Option(False, "--programme", help="Match talent programmes instead of institutions."),
    rules: Path | None = RulesOpt,
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for many distinct names (same results, in input order)."),
) -> None:
    """Match names against the lists: one result per input row (a row that cannot be read is an error
    row, status 'error'), in input order. Files are read as they stream: millions of names in flat memory."""
    from collabguard.countries import country_code
    from collabguard.matching.names_input import NameSources
    from collabguard.screener import Screener

    code = ""
    if country:
        code = country_code(country) or ""
        if not code:
            fail(f"--country: unknown country {country!r}")
    sources = NameSources(names, code, getattr(sys.stdin, "buffer", sys.stdin))
    results = Screener(rules).match_stream(sources, lists, kind="programme" if programme else "organisation",
                                           explain=fmt is not MatchFormat.csv, jobs=jobs)  # CSV has no column for near misses
    errors = ErrorRows(loaded_for_good(results))
    write_chunks(render_stream(errors, fmt), output)
    for note in sources.notes + errors.summary():
        echo(f"note: {note}", err=True)


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
def show(rules: Path | None = RulesOpt,
         policy: Path | None = typer.Option(None, "--policy", envvar="COLLABGUARD_POLICY",
                                            help="The institution's policy file: its own lists and list updates are shown too.")) -> None:
    """The lists in use: edition, age, entries, licence, completeness, legal character; and what is not checked."""
    from collabguard.screener import Screener

    screener = Screener(rules, policy=policy)
    info, loaded = screener.lists_info(), screener.ruleset.lists
    persons = {lid: sum(1 for p in loaded.persons if p.list_id == lid) for lid in loaded.lists}
    lines = []
    for i in info.lists:
        full = loaded.lists[i.id]
        age = f"{i.age_days} days old" if i.age_days is not None else "age unknown"
        people = f" (+{persons[i.id]} persons, never matched)" if persons.get(i.id) else ""
        character = f"  [{full.legal_character}]" if full.legal_character else ""
        lines.append(f"{i.id:13} {i.entries:5} entries{people}  edition {i.edition} ({age}, "
                     f"{'complete' if i.complete else 'PARTIAL: a miss proves nothing'}){character}")
        lines.append(f"{'':13} {i.title}")
        lines.append(f"{'':13} licence: {full.licence}")
    lines += [f"{'not checked':13} {title}" for title in info.not_checked]
    write_output("\n".join(lines) + "\n", None)


@lists_app.command("list")
@handle_errors
def list_lists(rules: Path | None = RulesOpt,
               policy: Path | None = typer.Option(None, "--policy", envvar="COLLABGUARD_POLICY", help="The institution's policy file.")) -> None:
    """The lists in use (the same as `lists show`)."""
    show(rules, policy)


@lists_app.command("diff")
@handle_errors
def diff_cmd(old: str = typer.Argument(..., help="The older edition: a list CSV, or the id of a list in use (its current edition)."),
             new: Path = typer.Argument(..., help="The newer list CSV."),
             fmt: MatchFormat = typer.Option(MatchFormat.text, "--format", "-f"),
             rules: Path | None = RulesOpt,
             policy: Path | None = typer.Option(None, "--policy", envvar="COLLABGUARD_POLICY",
                                                help="The institution's policy file (its installed editions are the ones in use).")) -> None:
    """Entries added, removed, renamed, changed or re-rated between two editions of a list."""
    from dataclasses import asdict

    from collabguard.lists.changes import diff_lists

    changes = diff_lists(_edition_file(old, rules, policy), new)
    if fmt is MatchFormat.json:
        typer.echo(json.dumps([asdict(c) for c in changes], indent=2, ensure_ascii=False))
        return
    for c in changes:
        extra = f" (was {c.old_name})" if c.change in ("renamed", "changed") else ""
        if c.change == "rating":
            extra = f" rating {c.old_name} → {c.rating}"
        typer.echo(f"{c.change:8} {c.entity_id}  {c.name} [{c.country}]{extra}")
    counts = {k: sum(c.change == k for c in changes) for k in ("added", "removed", "renamed", "changed", "rating")}
    typer.echo(f"{counts['added']} added, {counts['removed']} removed, {counts['renamed']} renamed, {counts['changed']} changed, "
               f"{counts['rating']} re-rated")


def _edition_file(old: str, rules: Path | None, policy: Path | None) -> Path:
    """A path as given, or the file of the edition in use of the list with that id."""
    path = Path(old)
    if path.exists() or old.lower().endswith(".csv") or "/" in old:
        return path
    from collabguard.screener import Screener

    ruleset = Screener(rules, policy=policy).ruleset
    info = ruleset.lists.lists.get(old)
    if info is None:
        fail(f"{old}: neither a file nor a list in use (known: {', '.join(ruleset.lists.lists)})")
    places = [ruleset.root / "lists" / info.file] + ([ruleset.policy_path.parent / info.file] if ruleset.policy_path else [])
    found = next((p for p in places if p.is_file() and hashlib.sha256(p.read_bytes()).hexdigest() == info.sha256), None)
    if found is None:
        fail(f"{old}: the file of its edition in use ({info.file}) was not found")
    return found


@lists_app.command("install")
@handle_errors
def install_cmd(
    download: Path = typer.Argument(..., help="The new edition: a CSV in collabguard's list schema (e.g. from `lists import`)."),
    list_id: str = typer.Option(..., "--id", help="The list it is a new edition of (a list in use, e.g. ca-nro)."),
    edition: str = typer.Option(..., "--edition", help="The edition (its date, or the publisher's name for it)."),
    source: str = typer.Option(..., "--source", help="Where it came from: URL, download date, who."),
    reason: str = typer.Option("A newer edition of the list.", "--reason", help="Why it is installed (shown in every report)."),
    published: str | None = typer.Option(None, "--published", help="When it was published, if the edition is not a date."),
    policy: Path = typer.Option(..., "--policy", envvar="COLLABGUARD_POLICY", help="The office's policy file: the entry is written there."),
    rules: Path | None = RulesOpt,
) -> None:
    """Install a newer edition of a list in use under the same id (recorded in the policy file with its
    sha256 and source), so every rule that names the list uses it; prints what changed."""
    from collabguard.lists.install import install_edition

    done = install_edition(policy, download, list_id, edition, source, reason, published, rules)
    typer.echo(f"{list_id}: edition {done.previous_edition} replaced by {done.edition} in {policy} "
               f"({done.entries} entries, sha256 {done.sha256}; file {done.file}).")
    for c in done.changes:
        extra = f" rating {c.old_name} → {c.rating}" if c.change == "rating" else (f" (was {c.old_name})" if c.old_name else "")
        typer.echo(f"  {c.change:8} {c.name} [{c.country}]{extra}")
    counts = {k: sum(c.change == k for c in done.changes) for k in ("added", "removed", "renamed", "changed", "rating")}
    typer.echo(f"{counts['added']} added, {counts['removed']} removed, {counts['renamed']} renamed, {counts['changed']} changed, "
               f"{counts['rating']} re-rated. Every command given --policy {policy} (or COLLABGUARD_POLICY) now uses it.")


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
