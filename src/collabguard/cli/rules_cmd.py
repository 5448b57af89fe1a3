"""`collabguard rules validate | list | test`."""

from __future__ import annotations

from pathlib import Path

import typer

from collabguard.cli.common import EXIT_FINDINGS, handle_errors

rules_app = typer.Typer(help="Check, list and test rule packs.", no_args_is_help=True)


def _load(path: Path | None):  # type: ignore[no-untyped-def]
    from collabguard.api import default_rules_dir
    from collabguard.rules.loader import load_ruleset

    if path is None:
        return load_ruleset(default_rules_dir())
    if path.is_file():
        return load_ruleset(path.resolve().parent, packs=[path])
    return load_ruleset(path)


@rules_app.command("validate")
@handle_errors
def validate(path: Path | None = typer.Argument(None, help="A rules folder or one pack file (default: shipped rules).")) -> None:
    """Validate rule packs, lists, areas and groups; print every problem as file:line:col."""
    rs = _load(path)
    n_rules = sum(len(p.rules) for p in rs.packs)
    typer.echo(f"ok: {len(rs.packs)} pack(s), {n_rules} rules, {len(rs.lists.lists)} lists "
               f"({len(rs.lists.entities)} entries), {len(rs.catalog.areas)} technology areas, {len(rs.groups)} country groups")


@rules_app.command("list")
@handle_errors
def list_rules(path: Path | None = typer.Argument(None, help="A rules folder or one pack file.")) -> None:
    """List every rule: id, kind, severity, blocking, title."""
    rs = _load(path)
    for pack in rs.packs:
        applies = ", ".join(f"{k}={v}" for k, v in pack.info.applies_when.model_dump().items() if v)
        typer.echo(f"{pack.info.id} {pack.info.version} — {pack.info.title} [{pack.info.binding}; applies when {applies}]")
        for lr in pack.rules:
            r = lr.rule
            block = " BLOCKING" if r.blocking else ""
            typer.echo(f"  {r.id:22} {r.kind:8} {r.severity:8}{block:9} {r.status:12} {r.title}")


@rules_app.command("test")
@handle_errors
def test(path: Path | None = typer.Argument(None, help="A rules folder or one pack file.")) -> None:
    """Run every rule's must-fire and must-not-fire examples."""
    from collabguard.rules.testing import run_rule_tests

    results = run_rule_tests(_load(path))
    failed = [r for r in results if not r.passed]
    for r in failed:
        typer.echo(f"FAIL {r.detail} ({r.case})", err=True)
    typer.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed ({len({r.rule_id for r in results})} rules)")
    if failed:
        raise typer.Exit(EXIT_FINDINGS)
