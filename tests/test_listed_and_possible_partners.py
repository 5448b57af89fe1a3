"""A proposal with one partner on a list and another only possibly on it: the certain one is flagged, and
the possible one is still asked about (it was lost from the report once a rule had a certain match)."""

from __future__ import annotations

from typing import Any

import pytest

from collabguard.engine.screen import build_context, screen
from collabguard.models.proposal import Proposal
from collabguard.rules.conditions import Known, parse
from collabguard.rules.evaluate import evaluate
from collabguard.ruleset import RuleSet
from tests.conftest import TODAY

MIXED = Proposal.model_validate({
    "id": "MIXED-1", "title": "Turbine blade cooling", "activity": "research",
    "home_institution": {"name": "Norwegian University of Science and Technology", "country": "NO"},
    "partners": [
        {"name": "Aktsionernoe Obshchestvo 75 Arsenal", "country": "RU"},  # the Entity List's JSC 75 Arsenal
        {"name": "Naura Microelectronics Equipment", "country": "CN"},  # possible: Naura's companies in eight cities
    ],
})


def test_a_listed_partner_does_not_hide_a_possibly_listed_one(ruleset: RuleSet) -> None:
    report = screen(MIXED, ruleset, today=TODAY)
    export = next(f for f in report.flags if f.rule_id == "CG-NO-EXPORT-004")
    assert export.confirmed and {m.partner for m in export.evidence.matches} == {"Aktsionernoe Obshchestvo 75 Arsenal"}
    asked = [q for q in report.checklist if q.framework == "no-hkdir" and "'Naura Microelectronics Equipment'" in q.question]
    assert asked, [q.question[:80] for q in report.checklist]
    assert "us-bis-entity" in asked[0].question and "confirm which, if any, is meant" in asked[0].question


@pytest.mark.parametrize("when", [
    {"listed": {"lists": ["us-bis-entity"], "decision": "match"}},
    # a listed condition that holds inside "any" keeps what it still asks
    {"any": [{"listed": {"lists": ["us-bis-entity"], "decision": "match"}}, {"activity": {"in": ["education"]}}]},
])
def test_a_condition_that_holds_still_asks_the_possible_identities(ruleset: RuleSet, when: dict[str, Any]) -> None:
    problems: list[Any] = []
    node = parse(when, (), problems, Known(lists=set(ruleset.lists.lists), groups=set(ruleset.groups),
                                          catalog=ruleset.catalog))
    assert node is not None and not problems
    outcome = evaluate(node, build_context(MIXED, ruleset, today=TODAY))
    assert outcome.value is True
    assert [q.reason for q in outcome.questions] == ["confirm_identity"]
    assert "Naura Microelectronics Equipment" in outcome.questions[0].text
