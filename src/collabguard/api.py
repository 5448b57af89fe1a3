"""The Python API: what the CLI, batch jobs and the HTTP service call.

    from collabguard.api import screen_file
    report = screen_file("examples/nudt-quantum-navigation.yaml")
    report.recommendation, report.risk_level, [f.rule_id for f in report.flags]
"""

from __future__ import annotations

import os
from datetime import date
from functools import lru_cache
from pathlib import Path

from collabguard.decisions import Decisions
from collabguard.engine.screen import screen
from collabguard.errors import InputError
from collabguard.io.proposal_loader import load_proposal
from collabguard.models.collaboration import CollaborationStats
from collabguard.models.proposal import Proposal
from collabguard.models.report import Report
from collabguard.rules.loader import RuleSet, load_ruleset

RULES_ENV = "COLLABGUARD_RULES"


def default_rules_dir() -> Path:
    """``$COLLABGUARD_RULES``, else the rules shipped with the package."""
    env = os.environ.get(RULES_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parent / "shipped_rules"


@lru_cache(maxsize=8)
def _cached_ruleset(root: str, policy: str | None, stamp: float) -> RuleSet:
    return load_ruleset(Path(root), policy=Path(policy) if policy else None)


def get_ruleset(rules: Path | str | None = None, policy: Path | str | None = None) -> RuleSet:
    """Load (once per process) the rules folder, or the shipped one, with an institution's policy
    file on top when given (reloaded when the policy file changes)."""
    root = Path(rules) if rules is not None else default_rules_dir()
    if policy is None:
        return _cached_ruleset(str(root.resolve()), None, 0.0)
    path = Path(policy).resolve()
    if not path.is_file():
        raise InputError(f"{policy}: policy file not found")
    # reloaded when the policy file or anything beside it (its own lists) changes
    stamp = max(p.stat().st_mtime for p in path.parent.iterdir() if p.is_file())
    return _cached_ruleset(str(root.resolve()), str(path), stamp)


def screen_proposal(proposal: Proposal, rules: Path | str | None = None, today: date | None = None,
                    decisions: Decisions | None = None, *, policy: Path | str | None = None, lang: str = "en") -> Report:
    """Screen one proposal; ``policy``: an institution's policy file; ``lang``: "en" or "nb"."""
    return screen(proposal, get_ruleset(rules, policy), today=today, decisions=decisions, lang=lang)


def load_proposal_file(path: Path | str) -> Proposal:
    """Load one proposal file; input errors name the file."""
    try:
        return load_proposal(Path(path))
    except InputError as exc:
        if str(exc).startswith(str(path)):
            raise
        raise InputError(f"{path}: {exc}") from None


def screen_file(path: Path | str, rules: Path | str | None = None, today: date | None = None,
                decisions: Decisions | None = None, *, policy: Path | str | None = None, lang: str = "en") -> Report:
    """Load and screen one proposal file; input errors name the file."""
    proposal = load_proposal_file(path)
    try:
        return screen_proposal(proposal, rules, today, decisions, policy=policy, lang=lang)
    except InputError as exc:
        if str(exc).startswith(str(path)):
            raise
        raise InputError(f"{path}: {exc}") from None


def collaboration_context(proposal: Proposal, exports: list[Path], rules: Path | str | None = None,
                          policy: Path | str | None = None, **options: object) -> CollaborationStats:
    """Co-publication figures for a proposal's partners and their countries, from publication exports.

    Shares are of the home institution's international works when the proposal names one. ``options``
    override :class:`StatsOptions` (e.g. ``year_from``, ``bilateral_only``). Co-publications with listed
    organisations are counted with the rule set's list matcher."""
    from collabguard.bibliometrics.indicators import StatsOptions, compute_stats
    from collabguard.bibliometrics.load import load_exports

    home = proposal.home_institution
    home_country = home.country if home else None
    partners = tuple(dict.fromkeys(p.name for p in proposal.partners))
    countries = tuple(dict.fromkeys(p.country for p in proposal.partners if p.country and p.country != home_country))
    settings = StatsOptions(home=home.name if home else None, partners=partners, countries=countries)
    for key, value in options.items():
        setattr(settings, key, value)
    return compute_stats(load_exports(exports), settings, get_ruleset(rules, policy).matcher)


__all__ = ["collaboration_context", "load_proposal_file", "screen_file", "screen_proposal", "get_ruleset", "default_rules_dir", "load_proposal", "Report", "Proposal"]
