"""Sanctions and export-control lists in the rules (issue 16, items 2 and 3, and "Done when"): a
partner on the Entity List is flagged with the list, edition, Federal Register citation and meaning,
as a licence question at high; a partner on the UN list is a critical legal gate that blocks on a
match where the framework treats sanctions as law; a person on a list is never a partner match; a
listed sub-unit does not list its parent; the coverage names what is still not checked."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.engine.screen import screen
from collabguard.models.proposal import Proposal
from collabguard.models.report import Report
from collabguard.ruleset import RuleSet
from tests.conftest import TODAY

runner = CliRunner()


def _screen(ruleset: RuleSet, partner: dict[str, str], home: str = "NO", **extra: object) -> Report:
    proposal = Proposal.model_validate({"id": "t", "title": "Marine biology field course", "home_institution":
                                        {"name": "Home University", "country": home}, "partners": [partner], **extra})
    return screen(proposal, ruleset, today=TODAY)


def _flag(report: Report, rule_id: str):  # type: ignore[no-untyped-def]
    return next(f for f in report.flags if f.rule_id == rule_id)


def test_an_entity_list_partner_is_flagged_with_list_edition_citation_and_meaning(ruleset: RuleSet) -> None:
    report = _screen(ruleset, {"name": "Beijing Academy of Artificial Intelligence", "country": "CN"})
    flag = _flag(report, "CG-NO-EXPORT-004")
    match = next(m for m in flag.evidence.matches if m.list == "us-bis-entity")
    assert (match.decision, match.entity_id) == ("match", "us-bis-entity-cn-beijing-academy-of-artificial-intelligence")
    assert "Entity List" in match.list_cite and "edition 2026-07-09" in match.list_cite  # list and edition
    assert "Federal Register 90 FR 14048, 3/28/25, listed 2025-03-28" in match.list_cite  # the entry's citation
    assert "a licence question, not a ban on collaboration" in match.list_cite  # the list's meaning
    assert flag.message.count("Federal Register 90 FR 14048") == 1
    # an export-licence question at high: never critical, never blocking
    assert (flag.severity, flag.blocking, flag.confirmed) == ("high", False, True)
    assert report.recommendation == "escalate"


def test_a_un_listed_partner_is_a_critical_blocking_legal_gate_in_norway(ruleset: RuleSet) -> None:
    report = _screen(ruleset, {"name": "Malek Ashtar University", "country": "IR"})
    flag = _flag(report, "CG-NO-SANCTIONS-003")
    match = next(m for m in flag.evidence.matches if m.list == "un-sc")
    assert "UN Security Council Consolidated List (edition 2026-02-27)" in match.list_cite
    assert "UN Security Council Iran sanctions, IRe.040, listed 2010-06-09" in match.list_cite
    assert (flag.severity, flag.blocking, flag.advisory) == ("critical", True, False)
    assert (report.recommendation, report.blocking) == ("do_not_proceed", True)


@pytest.mark.parametrize(
    ("home", "rule_id", "blocking"),
    [("NO", "CG-NO-SANCTIONS-003", True), ("NL", "CG-NL-KS-018", True), ("GB", "CG-UK-TR-020", True),
     ("AU", "CG-AU-UFIT-019", True), ("CA", "CG-CA-NSGRP-019", False)],
)
def test_un_sanctions_block_where_the_framework_treats_them_as_law(ruleset: RuleSet, home: str, rule_id: str,
                                                                   blocking: bool) -> None:
    extra = {"funding": [{"funder": "NSERC", "country": "CA", "programme": "Alliance"}]} if home == "CA" else {}
    report = _screen(ruleset, {"name": "Malek Ashtar University", "country": "IR", "type": "company"}, home=home, **extra)
    flag = _flag(report, rule_id)
    assert (flag.severity, flag.blocking, flag.advisory) == ("critical", blocking, False)


def test_a_possible_un_match_asks_and_never_blocks(ruleset: RuleSet) -> None:
    report = _screen(ruleset, {"name": "Malek Ashtar University"})  # no country: at most possible
    flag = _flag(report, "CG-NO-SANCTIONS-003")
    assert not flag.confirmed and not flag.blocking and not report.blocking
    assert any(q.reason == "confirm_identity" and "Malek Ashtar University" in q.question for q in report.checklist)


def test_persons_are_kept_apart_and_never_indexed(ruleset: RuleSet) -> None:
    persons = ruleset.lists.persons
    assert {p.list_id: sum(1 for q in persons if q.list_id == p.list_id) for p in persons} == {
        "us-bis-entity": 401, "us-state-isn": 98, "un-sc": 730}
    assert all(p.kind == "person" for p in persons)
    assert not any(e.kind == "person" for e in ruleset.lists.entities)
    ids = {p.entity_id for p in persons}
    for person in persons:  # each listed person's own name, as a partner: never that person
        found = ruleset.matcher.match(person.name, person.country or None)
        assert not any(c.entity.entity_id in ids for c in found), person.name


@pytest.mark.parametrize(
    ("name", "country"),
    [("Germain Katanga", "CD"), ("Wang Wei", "CN"), ("Li Fangwei", "CN"), ("Babak Jafarpour", "IR")],
)
def test_a_person_on_a_list_written_as_a_partner_raises_no_list_flag(ruleset: RuleSet, name: str, country: str) -> None:
    report = _screen(ruleset, {"name": name, "country": country})
    assert not any(m.list in ("un-sc", "us-bis-entity", "us-state-isn") for f in report.flags for m in f.evidence.matches)
    assert not any(name in q.question for q in report.checklist if q.reason == "confirm_identity")


@pytest.mark.parametrize(
    ("name", "country", "listed"),
    [
        # a listed institute does not list its academy, nor a listed unit its group
        ("Chinese Academy of Sciences", "CN", None),
        ("Russian Academy of Sciences", "RU", None),
        ("China Academy of Space Technology", "CN", None),  # only its 502 and 513 institutes are listed
        # the listed institute itself, in an address line
        ("P.P. Shirshov Institute of Oceanology, Russian Academy of Sciences, Moscow, Russia", None,
         "us-bis-entity-ru-p-p-shirshov-institute-of-oceanology-of-the-russian-academy-of-sciences"),
        # a subordinate institution the Entity List names after its parent is listed as itself
        ("Hebei Envoltek Electronics", "CN", "us-bis-entity-cn-envoltek"),
        ("China Electronics Technology Group Corporation 13th Research Institute", "CN",
         "us-bis-entity-cn-china-electronics-technology-group-corporation-13th-research-institute-cetc-13"),
    ],
)
def test_the_sub_unit_rule_holds_for_the_entity_list(ruleset: RuleSet, name: str, country: str | None, listed: str | None) -> None:
    found = [c for c in ruleset.matcher.match(name, country, lists=["us-bis-entity"]) if c.decision == "match"]
    assert [c.entity.entity_id for c in found] == ([listed] if listed else [])


def test_the_us_pack_weighs_each_us_list_by_its_meaning(ruleset: RuleSet) -> None:
    extra = {"funding": [{"funder": "National Science Foundation", "country": "US"}]}
    meu = _flag(_screen(ruleset, {"name": "Academy of Aerospace Solid Propulsion Technology", "country": "CN"}, home="US", **extra),
                "CG-US-RS-014")
    assert meu.severity == "high" and meu.evidence.matches[0].list == "us-bis-meu"
    isn = _flag(_screen(ruleset, {"name": "Dalian Sunny Industries", "country": "CN"}, home="US", **extra), "CG-US-RS-014")
    assert isn.severity == "medium"  # the nonproliferation table: many measures expired
    assert "Executive Order 12938" in isn.evidence.matches[0].list_cite


def test_coverage_names_what_is_still_not_checked(ruleset: RuleSet) -> None:
    report = _screen(ruleset, {"name": "Aarhus University", "country": "DK"})
    checked = {c.id for c in report.coverage.lists_checked}
    assert {"us-bis-entity", "us-bis-meu", "us-ofac-cmic", "us-state-isn", "un-sc"} <= checked
    missing = " | ".join(report.coverage.lists_not_checked)
    for words in ("US OFAC SDN", "UK Sanctions List", "EU consolidated list", "Norwegian sanctions regulations",
                  "DFAT Consolidated List", "Japan METI End User List", "Canada Special Economic Measures"):
        assert words in missing
    assert "UN Security Council consolidated list" not in missing


def test_lists_show_gives_edition_age_size_licence_completeness_and_character() -> None:
    result = runner.invoke(app, ["lists", "show"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith("us-bis-entity"))
    assert "3008 entries (+401 persons, never matched)  edition 2026-07-09" in lines[i]
    assert "days old, complete)  [export-control]" in lines[i]
    assert lines[i + 2].strip().startswith("licence: US Government work (public domain)")
    assert any(line.startswith("jp-mofa-ru") and "PARTIAL" in line for line in lines)
    assert any(line.startswith("un-sc") and "[sanctions]" in line for line in lines)


@pytest.mark.parametrize("address", ["Ioffe Institute, RAS, St Petersburg, Russia", "Institute of Physics RAS"])
def test_ras_in_an_address_is_the_academy_never_another_body_s_acronym(ruleset: RuleSet, address: str) -> None:
    # the UN list's "Riyadh-as-Saliheen" gives the initials RAS, and the Entity List writes "…, Russian Academy of
    # Sciences (RAS)" after an institute: neither may turn a Russian address into a sanctions question
    found = ruleset.matcher.match(address, None)
    assert not [c for c in found if c.entity.list_id in ("un-sc", "us-bis-entity")]
