"""Reviewed decisions: cleared false positives, confirmed matches, expiry, new list editions."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.decisions import Decisions, load_decisions
from collabguard.engine.screen import screen
from collabguard.errors import RuleFileError
from collabguard.models.proposal import Proposal
from collabguard.ruleset import RuleSet
from tests.conftest import EXAMPLES, TODAY

runner = CliRunner()
BOSTON = {"id": "b", "title": "Retail analytics", "home_institution": {"name": "UiO", "country": "NO"},
          "partners": [{"name": "Northeastern University", "country": "US"}]}


def decision(**changes: Any) -> dict[str, Any]:
    base = {"decision": "cleared", "partner": "Northeastern University", "country": "US", "list": "aspi-cdut",
            "entity_id": "aspi-northeastern-university", "list_edition": "2020-08-21", "reviewer": "K. Nordmann",
            "date": "2026-11-20", "reason": "Boston, not Shenyang", "expires": "2027-11-20"}
    return {**base, **changes}


def load(tmp_path: Path, *items: dict[str, Any]) -> Decisions:
    import yaml

    f = tmp_path / "decisions.yaml"
    f.write_text(yaml.safe_dump({"schema_version": 1, "decisions": list(items)}))
    return load_decisions(f)


def test_a_cleared_false_positive_no_longer_raises_the_risk_but_is_shown(ruleset: RuleSet, tmp_path: Path) -> None:
    before = screen(Proposal.model_validate(BOSTON), ruleset, today=TODAY)
    assert before.recommendation == "needs_review"
    after = screen(Proposal.model_validate(BOSTON), ruleset, today=TODAY, decisions=load(tmp_path, decision()))
    assert not any(f.rule_id == "CG-NO-PARTNER-001" for f in after.flags)
    assert not any(q.reason == "confirm_identity" for q in after.checklist)
    assert [(r.decision, r.status) for r in after.reviews] == [("cleared", "applied")]


def test_clearing_boston_never_hides_shenyang(ruleset: RuleSet, tmp_path: Path) -> None:
    shenyang = {**BOSTON, "partners": [{"name": "Northeastern University", "country": "CN"}]}
    report = screen(Proposal.model_validate(shenyang), ruleset, today=TODAY, decisions=load(tmp_path, decision()))
    flag = next(f for f in report.flags if f.rule_id == "CG-NO-PARTNER-001")
    assert flag.confirmed and report.reviews == []


@pytest.mark.parametrize(
    ("changes", "today", "status"),
    [
        ({}, date(2027, 11, 20), "applied"),  # the expiry day itself still counts
        ({}, date(2027, 11, 21), "expired"),
        ({"list_edition": "2019-11-01"}, TODAY, "needs re-review"),  # the list has a newer edition
    ],
)
def test_expired_or_stale_decisions_are_not_applied_and_said_loudly(ruleset: RuleSet, tmp_path: Path,
                                                                    changes: dict[str, Any], today: date, status: str) -> None:
    report = screen(Proposal.model_validate(BOSTON), ruleset, today=today, decisions=load(tmp_path, decision(**changes)))
    assert [r.status for r in report.reviews] == [status]
    flagged = any(f.rule_id == "CG-NO-PARTNER-001" for f in report.flags)
    assert flagged is (status != "applied")
    assert any("was not applied" in w for w in report.warnings) is (status != "applied")


def test_a_confirmed_possible_match_becomes_a_match(ruleset: RuleSet, tmp_path: Path) -> None:
    acronym = {**BOSTON, "partners": [{"name": "NUDT", "country": "CN"}]}
    before = screen(Proposal.model_validate(acronym), ruleset, today=TODAY)
    assert not next(f for f in before.flags if f.rule_id == "CG-NO-PARTNER-001").confirmed
    confirm = decision(decision="confirmed", partner="NUDT", country="CN", list="ca-nro",
                       entity_id="ca-nro-national-university-of-defense-technology", list_edition=None)
    after = screen(Proposal.model_validate(acronym), ruleset, today=TODAY, decisions=load(tmp_path, confirm))
    flag = next(f for f in after.flags if f.rule_id == "CG-NO-PARTNER-001")
    assert any(m.list == "ca-nro" and m.decision == "match" for m in flag.evidence.matches)


def test_a_malformed_decisions_file_is_an_error_with_its_position(tmp_path: Path) -> None:
    f = tmp_path / "d.yaml"
    f.write_text("schema_version: 1\ndecisions:\n  - decision: cleared\n    partner: X\n")
    with pytest.raises(RuleFileError) as exc:
        load_decisions(f)
    assert any("d.yaml:3:5: decisions[0].country: is required but missing" in p for p in exc.value.problems)
    result = runner.invoke(app, ["screen", str(EXAMPLES / "european-project.yaml"), "--decisions", str(f)])
    assert result.exit_code == 2 and "decisions[0]" in result.output


def test_the_example_decisions_file_clears_the_boston_example() -> None:
    result = runner.invoke(app, ["screen", str(EXAMPLES / "lookalike-same-name-other-country.yaml"), "-f", "markdown",
                                 "--decisions", str(EXAMPLES / "office" / "decisions.yaml")])
    assert result.exit_code == 0
    assert "## Reviewed decisions" in result.output and "cleared by Research office (example)" in result.output
