"""A listed body named with its group's name in front, or without it (matching/group_names.py), and a
company named with a listed company's whole name and words of its own (matching/parts.py, kind
``named``): each asked about (``possible``), never matched, and never for a name that only says what
kind of company or unit it is. The names are the lists' own aliases, asked of a matcher whose entries
under test have lost their aliases, acronyms and local names (the benchmarks' leave-out protocol); every
other entry keeps its names, so the groups (AVIC, Tactical Missile Corporation) are known."""

from __future__ import annotations

from functools import lru_cache

import pytest

from collabguard.lists import load_lists
from collabguard.lists.model import ListSet
from collabguard.matching.candidates import Candidate
from collabguard.matching.group_names import names_alone
from collabguard.matching.matcher import Matcher
from collabguard.matching.parts import NAMED, lexicon
from tests.conftest import RULES

WITHOUT_ALIASES = (
    "dod1260h-avic-xian-aircraft-industry-group-company-ltd",
    "us-ofac-cmic-cn-avic-shenyang-aircraft-company-limited",
    "us-bis-entity-fr-dart-aviation", "us-bis-entity-gb-dart-aviation", "us-bis-entity-ir-dart-aviation",
    "us-bis-entity-sn-dart-aviation",
    "us-bis-entity-lu-volga-group", "us-bis-entity-ru-volga-group",
    "us-bis-entity-ir-sazgan-ertebat-co-ltd",
    "us-state-isn-ir-eyvaz-technic",
)


@lru_cache(maxsize=1)
def matcher() -> Matcher:
    lists = load_lists(RULES / "lists")
    assert set(WITHOUT_ALIASES) <= {e.entity_id for e in lists.entities}
    entities = tuple(e.model_copy(update={"aliases": (), "acronyms": (), "name_local": "", "registry": None})
                     if e.entity_id in WITHOUT_ALIASES else e for e in lists.entities)
    return Matcher(ListSet(lists=lists.lists, entities=entities))


def found(name: str, country: str | None) -> dict[str, Candidate]:
    return {c.entity.list_id: c for c in matcher().match(name, country)}


@pytest.mark.parametrize(("name", "country", "list_id", "listed"), [
    # the lists' aliases of these entries, which the matcher here does not hold
    ("Xi’an Aircraft Industry Group Co., Ltd.", "CN", "us-dod-1260h", "AVIC Xi’an Aircraft Industry Group Company Ltd."),
    ("SHENYANG AIRCRAFT CO. LTD.", "CN", "us-ofac-cmic", "AVIC Shenyang Aircraft Company Limited"),
    # no list writes it so: the Entity List's "Tactical Missile Corporation, Smolensk Aviation Plant"
    ("Smolensk Aviation Plant", "RU", "us-bis-entity", "Tactical Missile Corporation, Smolensk Aviation Plant"),
])
def test_a_listed_name_without_its_groups_name_in_front_is_asked_about(
        name: str, country: str, list_id: str, listed: str) -> None:
    cand = found(name, country)[list_id]
    assert (cand.decision, cand.entity.name) == ("possible", listed)
    assert "without the name in front of it" in cand.reasons[0] and "(its group)" in cand.reasons[0], cand.reasons


def test_a_listed_name_with_its_groups_acronym_in_front_is_asked_about() -> None:
    # the Military End-User List writes "Shenyang Aircraft Corporation" only; AVIC is the 1260H list's acronym
    cand = found("AVIC Shenyang Aircraft Corporation", "CN")["us-bis-meu"]
    assert (cand.decision, cand.entity.name) == ("possible", "Shenyang Aircraft Corporation")
    assert "with 'AVIC' in front, which names the listed 'Aviation Industry Corporation of China'" in cand.reasons[0]


@pytest.mark.parametrize(("name", "country", "list_id"), [
    ("Hong Kong", "CN", "us-bis-entity"),  # SMIC's "Semiconductor Manufacturing International Corp. Hong Kong": a place
    ("Chip Technology Co., Ltd.", "CN", "us-bis-entity"),  # CETC's: what kind of company, not which
    ("Flight Test Center", "CN", "us-bis-entity"),  # AVIC's: what kind of unit, not which
    ("Smolensk Aviation Plant", "CN", "us-bis-entity"),  # the country says it is another plant
])
def test_what_is_left_of_a_groups_name_must_say_which_body_it_is(name: str, country: str, list_id: str) -> None:
    cand = found(name, country).get(list_id)
    assert cand is None or "its group" not in " ".join(cand.reasons), cand.reasons


def test_what_names_a_body_alone() -> None:
    assert names_alone(("shenyang", "aircraft"), "CN", "Shenyang Aircraft")  # a place and a company's kind
    assert names_alone(("leihua", "electronic", "technology", "research", "institute"), "CN",
                       "Leihua Electronic Technology Research Institute")  # its own name in pinyin, first
    assert names_alone(("ural", "design", "bureau", "detal"), "RU", "Ural Design Bureau “Detal”")  # quoted
    assert not names_alone(("hong", "kong"), "CN", "Hong Kong")
    assert not names_alone(("institute", "basic", "medicine"), "CN", "Institute of Basic Medicine")  # me-di-ci-ne
    assert not names_alone(("flight", "test", "center"), "CN", "Flight Test Center")


@pytest.mark.parametrize(("name", "country", "listed", "added"), [
    # the Entity List's aliases of Dart Aviation, Volga Group and Sazgan Ertebat Co. Ltd., and the ISN
    # table's of Eyvaz Technic
    ("Dart Aviation Technics", "FR", "Dart Aviation", "technics"),
    ("Volga Group Investments", "LU", "Volga Group", "investments"),
    ("Sazgan Ertebat Poya Co. Ltd.", "IR", "Sazgan Ertebat Co. Ltd.", "poya"),
    ("Eyvaz Technic Industrial Co. Ltd.", "IR", "Eyvaz Technic", "industrial"),
])
def test_a_company_named_with_a_listed_companys_whole_name_and_words_of_its_own_is_asked_about(
        name: str, country: str, listed: str, added: str) -> None:
    cand = next(c for c in found(name, country).values() if c.entity.name == listed)
    assert cand.decision == "possible" and cand.features["unit"] == added
    assert cand.features["matched"] == NAMED
    assert cand.reasons[0].startswith(f"a company named with the listed company's whole name, {listed!r}, and {added!r} added")


@pytest.mark.parametrize(("name", "country", "not_listed"), [
    ("Volga Group Real Estate Partners", "LU", "Volga Group"),  # three words of its own
    ("Volga Group of Companies", "RU", "Volga Group"),  # the name runs on: "of …"
    ("Hong Kong Electronics Kish Co.", "IR", "HONG KONG ELECTRONICS"),  # a place and a kind: no company's own name
    ("Sichuan University Hospital Management Company", "CN", "Sichuan University"),  # an institution is read by its units
])
def test_a_company_name_that_goes_on_or_says_too_little_is_not_asked_about(name: str, country: str, not_listed: str) -> None:
    assert all(c.entity.name != not_listed or "whole name" not in c.reasons[0] for c in found(name, country).values())


def test_the_words_that_make_a_group_come_from_the_versioned_parts_file() -> None:
    assert {"corporation", "group", "concern"} <= lexicon().groups
