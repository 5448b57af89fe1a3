"""Russian names written in Latin letters ("AO Nauchno-Proizvodstvennoe Predpriyatie Topaz"): read through the
Russian table as a translation, where the name as written finds nothing; a hyphenated Russian word read as its
parts ("научно-производственное" is scientific production); a word the lists keep in Latin letters
("Kombinat") kept beside its translation. The names are the Entity List's and the Japanese MOFA list's
other names for these bodies, asked of a matcher over the list's English names only."""

from __future__ import annotations

import pytest

from collabguard.matching.normalize import tokens
from collabguard.matching.translate import translate, translate_russian_latin
from collabguard.ruleset import RuleSet
from tests.conftest import names_only_matcher


@pytest.mark.parametrize(("name", "list_id", "entity_id"), [
    ("AO Nauchno-Proizvodstvennoe Predpriyatie Topaz", "jp-mofa-ru",
     "jp-mofa-ru-joint-stock-company-scientific-production-enterprise-topaz"),
    ("ZAO Spetsialnoe Konstruktorskoe Byuro", "us-bis-entity",
     "us-bis-entity-ru-closed-joint-stock-company-special-design-bureau"),
    ("PAO Amurskiy Sudostroitelnyy Zavod", "us-bis-entity", "us-bis-entity-ru-amur-shipbuilding-factory-pjsc"),
    # the kind of body as a Russian acronym: NPP, a scientific (research) and production enterprise ("AO NPP
    # Sapfir", a company's name, is found with its kind words left out: test_matching_companies)
    ("NPP Kant", "jp-mofa-ru", "jp-mofa-ru-scientific-production-enterprise-kant"),
    # a plant ("Zavod"), its place written as the Russian adjective of it (Bryanski: Bryansk; Kazanski: Kazan)
    ("AO Bryanski Avtomobilny Zavod", "us-bis-entity", "us-bis-entity-ru-joint-stock-company-bryansk-automobile-plant"),
    ("AO Kazanski Optiko-Mekhanicheski Zavod", "us-bis-entity",
     "us-bis-entity-ru-joint-stock-company-kazan-optical-mechanical-plant"),
    ("OAO Tutaevski Motorny Zavod", "us-bis-entity", "us-bis-entity-ru-public-joint-stock-company-tutaev-motor-plant"),
])
def test_a_russian_name_in_latin_letters_is_read_as_a_translation(name: str, list_id: str, entity_id: str) -> None:
    matcher = names_only_matcher(list_id, (entity_id,))
    [found] = matcher.match(name, "RU")
    assert (found.entity.entity_id, found.decision) == (entity_id, "possible")
    assert found.reasons[0].startswith("translated from another script"), found.reasons


@pytest.mark.parametrize(("name", "read"), [
    ("AO Nauchno-Proizvodstvennoe Predpriyatie Topaz", ("scientific", "production|proizvodstvennoe",
                                                        "enterprise|predpriyatie", "topaz")),
    ("Tsentr Sudoremonta Dalzavod", ("center", "ship", "repair", "dalzavod")),
    ("48th TsNII Sergiev Posad", ("48", "central", "scientific", "research", "institute", "sergiev", "posad")),
    ("OOO NPK Optolink", ("scientific|research", "production", "corporation|company|complex", "optolink")),
    # "Zavod" makes a name Russian; a place as its adjective is read as the place
    ("AO Novosibirski Aviaremontny Zavod", ("novosibirsk|novosibirski", "aircraft", "repair", "plant|zavod")),
    ("AO Ulyanovski Patrionny Zavod", ("ulyanovsk|ulyanov", "cartridge|patrionny", "plant|zavod")),
    # words Norwegian, Polish or German names hold too make no name Russian
    ("Universitetet i Oslo", ()), ("Polska Akademia Nauk", ()), ("Akademie der Wissenschaften", ()),
    ("Harbin Engineering University", ()),
])
def test_which_latin_names_read_as_russian(name: str, read: tuple[str, ...]) -> None:
    assert translate_russian_latin(tokens(name)) == read


def test_a_name_the_lists_keep_in_latin_letters_is_still_found_as_written(ruleset: RuleSet) -> None:
    # "Mashinostroyeniya" would read as "machine building"; the name as written finds the entry first
    found = {c.entity.list_id: c for c in ruleset.matcher.match("NPO Mashinostroyeniya", "RU")}
    assert found["us-state-isn"].decision == "match"


@pytest.mark.parametrize(("name", "read"), [
    # a hyphenated word as its parts where the table reads them (was "scientific" alone)
    ("Научно-производственное объединение «Алмаз»", ("scientific", "production|proizvodstvennoe",
                                                     "association|obedinenie", "almaz")),
    # a key that holds the hyphen is read whole; a place's name stays whole
    ("Научно-исследовательский институт", ("scientific", "research", "institute")),
    ("Ростов-на-Дону", ("rostov-na-donu",)),
    # a word the lists keep in Latin letters ("Kombinat Elektrokhimpribor") is read as itself too
    ("Комбинат «Электрохимприбор»", ("combine|plant|kombinat", "elektrokhimpribor")),
    # a Russian acronym of a kind of body stays one in Cyrillic: the lists keep it ("NII Submikron")
    ("НИИ «Субмикрон»", ("nii", "submikron")),
])
def test_russian_words_in_cyrillic(name: str, read: tuple[str, ...]) -> None:
    assert translate(name) == read


@pytest.mark.parametrize(("adjective", "place", "same"), [
    ("kazanski", "kazan", True), ("uralskiy", "ural", True), ("arzamassky", "arzamas", True),
    ("bryanski", "bryansk", True), ("novosibirskoe", "novosibirsk", True),  # a place ending in -sk: the ending alone
    ("mytishchinski", "mytishchi", True), ("balashikhinskiy", "balashikha", True),  # -nsk-, -insk- after a vowel
    ("kazanskaya", "kazan", True), ("kazanskogo", "kazan", True),
    ("kazanova", "kazan", False),  # no adjective's ending
    ("skiy", "ski", False), ("obskiy", "ob", False),  # too short to tell a place from
    ("kazan", "kazanski", False),  # the place is not the adjective of its adjective
])
def test_a_place_written_as_its_russian_adjective(adjective: str, place: str, same: bool) -> None:
    from collabguard.matching.compare import place_adjective

    assert place_adjective(adjective, place) is same


def test_an_english_name_with_the_place_as_its_russian_adjective_is_asked_about() -> None:
    # the Entity List's alias of Alagir Resistor Factory, asked of its main names only
    entity_id = "us-bis-entity-ru-alagir-resistor-factory"
    [found] = names_only_matcher("us-bis-entity").match("Alagirsky Resistor Factory", "RU")
    assert (found.entity.entity_id, found.decision) == (entity_id, "possible")
    assert "place adjective" in found.reasons[0], found.reasons
