"""How rule outcomes become flags, questions and a recommendation: cases found in review."""

from __future__ import annotations

from typing import Any

import pytest

from collabguard.engine.screen import screen
from collabguard.models.proposal import Proposal
from collabguard.models.report import Report
from collabguard.ruleset import RuleSet
from tests.conftest import TODAY

STRAC_BASE: dict[str, Any] = {
    "id": "t", "title": "Quantum sensing for navigation without satellite signals",
    "home_institution": {"name": "University of Waterloo", "country": "CA"},
    "personnel": [{"role": "co-applicant", "affiliations": [{"name": "Beihang University", "country": "CN"}]}],
    "funding": [{"funder": "NSERC", "country": "CA"}],
    "strac": {"advances_stra": True},  # the applicant's determination (STRAC step 1)
}


def run(ruleset: RuleSet, **fields: Any) -> Report:
    return screen(Proposal.model_validate({**STRAC_BASE, **fields}), ruleset, today=TODAY)


@pytest.mark.parametrize(
    "affiliation",
    ["Beihang University (BUAA)", "Beihang Univ.", "Dept of Physics / Beihang University", "Beihang University - School of Physics",
     "Bei\u00adhang University"],  # a soft hyphen
)
def test_the_strac_gate_holds_for_common_ways_of_writing_the_affiliation(ruleset: RuleSet, affiliation: str) -> None:
    report = run(ruleset, personnel=[{"role": "co-applicant", "affiliations": [{"name": affiliation, "country": "CN"}]}])
    assert report.blocking, affiliation


@pytest.mark.parametrize(
    "funder",
    ["NSERC", "NSERC Alliance", "Natural Sciences and Engineering Research Council (NSERC)",
     "Natural Sciences and Engineering Research Council of Canada", "Canada Foundation for Innovation"],
)
def test_strac_applies_whichever_way_the_funder_is_written(ruleset: RuleSet, funder: str) -> None:
    report = run(ruleset, funding=[{"funder": funder, "country": "CA"}])
    assert {f.id: f.applies for f in report.frameworks}["ca-strac"], funder


def test_strac_does_not_apply_to_another_funder(ruleset: RuleSet) -> None:
    report = run(ruleset, funding=[{"funder": "Mitacs", "country": "CA"}])
    assert not {f.id: f.applies for f in report.frameworks}["ca-strac"] and not report.blocking


def test_a_same_name_partner_in_another_country_is_reviewed_not_escalated(ruleset: RuleSet) -> None:
    # Northeastern University (Boston) vs the listed Northeastern University (Shenyang): the same name, which a
    # wrongly entered country must not hide
    report = screen(Proposal.model_validate({
        "id": "p", "title": "Vaccine adjuvants", "home_institution": {"name": "UiO", "country": "NO"},
        "partners": [{"name": "Northeastern University", "country": "US"}]}), ruleset, today=TODAY)
    assert report.recommendation == "needs_review" and not report.blocking
    assert report.checklist[0].reason == "confirm_identity"


def test_a_partner_without_the_country_the_listed_name_names_is_a_near_miss(ruleset: RuleSet) -> None:
    # Institut Pasteur (Paris) vs the listed Pasteur Institute of Iran, whose aliases on the Canadian list say
    # "Pasteur Institute" and "Institute Pasteur": named so in Iran. No flag; the report says why it is not that body
    report = screen(Proposal.model_validate({
        "id": "p", "title": "Vaccine adjuvants", "home_institution": {"name": "UiO", "country": "NO"},
        "partners": [{"name": "Institut Pasteur", "country": "FR"}]}), ruleset, today=TODAY)
    assert not report.flags and not report.blocking
    near = [n for n in report.matcher.near_misses if n.entity_name == "Pasteur Institute of Iran"]
    assert near and "names its country, 'iran', and the name does not" in near[0].why


def test_an_unconfirmed_flag_at_info_still_needs_review(ruleset: RuleSet) -> None:
    # ASPI rates Hebei University low (severity info); the partner here is in the US
    report = screen(Proposal.model_validate({
        "id": "h", "title": "Sediments", "home_institution": {"name": "UiB", "country": "NO"},
        "partners": [{"name": "Hebei University", "country": "US"}]}), ruleset, today=TODAY)
    assert report.recommendation == "needs_review"


def test_an_undecided_question_rule_asks_what_would_decide_it(ruleset: RuleSet) -> None:
    report = screen(Proposal.model_validate({
        "id": "n", "title": "Sediments", "home_institution": {"name": "UiB", "country": "NO"},
        "partners": [{"name": "Some University"}]}), ruleset, today=TODAY)
    questions = [q.question for q in report.checklist]
    assert "Which country is partners[0] in?" in questions
    assert not any("—" in q for q in questions)  # no template rendered without its evidence


def test_a_question_asked_by_two_packs_belongs_to_the_one_that_applies(ruleset: RuleSet) -> None:
    report = screen(Proposal.model_validate({
        "id": "p", "title": "Vaccine adjuvants", "home_institution": {"name": "UiO", "country": "NO"},
        "partners": [{"name": "Northeastern University", "country": "US"}]}), ruleset, today=TODAY)
    confirm = [q for q in report.checklist if q.reason == "confirm_identity"]
    # asked once, by a pack that applies (Norway's and the EU's both apply to a Norwegian home institution)
    assert len(confirm) == 1 and not confirm[0].advisory
    assert confirm[0].framework in {"no-hkdir", "eu-research-security"}


def test_when_no_framework_applies_questions_are_still_asked(ruleset: RuleSet) -> None:
    report = screen(Proposal.model_validate({"id": "v", "title": "Visiting", "personnel": [{"name": "Li"}]}),
                    ruleset, today=TODAY)
    assert report.checklist and report.recommendation != "proceed"


def test_a_funder_named_like_a_packs_funder_in_another_country_does_not_apply_it() -> None:
    # "Swiss National Science Foundation" contains "National Science Foundation" (US NSF) as words
    from collabguard.engine.applicability import applies
    from collabguard.rules.schema import AppliesWhen, FundingTrigger, PackInfo

    info = PackInfo(id="us-test", title="t", publisher="p", url="https://example.org", version="1", guideline_version="1",
                    accessed="2026-11-28", binding="mandatory", applies_when=AppliesWhen(funding=[FundingTrigger(
                        funders=["National Science Foundation", "NSF"], country="US")]))

    def proposal(**funding: str) -> Proposal:
        return Proposal.model_validate({"id": "x", "title": "t", "partners": [{"name": "ETH Zurich", "country": "CH"}],
                                        "funding": [funding]})

    assert applies(info, proposal(funder="Swiss National Science Foundation", country="CH")).applies is False
    assert applies(info, proposal(funder="Iran National Science Foundation", country="IR")).applies is False
    unstated = applies(info, proposal(funder="Iran National Science Foundation"))
    assert unstated.applies is False and "add `country: US`" in unstated.warnings[0]
    assert applies(info, proposal(funder="National Science Foundation", country="US")).reason == "funded by National Science Foundation"
    assert applies(info, proposal(funder="NSF")).applies is True  # the exact name, no country stated
