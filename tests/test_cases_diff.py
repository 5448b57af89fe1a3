"""What changed between two reports of a case: verdicts, flags, matches, questions; versions as context."""

from __future__ import annotations

import datetime as dt

import pytest

from collabguard.cases.diff import diff_reports
from collabguard.models.report import Report
from collabguard.screener import Screener
from tests.cases_support import answers
from tests.conftest import EXAMPLES, RULES


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(RULES)


@pytest.fixture(scope="module")
def lookalike(screener: Screener) -> Report:
    return screener.screen(EXAMPLES / "lookalike-same-name-other-country.yaml", today=dt.date(2026, 12, 4))


def test_the_same_screening_on_another_day_is_no_change(screener: Screener, lookalike: Report) -> None:
    later = screener.screen(EXAMPLES / "lookalike-same-name-other-country.yaml", today=dt.date(2027, 1, 15))
    diff = diff_reports(lookalike, later)
    assert not diff.changed and diff.lines() == [] and diff.summary() == "nothing changed"


def test_an_identity_answered_no_removes_the_match_and_closes_its_question(screener: Screener, lookalike: Report) -> None:
    question = next(q for q in lookalike.checklist if q.reason == "confirm_identity")
    after = screener.screen(EXAMPLES / "lookalike-same-name-other-country.yaml", answers=answers((question.id, "no")),
                            today=dt.date(2026, 12, 4))
    diff = diff_reports(lookalike, after)
    assert diff.changed
    assert [q.id for q in diff.questions_closed] == [question.id] and diff.questions_opened == []
    assert diff.matches and all(m.before == "possible" and m.after is None for m in diff.matches)
    assert diff.recommendation is not None and diff.recommendation.before == "needs_review"
    assert any(line.startswith("no longer a possible: 'Northeastern University'") for line in diff.lines())
    assert f"question closed {question.id}" in "\n".join(diff.lines())
    back = diff_reports(after, lookalike)  # and the other way round
    assert [q.id for q in back.questions_opened] == [question.id]
    assert all(m.before is None and m.after == "possible" for m in back.matches)


def test_changed_versions_alone_are_context_not_a_change(lookalike: Report) -> None:
    lists = [x.model_copy(update={"edition": "2099-01-01"}) if x.id == "aspi-cdut" else x for x in lookalike.versions.lists]
    packs = [p.model_copy(update={"sha256": "0" * 64}) if p.id == "no-hkdir" else p for p in lookalike.versions.packs]
    newer = lookalike.model_copy(update={"versions": lookalike.versions.model_copy(update={"lists": lists, "packs": packs})})
    diff = diff_reports(lookalike, newer)
    assert not diff.changed
    assert "list aspi-cdut: 2020-08-21 → 2099-01-01" in diff.versions
    assert any(v.startswith("rule pack no-hkdir: same version, content changed") for v in diff.versions)
