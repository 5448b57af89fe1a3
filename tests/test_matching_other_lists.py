"""An institution is found on every list that has it, whichever list's name for it a partner writes
(issue #15: 'Wuhan Radar Institute', the NRO list's former name of the Air Force Early Warning Academy,
found nothing on the 1286 list, which lists the academy too). Another
list's name is ``possible`` and says where it comes from, but for that list's own local-script name of
the institution; a unit that a list gives as its parent's alias is never a match on the parent."""

from __future__ import annotations

import pytest

from collabguard.matching.candidates import Candidate
from collabguard.matching.other_lists import same_institution
from collabguard.reference.report_text import reason as report_reason
from collabguard.ruleset import RuleSet


def on_list(ruleset: RuleSet, name: str, country: str, list_id: str) -> Candidate | None:
    return next((c for c in ruleset.matcher.match(name, country, lists=[list_id])), None)


@pytest.mark.parametrize(("name", "country", "list_id", "listed", "source"), [
    ("Wuhan Radar Institute", "CN", "us-dod-1286", "Air Force Early Warning Academy", "ca-nro"),  # a former name
    ("Unit 63820", "CN", "us-bis-entity", "China Aerodynamics Research and Development Center (CARDC)", "ca-nro"),
    # the same ROR record: the Entity List writes "Chinese Academy …", the NRO list "China Academy …"
    ("China Academy of Engineering Physics", "CN", "us-bis-entity", "Chinese Academy of Engineering Physics", "ca-nro"),
])
def test_a_name_another_list_gives_the_institution_is_possible_and_says_whose(
        ruleset: RuleSet, name: str, country: str, list_id: str, listed: str, source: str) -> None:
    cand = on_list(ruleset, name, country, list_id)
    assert cand is not None and (cand.decision, cand.entity.name) == ("possible", listed)
    assert cand.features["borrowed_from"] == source and f"{source}" in cand.reasons[0]
    assert "confirm" in cand.reasons[0] and "confirm" not in report_reason(cand.reasons[0], "nb")


def test_another_lists_own_local_name_of_the_institution_is_a_match(ruleset: RuleSet) -> None:
    # ASPI gives NUDT's Chinese name; the Entity List's NUDT is the same ROR record
    cand = on_list(ruleset, "国防科技大学", "CN", "us-bis-entity")
    assert cand is not None and cand.decision == "match"
    assert cand.entity.name == "National University of Defense Technology (NUDT)"
    assert cand.reasons[0].startswith("same name as the listed local") and "(from aspi-cdut)" in cand.reasons[0]


def test_a_unit_another_list_gives_as_its_parents_name_is_not_a_match_on_the_parent(ruleset: RuleSet) -> None:
    # ASPI gives CAEP's Beijing Computational Science Research Center (北京计算科学研究中心) among CAEP's names;
    # the 1286 list has the centre as an entry of its own, which is what the name finds
    cand = on_list(ruleset, "北京计算科学研究中心", "CN", "us-dod-1286")
    assert cand is not None and cand.entity.name == "Beijing Computational Science Research Center"
    caep = [c for c in ruleset.matcher.results("北京计算科学研究中心", "CN")
            if c.best is not None and c.best.entity.name == "China Academy of Engineering Physics"]
    assert all(c.best is not None and c.best.decision != "match" for c in caep)


def test_entries_of_two_lists_are_one_institution_by_name_and_country_or_by_their_ror_record(ruleset: RuleSet) -> None:
    groups = {frozenset(e.entity_id for e in g) for g in same_institution(ruleset.lists)}
    ids = {e.entity_id: e for g in same_institution(ruleset.lists) for e in g}
    for group in groups:
        entries = [ids[i] for i in group]
        assert len({e.list_id for e in entries}) > 1
    # the same name and country: Beihang on ASPI and on the NRO list
    assert any({"aspi-beihang-university", "ca-nro-beihang-university"} <= g for g in groups)
    # no programme, and no two entries of different countries by name alone
    assert all(ids[i].kind != "programme" for g in groups for i in g)


def test_an_alias_ror_registers_as_another_university_is_not_lent_to_other_lists(ruleset: RuleSet) -> None:
    # the 1286 list gives Xi'an Technological University the alias "Xi'an University of Technology", the name ROR
    # registers for another university: that list asks, saying whose the name is; the lists it was lent to asked
    # without saying so (sixteenth session's first review)
    name = "Xian Univ Technol, Sch Automat & Informat Engn, Xian 710048, Shaanxi, Peoples R China"
    dod = on_list(ruleset, name, "CN", "us-dod-1286")
    assert dod is not None and dod.decision == "possible" and "ROR registers that name as another organisation" in dod.reasons[0]
    assert on_list(ruleset, name, "CN", "aspi-cdut") is None and on_list(ruleset, name, "CN", "ca-nro") is None
