"""Closing a case with answers to the checklist: the verdict is recomputed and says who answered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.engine.answers import load_answers
from collabguard.engine.screen import screen
from collabguard.io.proposal_loader import load_proposal
from collabguard.models.proposal import Proposal
from collabguard.ruleset import RuleSet
from tests.conftest import EXAMPLES, TODAY

runner = CliRunner()


def answers_file(tmp_path: Path, *items: dict[str, Any]) -> Path:
    f = tmp_path / "answers.yaml"
    f.write_text(yaml.safe_dump({"schema_version": 1, "reviewer": "K. Nordmann", "date": "2026-11-28", "answers": list(items)}))
    return f


def test_answering_the_identity_question_no_closes_the_possible_match(ruleset: RuleSet, tmp_path: Path) -> None:
    proposal = load_proposal(EXAMPLES / "lookalike-same-name-other-country.yaml")
    first = screen(proposal, ruleset, today=TODAY)
    q = next(q for q in first.checklist if q.reason == "confirm_identity")
    final = screen(proposal, ruleset, today=TODAY, answers=load_answers(answers_file(tmp_path, {"id": q.id, "answer": "no", "note": "Boston"})))
    assert not any(f.rule_id == "CG-NO-PARTNER-001" for f in final.flags)
    assert final.recommendation == "proceed"
    assert [(a.id, a.answer, a.reviewer) for a in final.answers] == [(q.id, "no", "K. Nordmann")]
    assert all(c.id != q.id for c in final.checklist)


STRAC_CASE = {"id": "s", "title": "Honey bee drone congregation areas", "home_institution": {"name": "UW", "country": "CA"},
              "personnel": [{"role": "co-applicant", "affiliations": [{"name": "Sichuan University", "country": "CN"}]}],
              "funding": [{"funder": "NSERC", "country": "CA"}]}


def test_a_keyword_only_asks_the_applicant_and_their_yes_makes_strac_block(ruleset: RuleSet, tmp_path: Path) -> None:
    # "drone" touches a STRA; Sichuan University is a Named Research Organization. The policy turns on
    # the applicant's determination that the research aims to advance a STRA, not on a keyword.
    proposal = Proposal.model_validate(STRAC_CASE)
    first = screen(proposal, ruleset, today=TODAY)
    assert not first.blocking and first.recommendation == "needs_review"
    q = next(q for q in first.checklist if q.target.get("field") == "strac.advances_stra")
    assert q.severity == "critical" and "drone" in q.question
    # confirming the area is not the determination: the question stays open
    area_q = next(q for q in first.checklist if q.reason == "confirm_area" and "uncrewed" in q.question)
    after_area = screen(proposal, ruleset, today=TODAY, answers=load_answers(answers_file(tmp_path, {"id": area_q.id, "answer": "yes"})))
    assert not after_area.blocking and any(c.id == q.id for c in after_area.checklist)
    # "unsure" settles no missing fact; "yes" is the determination, and the grant is barred
    unsure = screen(proposal, ruleset, today=TODAY, answers=load_answers(answers_file(tmp_path, {"id": q.id, "answer": "unsure"})))
    assert not unsure.blocking
    final = screen(proposal, ruleset, today=TODAY, answers=load_answers(answers_file(tmp_path, {"id": q.id, "answer": "yes"})))
    assert final.blocking and final.recommendation == "do_not_proceed"
    assert "condition of the funding (not law)" in final.recommendation_reason
    no = screen(proposal, ruleset, today=TODAY, answers=load_answers(answers_file(tmp_path, {"id": q.id, "answer": "no"})))
    assert not no.blocking and any(f.rule_id == "CG-CA-STRAC-002" for f in no.flags)


def test_a_missing_field_answered_fills_the_field(ruleset: RuleSet, tmp_path: Path) -> None:
    proposal = load_proposal(EXAMPLES / "visiting-researcher.yaml").model_copy(update={"activity": "research"})
    first = screen(proposal, ruleset, today=TODAY)
    dmp = next(q for q in first.checklist if q.question == "Is there a data management plan?")
    final = screen(proposal, ruleset, today=TODAY, answers=load_answers(answers_file(tmp_path, {"id": dmp.id, "answer": "no"})))
    assert any(f.rule_id == "CG-NO-DATA-002" for f in final.flags)


def test_a_judgement_answered_yes_becomes_a_confirmed_flag(ruleset: RuleSet, tmp_path: Path) -> None:
    proposal = load_proposal(EXAMPLES / "funder-country-of-concern.yaml")
    first = screen(proposal, ruleset, today=TODAY)
    q = next(q for q in first.checklist if q.rule_id == "CG-NO-FUNDING-001")
    final = screen(proposal, ruleset, today=TODAY, answers=load_answers(answers_file(tmp_path, {"id": q.id, "answer": "yes",
                                                                               "note": "conditions steer the agenda"})))
    flag = next(f for f in final.flags if f.rule_id == "CG-NO-FUNDING-001")
    assert flag.confirmed and "conditions steer the agenda" in flag.message
    assert final.recommendation == "proceed_with_mitigations"


def test_an_answer_to_an_unknown_question_is_a_warning_and_the_cli_shows_answers(tmp_path: Path) -> None:
    f = answers_file(tmp_path, {"id": "Q-0000000000", "answer": "yes"})
    result = runner.invoke(app, ["screen", str(EXAMPLES / "european-project.yaml"), "--answers", str(f), "-f", "json"])
    assert result.exit_code == 0
    assert "no such question" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nreviewer: X\ndate: 2026-11-28\nanswers:\n  - {id: nope, answer: maybe}\n")
    result = runner.invoke(app, ["screen", str(EXAMPLES / "european-project.yaml"), "--answers", str(bad)])
    assert result.exit_code == 2 and "answers[0]" in result.output
