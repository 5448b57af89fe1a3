"""Every name a listed institution goes by (issue #15, the remaining misses): a legal form of the
entry's country, a number written "38th" or "No. 38", a numbered institute of a listed group, an
acronym beside a Russian name, talent programmes as people write them. Each is at most ``possible``;
each has its counterpart that must find nothing. Real strings: the issue's examples and public text
(benchmarks/data/real_variants.csv gives where each was found)."""

from __future__ import annotations

import pytest

from collabguard.matching.compare import compare, misspelt_legal_form
from collabguard.matching.index import TWIN_RATIO
from collabguard.matching.matcher import Candidate
from collabguard.matching.normalize import tokens
from collabguard.reference.report_text import reason as report_reason
from collabguard.ruleset import RuleSet

CETC_38 = "China Electronics Technology Group Corporation 38th Research Institute (CETC 38)"


def on_list(ruleset: RuleSet, name: str, country: str | None, list_id: str, kind: str = "organisation") -> Candidate | None:
    return next((c for c in ruleset.matcher.match(name, country, kind=kind) if c.entity.list_id == list_id), None)


@pytest.mark.parametrize(("word", "misspelt"), [
    ("limtied", True), ("comapny", True), ("liabliity", True), ("incorproated", True),
    ("limited", False), ("company", False),  # spelt right: the normaliser drops them
    ("complex", False), ("compass", False), ("liberty", False), ("enterprises", False), ("companies", False),
])
def test_a_misspelt_legal_form_is_told_from_other_words(word: str, misspelt: bool) -> None:
    assert misspelt_legal_form(word) is misspelt


@pytest.mark.parametrize(("raw", "words"), [
    # legal forms that name no company, in Latin letters: Russian (ООО, ОАО, ФГУП), Indian, Singaporean, Malaysian
    ("OOO Eliars", ("eliars",)),
    ("OAO Uranis-Radiosistemy", ("uranis", "radiosistemy")),
    ("FGUP NIIEMP", ("niiemp",)),
    ("AR Sales Pvt. Ltd.", ("ar", "sales")),
    ("TechCamel Pte. Ltd.", ("techcamel",)),
    ("Sunrise Sdn. Bhd.", ("sunrise",)),
    # "AO", "ZAO", "PAO" are pinyin syllables too: kept here, left out only beside a Russian entry's name
    ("AO Aviaagregat", ("ao", "aviaagregat")),
])
def test_a_legal_form_in_latin_letters_is_no_word_of_the_name(raw: str, words: tuple[str, ...]) -> None:
    assert tokens(raw) == words


@pytest.mark.parametrize(("raw", "words"), [
    ("CETC 38th Research Institute", ("cetc", "38", "research", "institute")),
    ("No. 38 Research Institute of CETC", ("38", "research", "institute", "cetc")),
    ("China Electronics Technology Group Corporation 32nd Research Institute",
     ("china", "electronic", "technology", "group", "corporation", "32", "research", "institute")),
    ("Changjiang Scholars Program", ("changjiang", "scholar", "programme")),
])
def test_a_number_and_a_plural_are_one_word_however_written(raw: str, words: tuple[str, ...]) -> None:
    assert tokens(raw) == words


@pytest.mark.parametrize(("name", "country", "list_id", "listed", "why"), [
    # a legal form of Russia in Latin letters ("AO", joint-stock company) beside a company's one-word name
    # (with two words or more, a legal form of the entry's country is a match: test_matching_legal_forms.py)
    ("Aviaagregat", "RU", "us-bis-entity", "AO Aviaagregat", "without its legal form 'AO'; a company named by one word"),
    # one Russian word the lists render two ways: научно-производственное, завод, научно-исследовательский
    ("Joint Stock Company Research and Production Enterprise Kontakt", "RU", "jp-mofa-ru",
     "Joint Stock Company Scientific Production Enterprise Kontakt", "words pair up (exact, synonym)"),
    ("Joint Stock Company Scientific Production Association Volna Factory", "RU", "jp-mofa-ru",
     "Joint Stock Company Scientific Production Association Volna Plant", "words pair up (exact, synonym)"),
    ("Research Institute of Hypersonic Systems", "RU", "jp-mofa-ru", "Scientific Research Institute of Hypersonic Systems",
     "'scientific' on one side only (names of RU are translated with or without it)"),
    # a Russian body named by its own name in quotation marks, without what kind of body it is
    ("Radiosviaz", "RU", "jp-mofa-ru", "Scientific Production Enterprise “Radiosviaz”",
     "same name as the name in quotation marks of the listed name"),
    # a legal form or a plural misspelt ("Limtied", "Technoolgies"), which the normaliser drops or makes singular
    # only when spelt right
    ("CNOOC Limtied", "HK", "us-ofac-cmic", "CNOOC Limited", "'limtied' read as a misspelt legal form"),
    ("Yangtze Memory Technoolgies Co., Ltd.", "CN", "us-bis-entity", "Yangtze Memory Technologies Co., Ltd.",
     "words pair up (exact, typo)"),
    # the Entity List's 38th institute of CETC, as people write it
    ("CETC 38th Research Institute", "CN", "us-bis-entity", CETC_38, "same words in a different order"),
    ("No. 38 Research Institute of CETC", "CN", "us-bis-entity", CETC_38, "same words in a different order"),
    ("the 38th Institute of CETC", "CN", "us-bis-entity", CETC_38,
     "'the 38th Institute of CETC' is numbered as the listed"),
    # an acronym beside a Russian name, in the name people write or in the list's
    ("JSC Concern VKO Almaz-Antey", "RU", "us-bis-entity", "Joint-Stock Company Concern Almaz-Antey",
     "the acronym 'vko' on one side only"),
    ("Kazan National Research Technical University named after A.N. Tupolev", "RU", "us-dod-1286",
     "Kazan National Research Technical University named after A.N. Tupolev-KAI", "the acronym 'kai' on one side only"),
])
def test_another_way_of_writing_a_listed_name_is_possible_and_says_why(
        ruleset: RuleSet, name: str, country: str, list_id: str, listed: str, why: str) -> None:
    cand = on_list(ruleset, name, country, list_id)
    assert cand is not None
    assert (cand.decision, cand.entity.name) == ("possible", listed)
    assert why in cand.reasons[0]


@pytest.mark.parametrize(("name", "country", "kind", "matched"), [
    ("JSC Concern VKO Almaz-Antey", "RU", "organisation", "words left out"),  # every other word as written
    ("Young Thousand Talents Plan", None, "programme", "words left out"),
    ("Northwestern Polytchnical University", "CN", "organisation", "close spelling"),  # a typo stays a close spelling
])
def test_words_left_out_are_not_called_a_close_spelling(ruleset: RuleSet, name: str, country: str | None, kind: str,
                                                         matched: str) -> None:
    (cand, *_) = ruleset.matcher.match(name, country, kind=kind)
    assert cand.features["matched"] == matched and cand.reasons[0].startswith(matched + ": ")


def test_a_listed_numbered_institute_is_found_as_itself_not_as_a_unit(ruleset: RuleSet) -> None:
    # the Entity List holds the 38th institute: the name is that entry, not a unit of CETC
    cand = on_list(ruleset, "the 38th Institute of CETC", "CN", "us-bis-entity")
    assert cand is not None and cand.features["matched"] == "numbered institute of the group named"
    assert not cand.reasons[0].startswith("part of listed organisation")


@pytest.mark.parametrize("reason", [
    "'38 institute' is numbered as the listed 'CETC 38', an institute of the same group the name names, but not "
    "written as the list writes it: confirm that it is this institute",
    "words pair up (exact); 'ab' (a legal form of SE) on one side only",
    "words left out: the acronym 'vko' on one side only, similarity 95, with 'Joint-Stock Company Concern Almaz-Antey'",
    "words pair up (exact); 'young' names a sub-programme of the listed programme",
])
def test_the_new_reasons_read_in_bokmal(reason: str) -> None:
    nb = report_reason(reason, "nb")
    assert not any(w in nb for w in ("numbered", "one side only", "sub-programme", "left out")), nb


def test_the_38th_institute_stays_a_unit_of_cetc_on_the_lists_that_list_only_the_group(ruleset: RuleSet) -> None:
    # the 1260H list holds CETC and its 14th, 15th and 32nd institutes, not the 38th
    cand = on_list(ruleset, "CETC 38th Research Institute", "CN", "us-dod-1260h")
    assert cand is not None and cand.decision == "possible"
    assert cand.entity.name == "China Electronics Technology Group Corporation"
    assert cand.reasons[0].startswith("part of listed organisation")


@pytest.mark.parametrize(("name", "list_id", "listed", "why"), [
    # the group's acronym and the number, as its institutes are called (中国电科54所): the listed institute of
    # that number, and a unit of the group on the lists that list only the group
    ("CETC 54", "us-bis-entity", "54th Research Institute of China", "'CETC 54' is numbered as the listed"),
    ("CETC-54", "us-bis-entity", "54th Research Institute of China", "'CETC-54' is numbered as the listed"),
    ("CETC 54", "us-dod-1260h", "China Electronics Technology Group Corporation",
     "part of listed organisation 'China Electronics Technology Group Corporation': '54' names a unit of 'CETC'"),
    ("CSSC 704", "us-bis-entity", "China State Shipbuilding Corporation, Limited (CSSC) 704th Research Institute",
     "'CSSC 704' is numbered as the listed"),
    ("CSSC 704", "us-ofac-cmic", "China State Shipbuilding Corporation", "part of listed organisation"),
])
def test_a_groups_acronym_and_a_number_name_its_institute(ruleset: RuleSet, name: str, list_id: str, listed: str,
                                                          why: str) -> None:
    cand = on_list(ruleset, name, "CN", list_id)
    assert cand is not None and (cand.decision, cand.entity.name) == ("possible", listed)
    assert cand.reasons[0].startswith(why)


def test_a_number_beside_a_groups_acronym_names_an_institute_only_alone_and_short(ruleset: RuleSet) -> None:
    # a postcode after the acronym names no institute, nor a unit
    assert not [c for c in ruleset.matcher.match("CETC 100081", "CN") if c.features.get("stage") == "part-of"]
    # more words than the acronym and the number: a unit of CETC ("Lab 3"), not its 54th institute
    found = ruleset.matcher.match("CETC 54 Lab 3", "CN")
    assert not [c for c in found if c.features.get("matched") == "numbered institute of the group named"]
    assert any(c.reasons[0].startswith("part of listed organisation") for c in found)


@pytest.mark.parametrize(("name", "country", "list_id", "not_listed"), [
    ("Ericsson AB", "SE", "us-bis-entity", "Huawei Sweden"),  # a legal form names no company
    # a legal form of another country than the entry's is a word of the name
    ("Harbin Engineering University AB", "CN", "aspi-cdut", "Harbin Engineering University"),
    # the same number with another group's name
    ("the 38th Institute of CASIC", "CN", "us-bis-entity", CETC_38),
    ("The 38th Research Institute of China Aerospace Science and Industry Corporation", "CN", "us-bis-entity", CETC_38),
    # a legal form beside one word only when the word is the company's name: long, not generic
    ("SET AO", "RU", "us-bis-entity", "AO SET-1"),
    ("Aviaagregat AO", "CN", "us-bis-entity", "AO Aviaagregat"),  # "ao" is a legal form of Russia only
    # "scientific" is left out of Russian names only: the other words must still all pair
    ("Scientific Research Institute of Hypersonic Systems Design", "RU", "jp-mofa-ru",
     "Scientific Research Institute of Hypersonic Systems"),
    # a quoted name of one short word says too little ("Argon"), nor is a quoted name another's
    ("Argon", "RU", "jp-mofa-ru", "Scientific-Research Institute “Argon”"),
    ("Radiosviaz Trading", "RU", "jp-mofa-ru", "Scientific Production Enterprise “Radiosviaz”"),
    # an acronym of a Russian name is a word of a Chinese one ("Kai" is pinyin)
    ("Harbin Engineering University KAI", "CN", "aspi-cdut", "Harbin Engineering University"),
])
def test_the_same_rules_find_nothing_for_another_body(
        ruleset: RuleSet, name: str, country: str, list_id: str, not_listed: str) -> None:
    assert all(c.entity.name != not_listed for c in ruleset.matcher.match(name, country) if c.entity.list_id == list_id)


@pytest.mark.parametrize(("country", "passes"), [("RU", True), ("CN", False), ("", False)])
def test_scientific_is_left_out_of_russian_names_only(country: str, passes: bool) -> None:
    got = compare(tokens("Research Institute of Applied Chemistry"), tokens("Scientific Research Institute of Applied Chemistry"),
                  lenient=False, twin_ratio=TWIN_RATIO, country=country)
    assert got.passed is passes
    assert not passes or got.left_out == ("scientific",)


def test_a_number_with_generic_words_alone_is_never_a_match(ruleset: RuleSet) -> None:
    # the Entity List gives CETC's 38th institute the alias "No 38 Research Institute"; many groups number
    # their institutes, so the bare number fits many
    cand = on_list(ruleset, "38th Research Institute", "CN", "us-bis-entity")
    assert cand is not None and cand.decision == "possible"
    assert "generic name 'No 38 Research Institute'" in cand.reasons[0]


@pytest.mark.parametrize(("name", "listed", "why"), [
    ("Changjiang Scholars Program", "Changjiang Scholar Distinguished Professorship",
     "'programme', 'distinguished', 'professorship' on one side only (saying what kind of programme or position it is)"),
    ("Young Thousand Talents", "Thousand Talents Plan", "'young' names a sub-programme of the listed programme"),
    ("Youth Thousand Talents Program", "Thousand Talents Plan", "'youth' names a sub-programme of the listed programme"),
    ("Youth Thousand Talents Plan", "Thousand Talents Plan", "'youth' names a sub-programme of the listed programme"),
])
def test_a_talent_programme_as_people_write_it_is_possible(ruleset: RuleSet, name: str, listed: str, why: str) -> None:
    cand = on_list(ruleset, name, None, "us-dod-1286", kind="programme")
    assert cand is not None
    assert (cand.decision, cand.entity.name) == ("possible", listed)
    assert why in cand.reasons[0]


@pytest.mark.parametrize("name", [
    "Ten Thousand Talent Program",  # another programme (public text: "Leading Scientist of Ten Thousand Talent Program")
    "Changjiang Scholar and Innovative Research Team",  # another scheme (public text: "... in University (IRT1132)")
    "Pearl River Scholar",  # the 1286 list holds the Pearl River Talent Program
    "Youth Innovation Promotion Association",
])
def test_another_programme_is_not_a_listed_one(ruleset: RuleSet, name: str) -> None:
    assert ruleset.matcher.match(name, None, kind="programme") == []


def test_the_listed_programme_written_whole_is_still_a_match(ruleset: RuleSet) -> None:
    cand = on_list(ruleset, "Thousand Talents Program", None, "us-dod-1286", kind="programme")
    assert cand is not None and (cand.decision, cand.entity.name) == ("match", "Thousand Talents Plan")
