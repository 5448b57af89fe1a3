"""Listed institutions in the forms Web of Science writes addresses in: abbreviations that begin a word ("Comp",
"Ind", "Aerosp"), two that do not ("Expt", "Shipbldg"), initials of the words a list writes out ("NRC" for National
Research Center) and a person's initials without full stops ("PN Lebedev", "MV Lomonosov"). Each gave nothing before
the sixteenth session (its second review ran them); each is asked about now, on the right entry."""

from __future__ import annotations

import pytest

from collabguard.reference.report_text import reason
from collabguard.ruleset import RuleSet


@pytest.mark.parametrize(("name", "list_id", "entity"), [
    ("Chinese Acad Sci, Inst Comp Technol, Beijing 100190, Peoples R China", "us-bis-entity",
     "Chinese Academy of Sciences Institute of Computing Technology"),
    ("China Aerosp Sci & Ind Corp, Beijing, Peoples R China", "aspi-cdut",
     "China Aerospace Science and Industry Corporation"),
    ("Inspur Elect Informat Ind Co Ltd, Jinan, Peoples R China", "us-bis-entity",
     "Inspur Electronic Information Industry Co., Ltd."),
    ("Inst Theoret & Expt Phys, Moscow 117218, Russia", "us-bis-entity", "Institute of Theoretical and Experimental Physics"),
    ("China Shipbldg Ind Corp, 715th Res Inst, Hangzhou, Peoples R China", "aspi-cdut",
     "China Shipbuilding Industry Corporation"),
    ("NRC Kurchatov Inst, Moscow 123182, Russia", "us-bis-entity", "National Research Center Kurchatov Institute"),
    ("PN Lebedev Phys Inst, Moscow, Russia", "us-dod-1286",
     "P.N. Lebedev Physical Institute of the Russian Academy of Sciences"),
    ("Moscow MV Lomonosov State Univ, Fac Phys, Moscow 119991, Russia", "us-dod-1286", "Moscow State University"),
])
def test_a_web_of_science_address_finds_the_listed_body(ruleset: RuleSet, name: str, list_id: str, entity: str) -> None:
    found = {c.entity.list_id: c for c in ruleset.matcher.match(name, None)}
    assert found[list_id].entity.name == entity
    assert found[list_id].decision == "possible"


def test_initials_say_how_they_were_read(ruleset: RuleSet) -> None:
    found = {c.entity.list_id: c for c in ruleset.matcher.match("PN Lebedev Phys Inst", "RU")}["us-dod-1286"]
    assert "'PN' read as the initials of the person it is named after" in found.reasons[0]
    assert "'PN' lest som initialene til personen den er oppkalt etter" in reason(found.reasons[0], "nb")
    found = {c.entity.list_id: c for c in ruleset.matcher.match("NRC Kurchatov Inst", "RU")}["us-bis-entity"]
    assert "(exact, initials); 'NRC' read as 'national research center'" in found.reasons[0]
    assert "(eksakt, initialer); 'NRC' lest som 'national research center'" in reason(found.reasons[0], "nb")


@pytest.mark.parametrize(("name", "entity"), [
    # letters with a vowel may be a word, or another body's acronym: "IAE" Shenyang is the CAS Institute of Applied
    # Ecology, not the Shenyang Institute of Aeronautical Engineering (second review)
    ("IAE, Shenyang", "Shenyang Aerospace University"),
    ("EU Harbin", "Harbin Engineering University"),
    ("IT, Changsha", "National University of Defense Technology"),
])
def test_letters_with_a_vowel_are_no_initials(ruleset: RuleSet, name: str, entity: str) -> None:
    assert entity not in {c.entity.name for c in ruleset.matcher.match(name, None)}


@pytest.mark.parametrize("name", [
    # two letters before a name that no list writes with those initials are no eponym's
    "AB Lebedev Phys Inst",
    # initials that are not those of the words left out
    "NIC Kurchatov Inst",
])
def test_other_letters_are_not_read_as_initials(ruleset: RuleSet, name: str) -> None:
    found = {c.entity.list_id: c for c in ruleset.matcher.match(name, "RU")}
    assert "us-dod-1286" not in found or "initials" not in found["us-dod-1286"].reasons[0]
    assert "us-bis-entity" not in found or found["us-bis-entity"].entity.name != "National Research Center Kurchatov Institute"


def test_the_listed_name_with_its_persons_initials_written_together_is_the_listed_name(ruleset: RuleSet) -> None:
    # the 1286 list's alias "M.V. Lomonosov Moscow State University", as Web of Science writes it: the same name
    found = {c.entity.list_id: c for c in ruleset.matcher.match("MV Lomonosov Moscow State Univ, Moscow, Russia", None)}
    assert found["us-dod-1286"].decision == "match" and found["us-dod-1286"].entity.name == "Moscow State University"
    assert "'MV' read as the initials of the person it is named after" in found["us-dod-1286"].reasons[0]
    # other letters are no initials of the listed person
    assert not ruleset.matcher.match("AV Lomonosov Moscow State University", "RU")
