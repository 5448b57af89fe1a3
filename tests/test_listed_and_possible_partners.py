"""A proposal with one partner on a list and another only possibly on it: the certain one is flagged, and
the possible one is still asked about (it was lost from the report once a rule had a certain match)."""

from __future__ import annotations

from collabguard.engine.screen import screen
from collabguard.models.proposal import Proposal
from collabguard.ruleset import RuleSet
from tests.conftest import TODAY


def test_a_listed_partner_does_not_hide_a_possibly_listed_one(ruleset: RuleSet) -> None:
    proposal = Proposal.model_validate({
        "id": "MIXED-1", "title": "Turbine blade cooling", "activity": "research",
        "home_institution": {"name": "Norwegian University of Science and Technology", "country": "NO"},
        "partners": [
            {"name": "Aktsionernoe Obshchestvo 75 Arsenal", "country": "RU"},  # the Entity List's JSC 75 Arsenal
            {"name": "Naura Microelectronics Equipment", "country": "CN"},  # possible: Naura's companies in eight cities
        ],
    })
    report = screen(proposal, ruleset, today=TODAY)
    export = next(f for f in report.flags if f.rule_id == "CG-NO-EXPORT-004")
    assert export.confirmed and {m.partner for m in export.evidence.matches} == {"Aktsionernoe Obshchestvo 75 Arsenal"}
    asked = [q for q in report.checklist if q.framework == "no-hkdir" and "'Naura Microelectronics Equipment'" in q.question]
    assert asked, [q.question[:80] for q in report.checklist]
    assert "us-bis-entity" in asked[0].question and "confirm which, if any, is meant" in asked[0].question
