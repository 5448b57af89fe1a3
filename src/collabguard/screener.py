"""The typed entry point a grant-management system imports.

    from collabguard import Screener
    screener = Screener.from_defaults()             # shipped rules and lists, loaded once
    report = screener.screen({"title": "...", "partners": [{"name": "Beihang University", "country": "CN"}]})
    report.recommendation, report.blocking
    for result in screener.screen_many(proposals):  # one result per input, in order; errors do not stop it
        ...

The CLI and the batch runner are thin layers over the same functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from collabguard.engine.screen import screen
from collabguard.errors import CollabguardError, InputError
from collabguard.io.proposal_loader import load_proposal, proposal_from_data
from collabguard.models.proposal import Proposal
from collabguard.models.report import Report
from collabguard.rules.loader import RuleSet, load_ruleset


@dataclass(frozen=True)
class ScreenResult:
    """One proposal's outcome in :meth:`Screener.screen_many`: a report, or the reason there is none."""

    index: int
    report: Report | None
    error: str | None


class Screener:
    """Rules, lists, technology areas and the matcher index, loaded once and reused."""

    def __init__(self, rules: Path | str | None = None, decisions: Path | str | None = None,
                 policy: Path | str | None = None, lang: str = "en") -> None:
        from collabguard.api import default_rules_dir
        from collabguard.decisions import load_decisions

        self.ruleset: RuleSet = load_ruleset(Path(rules) if rules is not None else default_rules_dir(),
                                             policy=Path(policy) if policy is not None else None)
        self.lang = lang
        self.decisions = load_decisions(Path(decisions)) if decisions is not None else None
        _ = self.ruleset.matcher  # build the index now, not on the first request

    @classmethod
    def from_defaults(cls) -> Screener:
        """The rules and lists shipped with collabguard (or ``$COLLABGUARD_RULES``)."""
        return cls()

    def screen(self, proposal: Proposal | dict[str, Any] | Path | str, today: date | None = None) -> Report:
        """Screen one proposal given as a model, a mapping (the proposal JSON) or a file path.
        Raises :class:`~collabguard.errors.CollabguardError` with a one-line message on bad input."""
        if isinstance(proposal, Proposal):
            model = proposal
        elif isinstance(proposal, dict):
            model = proposal_from_data(proposal, "proposal")
        elif isinstance(proposal, Path | str):
            model = load_proposal(Path(proposal))
        else:
            raise InputError(f"a proposal must be a mapping, a Proposal or a file path, not {type(proposal).__name__}")
        return screen(model, self.ruleset, today=today, decisions=self.decisions, lang=self.lang)

    def screen_many(self, proposals: Iterable[Proposal | dict[str, Any] | Path | str],
                    today: date | None = None) -> Iterator[ScreenResult]:
        """One result per input, in input order; a bad proposal gives an error result, never an exception."""
        for i, item in enumerate(proposals):
            try:
                yield ScreenResult(i, self.screen(item, today), None)
            except CollabguardError as exc:
                yield ScreenResult(i, None, str(exc))
            except Exception as exc:  # noqa: BLE001 - one bad item must not end the run
                yield ScreenResult(i, None, f"internal error ({type(exc).__name__}); please report it")
