"""A Russian body's acronym is made of the initials of its Russian words: the Entity List's "Bryansk Automobile
Plant" is BAZ (Брянский автомобильный завод), "Scientific Research Institute of Applied Acoustics" NIIPA
(matching/russian_initials.py, translations.yaml russian_initials). Before, only the English initials (BAP,
SRIAA) were derived: 159 Russian acronyms of the dev set found nothing, 109 do now (issue #15)."""

from __future__ import annotations

import pytest

from collabguard.matching.russian_initials import russian_acronyms
from collabguard.ruleset import RuleSet
from tests.conftest import names_only_matcher


@pytest.mark.parametrize(("name", "acronym"), [
    ("Joint Stock Company Bryansk Automobile Plant", "BAZ"),
    ("Joint Stock Company Vologda Optical and Mechanical Plant", "VOMZ"),
    ("Scientific Research Institute of Applied Acoustics", "NIIPA"),
    ("Joint Stock Company Central Design Bureau of Apparatus Engineering", "TSKBA"),
    ("Joint Stock Company Ural Works of Civil Aviation", "UZGA"),  # "of …": the Russian genitive, in the same order
    ("Public Joint Stock Company Ulan-Ude Aviation Plant", "UUAZ"),
    # Х written KH or H, Ц TS or C, as the lists write both
    ("Open Joint Stock Company Khabarovsk Radio Engineering Plant", "KHRTZ"),
    ("Federal State Unitary Enterprise Central Scientific Research Institute of Chemistry and Mechanics", "CNIIHM"),
    # without the person it is named after, the parent before a comma, the acronym in brackets
    ("Joint Stock Company Arzamas Instrument-Making Plant named after P.I. Plandin", "APZ"),
    ("Tactical Missile Corporation, Azov Optical and Mechanical Plant", "AOMZ"),
    ("OAO All-Russia Research Institute of Radio Equipment (JSC VNIIRA)", "VNIIRA"),
])
def test_a_russian_bodys_acronym_is_its_russian_words_initials(name: str, acronym: str) -> None:
    assert acronym in russian_acronyms(name)


@pytest.mark.parametrize(("name", "acronym"), [
    # the phrases the normaliser reads away are read away before the name is cut at "of": ИБХ РАН
    ("Federal State Budgetary Institution of Science Institute of Bioorganic Chemistry named after Academicians M.M. "
     "Shemyakin and Yu.A. Ovchinnikov, Russian Academy of Sciences", "IBKHRAS"),
])
def test_a_state_form_with_of_is_no_part_of_the_acronym(name: str, acronym: str) -> None:
    assert acronym in russian_acronyms(name)


@pytest.mark.parametrize(("name", "acronym"), [
    # the kind of body right after the place: Минский завод колёсных тягачей, Таганрогский НИИ связи
    ("Minsk Wheeled Tractor Plant", "MZKT"),
    ("Concern Radio-Electronic Technologies, Joint Stock Company Taganrog Communications Scientific Research Institute",
     "TNIIS"),
    ("Moscow Communications Research Institute JSC", "MNIIS"),
    # the words after "of" before it: Московский физико-технический институт
    ("Moscow Institute of Physics and Technology", "MFTI"),
    # ... and the English order still: Брянский автомобильный завод, Уральский завод гражданской авиации
    ("Joint Stock Company Bryansk Automobile Plant", "BAZ"),
    ("Joint Stock Company Ural Works of Civil Aviation", "UZGA"),
])
def test_a_russian_acronym_is_read_in_the_word_orders_of_russian_names(name: str, acronym: str) -> None:
    assert acronym in russian_acronyms(name)


@pytest.mark.parametrize(("name", "not_read"), [
    # a name beginning with a word the table reads has no place first to keep there
    ("Scientific Research Institute of Applied Acoustics", "PANII"),
    # nor one beginning with a person's name or a word the table does not hold
    ("Keldysh Research Center", "KNIIC"),
    # the parent before a comma is read in the English order only
    ("Concern Radio-Electronic Technologies, Joint Stock Company Taganrog Communications Scientific Research Institute",
     "CNIIRETTS"),
    # three letters in a Russian order say too little: the Moscow Aviation Institute is МАИ, and "MIA" no acronym of it
    ("Moscow Aviation Institute", "MIA"),
    ("Kazan Aviation Institute", "KIA"),
])
def test_the_russian_word_orders_apply_to_a_name_after_its_place(name: str, not_read: str) -> None:
    assert not_read not in russian_acronyms(name)


@pytest.mark.parametrize(("acronym", "country", "list_id", "entity_id"), [
    ("MZKT", "BY", "us-bis-entity", "us-bis-entity-by-minsk-wheeled-tractor-plant"),
    ("MFTI", "RU", "us-dod-1286", "dod1286-moscow-institute-of-physics-and-technology"),
])
def test_an_acronym_in_the_russian_word_order_finds_its_entry_as_possible(acronym: str, country: str, list_id: str,
                                                                         entity_id: str) -> None:
    [found] = names_only_matcher(list_id, ()).match(acronym, country)
    assert (found.entity.entity_id, found.decision) == (entity_id, "possible")


@pytest.mark.parametrize("name", [
    "Joint Stock Company Dux",  # no word the table reads: the English initials say the same
    # a Russian name in Latin letters is no English name (its words' initials are not these)
    "AO Nauchno Issledovatelskii I Proektno-Tekhnologicheskii Institut Elektrougolnykh Izdelii",
    # a numbered institute's acronym keeps its number (48 ЦНИИ): TSNII alone is every central research institute's
    "48th Central Scientific Research Institute",
])
def test_no_russian_acronym_without_a_word_the_table_reads(name: str) -> None:
    assert russian_acronyms(name) == ()


@pytest.mark.parametrize(("acronym", "entity_id"), [
    ("BAZ", "us-bis-entity-ru-joint-stock-company-bryansk-automobile-plant"),
    ("VOMZ", "us-bis-entity-ru-joint-stock-company-vologda-optical-and-mechanical-plant"),
    ("UZGA", "us-bis-entity-ru-joint-stock-company-ural-works-of-civil-aviation"),
])
def test_a_russian_acronym_finds_its_entry_as_possible(acronym: str, entity_id: str) -> None:
    # a matcher over the list's main names only: the acronym is not the list's, it is derived
    [found] = names_only_matcher("us-bis-entity", ()).match(acronym, "RU")
    assert (found.entity.entity_id, found.decision) == (entity_id, "possible")
    assert found.reasons[0].startswith(f"derived acronym {acronym!r} (the initials of the Russian words of ")
    assert "an acronym alone never confirms an identity" in found.reasons[0]


def test_a_russian_acronym_several_plants_share_names_them_all() -> None:
    # MMZ: the Mytishchi, Mari and Miass machine-building plants (машиностроительный завод)
    [found] = names_only_matcher("us-bis-entity", ()).match("MMZ", "RU")
    names = {found.entity.name, *(e.name for e in found.also)}
    assert {"Open Joint Stock Company Mariyskiy Machine-Building Plant", "Miass Machine-Building Factory",
            "Joint Stock Company Mytishchi Machine Building Plant"} <= names


def test_no_word_is_skipped_in_a_russian_acronym() -> None:
    # the English initials may skip a word (CETC for CETGC); a Russian acronym's letters are not one per word
    # (NII is three): NIII is not NIIEI, the Electrical Carbon Products institute, with a letter left out
    assert names_only_matcher("jp-mofa-ru", ()).match("NIII", "RU") == []


def test_a_russian_acronym_ror_gives_another_body_is_set_aside(ruleset: RuleSet) -> None:
    # PMZ: the Perm Machine Building Plant's Russian initials, and in ROR the Pereslavl Museum-Reserve's acronym
    [result] = [r for r in ruleset.matcher.results("PMZ", "RU") if r.list_id == "us-bis-entity"]
    assert result.best is None or result.best.decision == "none"
    assert result.rejected is not None and "Pereslavl Museum-Reserve" in result.rejected.why


def test_only_russian_and_belarusian_bodies_get_russian_acronyms(ruleset: RuleSet) -> None:
    # "Zhengzhou Automobile Plant" read as Russian would be ZAZ; a Chinese body's acronym is not Russian
    from collabguard.matching.index import entity_forms

    kinds = {(e.country, f.reading) for e in ruleset.lists.entities for f in entity_forms(e)
             if f.kind == "derived acronym" and f.reading == "russian"}
    assert {country for country, _ in kinds} <= {"RU", "BY"}
    assert ("RU", "russian") in kinds
