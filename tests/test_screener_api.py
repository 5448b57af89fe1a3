"""The Python API a grant system imports: load once, screen models, mappings or files."""

from __future__ import annotations

from pathlib import Path

from collabguard import Screener
from collabguard.engine.answers import Answer, AnswerFile
from collabguard.errors import InputError
from collabguard.models.usecases import NameQuery
from tests.conftest import EXAMPLES, RULES, TODAY


def test_screen_a_mapping_a_file_and_many() -> None:
    screener = Screener(rules=RULES)
    report = screener.screen({"title": "Sonar", "partners": [{"name": "Harbin Engineering University", "country": "CN"}]},
                             today=TODAY)
    assert any(f.rule_id == "CG-NO-PARTNER-001" for f in report.flags)
    assert screener.screen(EXAMPLES / "strac-nserc-nro-affiliation.yaml", today=TODAY).blocking
    results = list(screener.screen_many([{"title": "No partner"}, EXAMPLES / "european-project.yaml"], today=TODAY))
    assert [r.index for r in results] == [0, 1]
    assert results[0].report is None and "no partners and no personnel" in (results[0].error or "")
    assert results[1].report is not None and results[1].report.recommendation == "proceed"


def test_bad_input_raises_a_collabguard_error() -> None:
    screener = Screener.from_defaults()
    try:
        screener.screen({"title": "T", "partners": [{"name": "X", "country": "Narnia"}]})
    except InputError as exc:
        assert "unknown country 'Narnia'" in str(exc)
    else:
        raise AssertionError("expected an InputError")


def test_every_use_case_is_one_call_on_the_screener(tmp_path: Path) -> None:
    screener = Screener(rules=RULES)
    names = screener.match_names([NameQuery(name="Harbin Engineering University", country="CN"), NameQuery(name="University of Oslo", country="NO")])
    assert [(m.row, m.decision) for m in names] == [(1, "match"), (2, "none")]
    assert names[0].entity_name and "|" not in names[0].list
    areas = screener.find_areas("Hypersonic glide vehicles with scramjet propulsion")
    assert areas.areas and all(a.decision in ("match", "possible") for a in areas.areas)
    from_proposal = screener.find_areas(proposal=EXAMPLES / "listed-partner-sensitive-area.yaml")
    assert from_proposal.areas
    report = screener.screen(EXAMPLES / "listed-partner-sensitive-area.yaml", today=TODAY)
    (again,) = screener.rescreen([report], today=TODAY)
    assert again.proposal_id == report.proposal_id and again.new_matches == []
    stats = screener.statistics([EXAMPLES / "publications" / "wos_tabdelimited_scientopy_4071.txt"])
    assert stats.works > 0
    assert {i.id for i in screener.lists_info().lists} >= {"ca-nro", "aspi-cdut"}
    rules = screener.rules_info()
    assert all(r.url.startswith("http") for p in rules.packs for r in p.rules)


def test_answers_close_a_case_in_one_screening_pass(tmp_path: Path) -> None:
    screener = Screener(rules=RULES)
    first = screener.screen(EXAMPLES / "listed-partner-sensitive-area.yaml", today=TODAY)
    question = first.checklist[0]
    answers = AnswerFile(reviewer="Kari Nordmann", date=TODAY, answers=[Answer(id=question.id, answer="no", note="checked")])
    closed = screener.screen(EXAMPLES / "listed-partner-sensitive-area.yaml", answers=answers, today=TODAY)
    assert question.id not in {q.id for q in closed.checklist}
    assert [(a.id, a.answer, a.reviewer) for a in closed.answers] == [(question.id, "no", "Kari Nordmann")]
    # the same answers from a file: the same report
    path = tmp_path / "answers.yaml"
    path.write_text(f"schema_version: 1\nreviewer: Kari Nordmann\ndate: {TODAY}\nanswers:\n"
                    f"  - id: {question.id}\n    answer: 'no'\n    note: checked\n", encoding="utf-8")
    from_file = screener.screen(EXAMPLES / "listed-partner-sensitive-area.yaml", answers=path, today=TODAY)
    assert from_file.model_dump_json() == closed.model_dump_json()
    unknown = AnswerFile(reviewer="K", date=TODAY, answers=[Answer(id="Q-0000000000", answer="yes")])
    warned = screener.screen(EXAMPLES / "listed-partner-sensitive-area.yaml", answers=unknown, today=TODAY)
    assert any("Q-0000000000: no such question" in w for w in warned.warnings)


def test_which_flags_count_is_a_property_of_the_report() -> None:
    report = Screener(rules=RULES).screen(EXAMPLES / "listed-partner-sensitive-area.yaml", today=TODAY)
    assert report.any_applies
    assert report.counted_flags and all(not f.advisory for f in report.counted_flags)
    assert report.advisory_flags and all(f.advisory for f in report.advisory_flags)
    assert len(report.counted_flags) + len(report.advisory_flags) == len(report.flags)
    assert report.fails_at("high") and not report.fails_at("critical")


def test_norwegian_is_bokmal_and_an_unknown_language_is_one_line() -> None:
    assert Screener(rules=RULES, lang="no").lang == "nb"
    try:
        Screener(rules=RULES, lang="sv")
    except InputError as exc:
        assert "'sv' is not available" in str(exc)
    else:
        raise AssertionError("expected an InputError")
