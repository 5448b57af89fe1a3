"""End to end on the shipped examples: what a research officer would see."""

from __future__ import annotations

import pytest

from collabguard.engine.screen import screen
from collabguard.io.proposal_loader import load_proposal
from collabguard.models.proposal import Strac
from collabguard.ruleset import RuleSet
from tests.conftest import EXAMPLES, TODAY


def run(ruleset: RuleSet, name: str):  # type: ignore[no-untyped-def]
    return screen(load_proposal(EXAMPLES / name), ruleset, today=TODAY)


@pytest.mark.parametrize(
    ("example", "recommendation", "blocking", "must_flag", "must_not_flag"),
    [
        ("listed-partner-sensitive-area.yaml", "escalate", False, {"CG-NO-PARTNER-001", "CG-NO-FIELD-001"}, set()),
        ("listed-partner-non-sensitive.yaml", "escalate", False, {"CG-NO-PARTNER-001"}, {"CG-NO-FIELD-001", "CG-CA-STRAC-001"}),
        ("innocent-lookalike.yaml", "proceed", False, set(), {"CG-NO-PARTNER-001"}),
        ("lookalike-same-name-other-country.yaml", "needs_review", False, {"CG-NO-PARTNER-001"}, set()),
        ("russian-partner.yaml", "escalate", False, {"CG-NO-PARTNER-001", "CG-NO-AGREEMENT-001", "CG-NO-DATA-002"}, set()),
        ("iranian-partner.yaml", "escalate", False, {"CG-NO-PARTNER-001", "CG-NO-FIELD-001"}, set()),
        ("european-project.yaml", "proceed", False, set(), {"CG-NO-PARTNER-001", "CG-NO-FIELD-001"}),
        ("personal-data-outside-eea.yaml", "proceed_with_mitigations", False, {"CG-NO-DATA-001"}, set()),
        ("funder-country-of-concern.yaml", "needs_review", False, set(), {"CG-NO-PARTNER-001"}),
        ("export-control-code.yaml", "escalate", False, {"CG-NO-EXPORT-001"}, set()),
        ("visiting-researcher.yaml", "escalate", False, {"CG-NO-PARTNER-001"}, set()),
        ("strac-nserc-nro-affiliation.yaml", "do_not_proceed", True, {"CG-CA-STRAC-001"}, set()),
    ],
)
def test_example_outcomes(ruleset: RuleSet, example: str, recommendation: str, blocking: bool,
                          must_flag: set[str], must_not_flag: set[str]) -> None:
    report = run(ruleset, example)
    flagged = {f.rule_id for f in report.flags}
    assert report.recommendation == recommendation, report.recommendation_reason
    assert report.blocking is blocking
    assert must_flag <= flagged
    assert not (must_not_flag & flagged)


def test_a_listed_partner_flag_carries_full_evidence(ruleset: RuleSet) -> None:
    report = run(ruleset, "listed-partner-sensitive-area.yaml")
    flag = next(f for f in report.flags if f.rule_id == "CG-NO-PARTNER-001")
    lists = {m.list: m for m in flag.evidence.matches}
    assert set(lists) == {"ca-nro", "us-dod-1286", "aspi-cdut", "us-bis-entity"}  # on the Entity List too (issue 16)
    nro = lists["ca-nro"]
    assert (nro.partner, nro.entity_id, nro.decision, nro.score) == (
        "Harbin Engineering University", "ca-nro-harbin-engineering-university", "match", 100)
    assert nro.source_url.startswith("https://science.gc.ca/") and nro.source_date == "2024-04-18"
    assert lists["aspi-cdut"].rating == "very high"
    assert flag.severity == "high" and flag.mitigations and flag.guideline.url.startswith("https://hkdir.no/")


def test_the_strac_gate_needs_an_applicable_pack(ruleset: RuleSet) -> None:
    # The Iranian example is a Norwegian proposal: STRAC does not apply, so its finding is advisory.
    proposal = load_proposal(EXAMPLES / "iranian-partner.yaml").model_copy(update={"strac": Strac(advances_stra=True)})
    report = screen(proposal, ruleset, today=TODAY)
    strac = next(f for f in report.flags if f.rule_id == "CG-CA-STRAC-001")
    assert strac.advisory and not strac.blocking
    frameworks = {f.id for f in report.frameworks if f.applies}
    assert frameworks == {"no-hkdir"}  # home institution in Norway; no EU funding


def test_a_possible_match_never_blocks_and_asks_a_person(ruleset: RuleSet) -> None:
    report = run(ruleset, "lookalike-same-name-other-country.yaml")
    flag = next(f for f in report.flags if f.rule_id == "CG-NO-PARTNER-001")
    assert not flag.confirmed and not flag.blocking
    assert flag.evidence.matches[0].decision == "possible"
    assert any(q.reason == "confirm_identity" and "Northeastern University" in q.question for q in report.checklist)


def test_coverage_names_lists_checked_and_not_checked(ruleset: RuleSet) -> None:
    report = run(ruleset, "european-project.yaml")
    checked = {c.id: c for c in report.coverage.lists_checked}
    assert set(checked) == {"aspi-cdut", "ca-nro", "us-dod-1286", "us-dod-1260h", "jp-mofa-ru",
                            "us-bis-entity", "us-bis-meu", "us-ofac-cmic", "us-state-isn", "un-sc"}
    assert checked["ca-nro"].age_days == (TODAY - __import__("datetime").date(2024, 4, 18)).days
    assert checked["jp-mofa-ru"].complete is False
    assert any("Norwegian sanctions" in t for t in report.coverage.lists_not_checked)


def test_versions_record_packs_lists_and_matcher(ruleset: RuleSet) -> None:
    v = run(ruleset, "european-project.yaml").versions
    assert {p.id for p in v.packs} == {"no-hkdir", "ca-strac", "ca-nsgrp", "nl-knowledge-security", "uk-trusted-research",
                                       "au-ufit", "eu-research-security", "us-research-security"}
    assert all(len(ll.sha256) == 64 for ll in v.lists)
    assert v.matcher.algorithm == "collabguard-v3"


def test_missing_answers_become_questions_not_silent_passes(ruleset: RuleSet) -> None:
    report = run(ruleset, "visiting-researcher.yaml")  # says nothing about a data management plan
    missing = {q.question for q in report.checklist if q.reason == "missing_data"}
    # a visit is not a research project: no data management plan is asked for (HK-dir's DMP advice is for research)
    assert "Is there a data management plan?" not in missing
    research = screen(load_proposal(EXAMPLES / "visiting-researcher.yaml").model_copy(update={"activity": "research"}),
                      ruleset, today=TODAY)
    assert "Is there a data management plan?" in {q.question for q in research.checklist if q.reason == "missing_data"}
    # a person-centred case has no partner institution to sign an agreement with
    assert not any("agreement" in q for q in missing)
    assert any("affiliated with an institution in China" in q.question for q in report.checklist)


def test_an_unknown_framework_is_an_input_error(ruleset: RuleSet) -> None:
    from collabguard.errors import InputError

    proposal = load_proposal(EXAMPLES / "european-project.yaml").model_copy(update={"frameworks": ["xx-nope"]})
    with pytest.raises(InputError, match="unknown framework 'xx-nope'"):
        screen(proposal, ruleset, today=TODAY)


def test_naming_a_framework_makes_it_apply(ruleset: RuleSet) -> None:
    proposal = load_proposal(EXAMPLES / "iranian-partner.yaml").model_copy(
        update={"frameworks": ["ca-strac"], "strac": Strac(advances_stra=True)})
    report = screen(proposal, ruleset, today=TODAY)
    assert report.blocking and {f.id for f in report.frameworks if f.applies} == {"ca-strac"}


def test_when_no_framework_applies_the_advisory_findings_still_count(ruleset: RuleSet) -> None:
    # A Swedish proposal: neither shipped pack applies, yet a listed partner must not read "proceed".
    proposal = load_proposal(EXAMPLES / "listed-partner-sensitive-area.yaml").model_copy(
        update={"home_institution": None, "frameworks": []})
    report = screen(proposal, ruleset, today=TODAY)
    assert not any(f.applies for f in report.frameworks)
    assert report.recommendation == "escalate" and not report.blocking
    assert "advisory findings were used" in report.recommendation_reason


def test_advisory_findings_do_not_drive_the_headline_when_a_framework_applies(ruleset: RuleSet) -> None:
    proposal = load_proposal(EXAMPLES / "listed-partner-sensitive-area.yaml").model_copy(
        update={"strac": Strac(advances_stra=True)})
    report = screen(proposal, ruleset, today=TODAY)  # Norwegian: STRAC is advisory
    assert any(f.rule_id == "CG-CA-STRAC-001" and f.advisory and not f.blocking for f in report.flags)
    assert report.risk_level == "high"  # from the Norwegian pack, not STRAC's critical


def test_messages_show_values_people_can_read(ruleset: RuleSet) -> None:
    report = run(ruleset, "listed-partner-sensitive-area.yaml")
    agreement = next(f for f in report.flags if f.rule_id == "CG-NO-AGREEMENT-002")
    assert "the agreement does not say how the cooperation can be ended" in agreement.message  # words (issue 14)
    assert "agreement.termination" not in agreement.message and "= False" not in agreement.message
    assert "Partner(" not in agreement.message  # no Python object dumps in a case file


def test_a_name_that_was_not_matched_shows_its_nearest_list_entry(ruleset: RuleSet) -> None:
    from collabguard.report.markdown import render_markdown

    report = run(ruleset, "innocent-lookalike.yaml")
    assert report.matcher is not None
    near = {(n.list, n.entity_name, n.why) for n in report.matcher.near_misses}
    assert ("ca-nro", "Sichuan University", "extra word 'normal'") in near
    assert "nearest on ca-nro is Sichuan University, rejected: extra word 'normal'" in render_markdown(report, details=True)
