"""`collabguard rules validate | list | test`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from collabguard.cli.common import EXIT_FINDINGS, handle_errors

if TYPE_CHECKING:
    from collabguard.ruleset import RuleSet

rules_app = typer.Typer(help="Check, list and test rule packs.", no_args_is_help=True)


PolicyOpt = typer.Option(None, "--policy", envvar="COLLABGUARD_POLICY", help="An institution's policy file (policy.yaml) applied on top of the packs.")


def _load(path: Path | None, policy: Path | None = None) -> RuleSet:
    from collabguard.ruleset import default_rules_dir, load_ruleset

    if path is None:
        return load_ruleset(default_rules_dir(), policy=policy)
    if path.is_file():
        return load_ruleset(path.resolve().parent, packs=[path], policy=policy)
    return load_ruleset(path, policy=policy)


@rules_app.command("validate")
@handle_errors
def validate(path: Path | None = typer.Argument(None, help="A rules folder or one pack file (default: shipped rules)."),
             policy: Path | None = PolicyOpt) -> None:
    """Validate rule packs, lists, areas and groups (and a policy file); print every problem as file:line:col."""
    rs = _load(path, policy)
    n_rules = sum(len(p.rules) for p in rs.packs)
    typer.echo(f"ok: {len(rs.packs)} pack(s), {n_rules} rules, {len(rs.lists.lists)} lists "
               f"({len(rs.lists.entities)} entries), {len(rs.catalog.areas)} technology areas, {len(rs.groups)} country groups")


@rules_app.command("list")
@handle_errors
def list_rules(path: Path | None = typer.Argument(None, help="A rules folder or one pack file."),
               policy: Path | None = PolicyOpt) -> None:
    """List every pack with its source, and every rule: id, kind, severity, what binds it (blocking, law, a funding
    condition), status, title; under it the section and page it cites, and whether that page was checked."""
    rs = _load(path, policy)
    for pack in rs.packs:
        info = pack.info
        applies = "always" if info.applies_when.always else _applies_text(info) or "named in the proposal"
        typer.echo(f"{info.id} {info.version} — {info.title} [{info.binding}; applies when {applies}]")
        typer.echo(f"  source: {info.publisher}, {info.guideline_version}; {info.url} (accessed {info.accessed})")
        for lr in pack.rules:
            r = lr.rule
            gate = " BLOCKING" if r.blocking else ""
            gate += " law" if r.legal_gate else " funding" if r.funding_condition else ""
            typer.echo(f"  {r.id:22} {r.kind:8} {r.severity:8}{gate:17} {r.status:12} {r.title}")
            checked = f"checked {r.guideline.checked}" if r.guideline.checked else "unverified: page not checked"
            typer.echo(f"      cites: {r.guideline.section} <{r.guideline.url}> ({checked})")
    if rs.policy is not None:
        p = rs.policy
        typer.echo(f"policy {p.id} {p.version} ({p.date}) — {p.title}; sha256 {p.sha256[:12]}")
        for change in p.changes:
            typer.echo(f"  {change}")


def _applies_text(info: Any) -> str:
    cond = info.applies_when
    parts = [f"{k.replace('_', ' ')} {', '.join(v)}" for k, v in
             (("home_countries", cond.home_countries), ("funder_countries", cond.funder_countries),
              ("partner_countries", cond.partner_countries)) if v]
    for t in cond.funding:
        who = " / ".join(t.funders[:2]) + (" …" if len(t.funders) > 2 else "") if t.funders else "any funder"
        text = f"funder {who}" + (f" ({t.country})" if t.country else "")
        if t.programmes:
            text += f" in {' / '.join(t.programmes)}"
        if t.partner_types:
            text += " with a private-sector partner"
        parts.append(text)
    return "; ".join(parts)


@rules_app.command("test")
@handle_errors
def test(path: Path | None = typer.Argument(None, help="A rules folder or one pack file."),
         policy: Path | None = PolicyOpt) -> None:
    """Run every rule's must-fire and must-not-fire examples (a policy's own rules too)."""
    from collabguard.rules.testing import run_rule_tests

    results = run_rule_tests(_load(path, policy))
    failed = [r for r in results if not r.passed]
    for r in failed:
        typer.echo(f"FAIL {r.detail} ({r.case})", err=True)
    typer.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed ({len({r.rule_id for r in results})} rules)")
    if failed:
        raise typer.Exit(EXIT_FINDINGS)
