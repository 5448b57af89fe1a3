"""Decisions and answers dated after the screening day (issue 20, item 14): nobody can have made them
yet, so they are not applied, and the report's warnings name the file and the entry."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from collabguard.decisions import load_decisions
from collabguard.engine.answers import load_answers
from collabguard.engine.screen import screen
from collabguard.io.proposal_loader import load_proposal
from collabguard.models.proposal import Proposal
from collabguard.models.usecases import ScreenRequest
from collabguard.ruleset import RuleSet
from collabguard.screener import Screener
from tests.conftest import EXAMPLES, RULES, TODAY
from tests.test_decisions import BOSTON, decision


def _decisions(tmp_path: Path, *items: dict[str, Any]) -> Path:
    f = tmp_path / "decisions.yaml"
    f.write_text(yaml.safe_dump({"schema_version": 1, "decisions": list(items)}), encoding="utf-8")
    return f


def _answers(tmp_path: Path, file_date: str, *items: dict[str, Any]) -> Path:
    f = tmp_path / "answers.yaml"
    f.write_text(yaml.safe_dump({"schema_version": 1, "reviewer": "K. Nordmann", "date": file_date, "answers": list(items)}),
                 encoding="utf-8")
    return f


def test_a_decision_dated_in_the_future_is_not_applied_and_the_warning_names_file_and_entry(ruleset: RuleSet,
                                                                                            tmp_path: Path) -> None:
    path = _decisions(tmp_path, decision(partner="Somewhere Else", country="US"),
                      decision(date="2026-12-15", expires="2027-12-15"))  # made "on" a day that has not come
    report = screen(Proposal.model_validate(BOSTON), ruleset, today=TODAY, decisions=load_decisions(path))
    assert any(f.rule_id == "CG-NO-PARTNER-001" for f in report.flags)  # the match still counts
    assert [r.status for r in report.reviews] == ["needs re-review"]
    future = [w for w in report.warnings if "in the future" in w]
    assert future == [f"{path}: decisions[1] ('Northeastern University', aspi-cdut aspi-northeastern-university) is dated "
                      "2026-12-15, after the screening date 2026-11-28: a decision cannot be made in the future, so it "
                      "is not applied; correct its date"]


def test_the_same_decision_applies_once_its_day_has_come(ruleset: RuleSet, tmp_path: Path) -> None:
    path = _decisions(tmp_path, decision(date="2026-12-15", expires="2027-12-15"))
    report = screen(Proposal.model_validate(BOSTON), ruleset, today=date(2026, 12, 15), decisions=load_decisions(path))
    assert [r.status for r in report.reviews] == ["applied"]
    assert not any("in the future" in w for w in report.warnings)


def test_a_future_dated_clearance_does_not_hide_a_match_when_rescreening(tmp_path: Path) -> None:
    screener = Screener(RULES)
    stored = screener.screen({**BOSTON, "partners": [{"name": "Somewhere Else", "country": "US"}]}, today=TODAY)
    stored = stored.model_copy(update={"screened_names": [n.model_copy(update={"name": "Northeastern University"})
                                                          for n in stored.screened_names]})
    future = Screener(RULES, _decisions(tmp_path, decision(date="2026-12-15", expires="2027-12-15")))
    assert [m.entity_id for m in future.rescreen([stored], today=TODAY)[0].new_matches] == ["aspi-northeastern-university"]
    current = Screener(RULES, _decisions(tmp_path, decision()))
    assert current.rescreen([stored], today=TODAY)[0].new_matches == []


def test_an_answer_dated_in_the_future_is_not_taken_and_the_warning_names_file_and_entry(ruleset: RuleSet,
                                                                                           tmp_path: Path) -> None:
    proposal = load_proposal(EXAMPLES / "lookalike-same-name-other-country.yaml")
    first = screen(proposal, ruleset, today=TODAY)
    q = next(q for q in first.checklist if q.reason == "confirm_identity")
    path = _answers(tmp_path, "2026-11-20", {"id": q.id, "answer": "no", "note": "Boston", "date": "2027-01-02"})
    report = screen(proposal, ruleset, today=TODAY, answers=load_answers(path))
    assert report.answers == [] and any(c.id == q.id for c in report.checklist)  # the question stays open
    assert report.recommendation == first.recommendation
    assert [w for w in report.warnings if q.id in w] == [
        f"{path}: answers[0] ({q.id}) is dated 2027-01-02, after the screening date 2026-11-28: an answer cannot be "
        "given in the future, so it is not applied; correct its date"]


def test_an_answer_file_dated_in_the_future_dates_its_answers(ruleset: RuleSet, tmp_path: Path) -> None:
    proposal = load_proposal(EXAMPLES / "lookalike-same-name-other-country.yaml")
    q = next(q for q in screen(proposal, ruleset, today=TODAY).checklist if q.reason == "confirm_identity")
    path = _answers(tmp_path, "2026-12-01", {"id": q.id, "answer": "no"})
    late = screen(proposal, ruleset, today=TODAY, answers=load_answers(path))
    assert late.answers == [] and any("answers[0]" in w and "2026-12-01" in w for w in late.warnings)
    on_the_day = screen(proposal, ruleset, today=date(2026, 12, 1), answers=load_answers(path))
    assert [a.id for a in on_the_day.answers] == [q.id]
    assert not any("in the future" in w for w in on_the_day.warnings)


def test_answers_sent_over_http_are_named_as_the_request_field(tmp_path: Path) -> None:
    screener = Screener(RULES)
    proposal = load_proposal(EXAMPLES / "lookalike-same-name-other-country.yaml")
    q = next(q for q in screener.screen(proposal, today=TODAY).checklist if q.reason == "confirm_identity")
    envelope = ScreenRequest.model_validate({"proposal": {}, "answers": {
        "reviewer": "K. Nordmann", "date": "2030-01-01", "answers": [{"id": q.id, "answer": "no"}]}})
    assert envelope.answers is not None
    report = screener.screen(proposal, answers=envelope.answers, today=TODAY)
    assert report.answers == []
    assert any(w.startswith(f"answers: answers[0] ({q.id}) is dated 2030-01-01") for w in report.warnings)
