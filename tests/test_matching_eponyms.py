"""A Russian body's name is found without the person it is named after, on the list's side and on the
name's ("Central Institute of Aviation Motor Development" for the listed "P. I. Baranov Central Institute
of Aviation Motor Development"; "B.N. Yeltsin Ural Federal University" for "Ural Federal University"),
at most ``possible``; legal forms written out in Latin letters name nothing ("Aktsionernoe Obshchestvo",
"FSUE"); a company named by its own words alone names every listed company it fits as well (issue #15)."""

from __future__ import annotations

import pytest

from collabguard.matching.eponyms import without_eponym
from collabguard.reference.report_text import reason as report_reason
from collabguard.ruleset import RuleSet

# (name as written, the name without its eponym or None, the eponym)
EPONYMS = [
    ("P. I. Baranov Central Institute of Aviation Motor Development", "Central Institute of Aviation Motor Development",
     "P. I. Baranov"),
    ("M.V. Lomonosov Moscow State University", "Moscow State University", "M.V. Lomonosov"),
    ("Kazan National Research Technical University named after A.N. Tupolev-KAI",
     "Kazan National Research Technical University", "A.N. Tupolev-KAI"),
    ("JSC State Rocket Center Named After Akademika V.P. Makeyeva", "JSC State Rocket Center", "V.P. Makeyeva"),
    ("Institute of Semiconductor Physics IM A.V. Rzhanov", "Institute of Semiconductor Physics", "A.V. Rzhanov"),
    # "N.A." for "named after" (им.) before the person's initials; "N.A." as a person's initials
    ("Federal Autonomous Institution Central Institute of Engine-Building N.A. P.I. Baranov",
     "Federal Autonomous Institution Central Institute of Engine-Building", "P.I. Baranov"),
    ("N.A. Dollezhal Order of Lenin Research and Design Institute of Power Engineering",
     "Order of Lenin Research and Design Institute of Power Engineering", "N.A. Dollezhal"),
    # what is left says only what kind of body it is, or is generic: no name
    ("Joint Stock Company Research and Production Association Named After S.A. Lavochkina", None, ""),
    ("S.I. Vavilov Institute of Physics", None, ""),
    # the Academy and the country's own word name no one institute ("Institute of Physics RAS" is not FIAN)
    ("Institute of Physics Named After P.N. Lebedev of the Russian Academy of Sciences", None, ""),
    ("Joint Stock Company Plant Named After A.A. Kulakov", None, ""),
    # no person: "Co." is no initial, a surname alone is not told from a word of the name
    ("Sky Aviator Co. Ltd.", None, ""),
    ("Tikhomirov Scientific Research Institute of Instrument Design", None, ""),
]


@pytest.mark.parametrize(("written", "plain", "eponym"), EPONYMS)
def test_a_name_is_read_without_the_person_it_is_named_after(written: str, plain: str | None, eponym: str) -> None:
    found = without_eponym(written)
    assert (found.text if found else None) == plain
    if found:
        assert found.eponym == eponym


# (name, country, the entry it finds, what the reason says)
FOUND = [
    # the listed name carries the eponym, the name does not
    ("Central Institute of Aviation Motor Development", "RU", "dod1286-p-i-baranov-central-institute-of-aviation-motor-development",
     "without the person it is named after, 'P. I. Baranov'"),
    ("Order of Lenin Research and Design Institute of Power Engineering", "RU",
     "jp-mofa-ru-n-a-dollezhal-order-of-lenin-research-and-design-institute-of-power-engineering", "'N.A. Dollezhal'"),
    # the name carries it, the listed name does not
    ("B.N. Yeltsin Ural Federal University", "RU", None, "read without the person it is named after, 'B.N. Yeltsin'"),
]


@pytest.mark.parametrize(("name", "country", "entity_id", "words"), FOUND)
def test_a_name_without_its_eponym_finds_the_listed_body_as_possible(ruleset: RuleSet, name: str, country: str,
                                                                     entity_id: str | None, words: str) -> None:
    found = [c for c in ruleset.matcher.match(name, country) if entity_id is None or c.entity.entity_id == entity_id]
    assert found, f"{name!r} finds nothing"
    assert found[0].decision == "possible"  # the eponym tells bodies of one kind apart: asked, never matched
    assert any(words in r for r in found[0].reasons), found[0].reasons


@pytest.mark.parametrize(("name", "country"), [
    ("Research and Production Association", "RU"),  # what is left of "… Named After S.A. Lavochkina"
    ("S.I. Vavilov Institute of Physics", "RU"),  # "Institute of Physics": generic
    ("M.V. Lomonosov Moscow State University", "CN"),  # a Chinese name is not read so
])
def test_what_is_left_without_an_eponym_must_name_a_body(ruleset: RuleSet, name: str, country: str) -> None:
    assert not [c for c in ruleset.matcher.match(name, country) if "named after" in " ".join(c.reasons)]


@pytest.mark.parametrize(("name", "entity_id"), [
    ("FSUE Scientific Center Signal", "us-bis-entity-ru-federal-state-unitary-enterprise-scientific-center-signal"),
    ("Aktsionernoe Obshchestvo 75 Arsenal", "us-bis-entity-ru-joint-stock-company-75-arsenal"),
    ("Joint Public Stock Company Nevskoe Design Bureau", "us-bis-entity-ru-joint-stock-company-nevskoe-design-bureau"),
])
def test_russian_legal_forms_in_latin_letters_name_nothing(ruleset: RuleSet, name: str, entity_id: str) -> None:
    assert any(e.entity_id == entity_id for e in ruleset.lists.entities), "a listed entry"
    found = [c for c in ruleset.matcher.match(name, "RU") if c.entity.entity_id == entity_id]
    assert found and found[0].decision == "match", [(c.entity.name, c.decision) for c in ruleset.matcher.match(name, "RU")]


def test_a_company_named_by_its_own_words_names_every_listed_company_it_fits(ruleset: RuleSet) -> None:
    # the Entity List holds Naura's microelectronics equipment companies in eight cities
    best = next(c for c in ruleset.matcher.match("Naura Microelectronics Equipment", "CN")
                if c.entity.list_id == "us-bis-entity")
    named = {e.name for e in (best.entity, *best.also)}
    assert {"Beijing Naura Microelectronics Equipment Co., Ltd.", "Wuxi Naura Microelectronics Equipment Co., Ltd.",
            "Shanghai Naura Microelectronics Equipment Co., Ltd."} <= named
    assert best.decision == "possible"
    assert any("as well (also listed): confirm which, if any, is meant" in r for r in best.reasons)
    assert "Naura Technology Group Co., Ltd." not in named  # "group" is no word of the name


@pytest.mark.parametrize("reason", [
    "same name as the listed name 'P. I. Baranov Central Institute of Aviation Motor Development' without the person it "
    "is named after, 'P. I. Baranov': confirm it is the body meant",
    "read without the person it is named after, 'B.N. Yeltsin': confirm it is the body meant",
])
def test_the_eponym_reasons_read_in_bokmal(reason: str) -> None:
    nb = report_reason(reason, "nb")
    assert not any(w in nb for w in ("without", "named after", "confirm", "the listed", "same name")), nb


def test_a_part_read_for_one_country_is_read_anew_for_another(ruleset: RuleSet) -> None:
    # the matcher keeps each part of a name it has read (parts recur across names); whether a name is
    # read without its eponym depends on the country, so a part read for China is read anew for Russia
    name = "S.A. Chaplygin Ural Federal University"
    assert not any("named after" in " ".join(c.reasons) for c in ruleset.matcher.match(name, "CN"))
    for_russia = ruleset.matcher.match(name, "RU")
    assert any("read without the person it is named after, 'S.A. Chaplygin'" in " ".join(c.reasons) for c in for_russia)
    assert not any("named after" in " ".join(c.reasons) for c in ruleset.matcher.match(name, "CN"))


def test_several_companies_named_read_in_bokmal() -> None:
    nb = report_reason("fits 'Wuxi Naura Microelectronics Equipment Co., Ltd.', 'Wuhan Naura Microelectronics Equipment "
                       "Co., Ltd.', 'Shenzhen Naura Microelectronics Equipment Co., Ltd.' and 3 more as well (also listed): "
                       "confirm which, if any, is meant", "nb")
    assert "og 3 til" in nb and not any(w in nb for w in (" and ", "more", "confirm")), nb
