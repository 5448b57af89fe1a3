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
