"""The recommendation table, row by row."""

from __future__ import annotations

import pytest

from collabguard.engine.recommendation import recommend
from collabguard.models.report import ChecklistItem, Evidence, Flag, Guideline, ListMatch

G = Guideline(framework="x", section="s", url="https://example.org")


def flag(severity: str, *, blocking: bool = False, confirmed: bool = True, identity: str = "match") -> Flag:
    match = ListMatch(partner="P", subject="partner", entity_id="e", entity_name="E", list="ca-nro", list_title="NRO",
                      score=100, decision=identity, matched_name="E", matched_name_kind="name",  # type: ignore[arg-type]
                      source_url="https://example.org", source_date="2024")
    return Flag(rule_id="CG-XX-A-001", title="t", framework="x", severity=severity, blocking=blocking,  # type: ignore[arg-type]
                advisory=False, confirmed=confirmed, message="m", guideline=G, evidence=Evidence(matches=[match]))


def question(severity: str) -> ChecklistItem:
    return ChecklistItem(rule_id="CG-XX-Q-001", framework="x", question="q?", severity=severity,  # type: ignore[arg-type]
                         reason="judgement", advisory=False, guideline=G)


@pytest.mark.parametrize(
    ("flags", "questions", "expected"),
    [
        ([], [], "proceed"),
        ([flag("info")], [question("low")], "proceed"),
        ([flag("low")], [], "proceed_with_mitigations"),
        ([flag("medium")], [], "proceed_with_mitigations"),
        ([], [question("medium")], "needs_review"),  # an open medium question never gives proceed
        ([flag("low")], [question("high")], "needs_review"),
        ([flag("low", confirmed=False, identity="possible")], [], "needs_review"),  # a person must confirm
        ([flag("info", confirmed=False, identity="possible")], [], "needs_review"),  # at any severity
        ([flag("high")], [], "escalate"),
        ([flag("high", confirmed=False, identity="possible")], [], "needs_review"),  # Northeastern University, Boston
        ([flag("critical", confirmed=False)], [], "escalate"),  # listed partner; only the area is open
        ([flag("critical", blocking=True)], [], "do_not_proceed"),
    ],
)
def test_recommendation_table(flags: list[Flag], questions: list[ChecklistItem], expected: str) -> None:
    assert recommend(flags, questions)[0] == expected
