"""Hard cases an adviser would screen (tests/data/adviser_cases.yaml): which frameworks apply, the
verdict each gives and the overall one, with the findings that carry them. Each case says why."""

from __future__ import annotations

from typing import Any

import pytest

from collabguard.engine.screen import screen
from collabguard.io.yaml_loader import load_yaml
from collabguard.models.proposal import Proposal
from collabguard.ruleset import RuleSet
from tests.conftest import REPO, TODAY

CASES: list[dict[str, Any]] = load_yaml(REPO / "tests" / "data" / "adviser_cases.yaml", "adviser cases").data["cases"]


def test_the_table_holds_at_least_25_cases_each_with_a_reason() -> None:
    assert len(CASES) >= 25
    assert all(c.get("why") and c.get("frameworks") for c in CASES)
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_adviser_case(ruleset: RuleSet, case: dict[str, Any]) -> None:
    proposal = Proposal.model_validate({"id": case["id"], **case["proposal"]})
    report = screen(proposal, ruleset, today=TODAY)
    applied = {f.id: f.recommendation for f in report.frameworks if f.applies}
    assert applied == case["frameworks"], case["why"]
    assert report.recommendation == case["overall"], f"{case['why']} | {report.recommendation_reason}"
    flagged = {f.rule_id for f in report.flags}
    asked = set(report._asked_by)
    assert set(case.get("must_flag", [])) <= flagged
    assert not set(case.get("must_not_flag", [])) & flagged
    assert set(case.get("must_ask", [])) <= asked
    assert not set(case.get("must_not_ask", [])) & asked
    assert not set(case.get("not_applied", [])) & set(applied)
    if "warning" in case:
        assert any(case["warning"] in w for w in report.warnings), report.warnings
    for rule_id, words in case.get("message_contains", {}).items():
        assert any(words in f.message for f in report.flags if f.rule_id == rule_id), rule_id
    # a framework that blocks does so only on a confirmed identity, and says whether it is law or a funding condition
    for f in report.flags:
        if f.blocking:
            assert f.confirmed and f.gate in ("law", "funding_condition")


def test_a_spreadsheet_row_states_the_activity_and_the_strac_determination(ruleset: RuleSet) -> None:
    from collabguard.batch.columns import row_to_proposal

    cells = {"title": "Quantum sensing for navigation", "home_institution": "University of Waterloo", "home_country": "CA",
             "personnel_affiliations": "Beihang University", "personnel_affiliation_countries": "CN",
             "funders": "NSERC", "funder_countries": "CA", "activity": "Research", "advances_stra": "yes",
             "talent_programmes": "Thousand Talents Plan"}
    proposal = Proposal.model_validate(row_to_proposal(cells, 2))
    assert proposal.activity == "research" and proposal.strac.advances_stra is True
    # who holds the programme is not in the sheet: the person's part is unknown, never assumed
    assert all(p.role is None and p.category is None for p in proposal.personnel)
    report = screen(proposal, ruleset, today=TODAY)
    assert report.blocking and any(f.rule_id == "CG-CA-STRAC-001" and f.gate == "funding_condition" for f in report.flags)


def test_norwegian_reports_cite_the_norwegian_section_page_where_there_is_one(ruleset: RuleSet) -> None:
    proposal = Proposal.model_validate({"id": "x", "title": "Sea-ice drift", "activity": "research",
                                        "home_institution": {"name": "University of Bergen", "country": "NO"},
                                        "partners": [{"name": "University of Tehran", "country": "IR"}]})
    en = screen(proposal, ruleset, today=TODAY)
    nb = screen(proposal, ruleset, today=TODAY, lang="nb")
    q_en = next(q for q in en.checklist if q.rule_id == "CG-NO-SANCTIONS-002")
    q_nb = next(q for q in nb.checklist if q.rule_id == "CG-NO-SANCTIONS-002")
    assert q_en.guideline.url.startswith("https://hkdir.no/en/") and q_en.guideline.checked == "2026-12-04"
    assert q_nb.guideline.url == q_en.guideline.url_nb and "/eksportkontroll-" in q_nb.guideline.url


def test_a_talent_programme_that_ends_before_it_starts_is_refused() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="end 2015-01-01 is before start 2016-01-01"):
        Proposal.model_validate({"id": "x", "title": "t", "personnel": [
            {"role": "co-investigator", "talent_programmes": [{"name": "Thousand Talents Plan", "start": "2016-01-01",
                                                               "end": "2015-01-01"}]}]})


@pytest.mark.parametrize(("partner_type", "nsgrp"), [
    ("company", True), ("industry partner", True), ("start-up", True),
    ("private university", False), ("non-profit foundation", False), ("university", False)])
def test_nsgrp_needs_a_private_sector_partner_by_its_type(ruleset: RuleSet, partner_type: str, nsgrp: bool) -> None:
    proposal = Proposal.model_validate({
        "id": "x", "title": "Low-temperature curing of precast concrete", "activity": "research",
        "home_institution": {"name": "McGill University", "country": "CA"},
        "partners": [{"name": "Partenaire A", "country": "CA", "type": partner_type}],
        "funding": [{"funder": "NSERC", "country": "CA", "programme": "Alliance"}]})
    report = screen(proposal, ruleset, today=TODAY)
    assert next(f for f in report.frameworks if f.id == "ca-nsgrp").applies is nsgrp


def test_no_home_country_warning_when_the_proposal_names_its_frameworks(ruleset: RuleSet) -> None:
    data = {"id": "x", "title": "t", "activity": "research", "partners": [{"name": "Lund University", "country": "SE"}]}
    assert any("home_institution is not given" in w for w in screen(Proposal.model_validate(data), ruleset, today=TODAY).warnings)
    named = screen(Proposal.model_validate({**data, "frameworks": ["no-hkdir"]}), ruleset, today=TODAY)
    assert not any("home_institution" in w for w in named.warnings)
