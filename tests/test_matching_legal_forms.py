"""A company is the same company with or without the legal form of its country (issue #15): "Kaspersky
Lab" is the Entity List's "AO Kaspersky Lab" (Russia), "Delta Engineering Concern" its "Delta Engineering
Concern FZE" (a free-zone establishment of the United Arab Emirates), "Transworld Aviation FZE" its
"Transworld Aviation". Before, "Kaspersky Lab" found only the United Kingdom's "Kaspersky Labs Limited",
and "Delta Engineering Concern" found nothing. What must not follow: a listed name that holds the legal
form as written is found as itself (the list has "SANCO Middle East, FZC" and "SANCO Middle East, LLC"
apart), a legal form of another country is no legal form, and one short word left says too little."""

from __future__ import annotations

import pytest

from collabguard.matching.index import derived_acronyms
from collabguard.matching.legal_form_reading import without_legal_form
from collabguard.matching.matcher import Matcher
from collabguard.matching.normalize import normalize
from collabguard.ruleset import RuleSet
from tests.conftest import names_only_matcher


@pytest.fixture(scope="module")
def entity_list() -> Matcher:
    """The Entity List by its main names only: the aliases it gives (often the same name with or without a
    legal form) taken away, as the benchmarks' leave-out protocol does."""
    return names_only_matcher("us-bis-entity")


@pytest.mark.parametrize(("name", "country", "reading", "dropped"), [
    ("AO Kaspersky Lab", "RU", "Kaspersky Lab", "AO"),
    ("Delta Engineering Concern FZE", "AE", "Delta Engineering Concern", "FZE"),
    ("SANCO Middle East, FZC", "AE", "SANCO Middle East", "FZC"),
    ("Future Trends International, FZE LLC", "AE", "Future Trends International, LLC", "FZE"),  # LLC: every name drops it
    ("TDT Havacilik Bakim Ve Ticaret Anonim Şirketi", "TR", "TDT Havacilik Bakim Ve Ticaret", "Anonim Şirketi"),
    ("Skylinks FZC", "AE", "Skylinks", "FZC"),
    ("Huawei Sweden AB", "SE", "Huawei Sweden", "AB"),
])
def test_a_company_name_is_read_without_its_countrys_legal_form(name: str, country: str, reading: str,
                                                                 dropped: str) -> None:
    found = without_legal_form(name, country)
    assert found is not None and (found.text, found.dropped) == (reading, dropped)


@pytest.mark.parametrize(("name", "country"), [
    ("AO Kaspersky Lab", "CN"),  # "ao" is a legal form of Russia only (a pinyin syllable elsewhere)
    ("Photon Pro LLP", "GB"),  # LLP is dropped from every name already: nothing to read
    ("Research Institute FZE", "AE"),  # what is left says only what kind of body it is
    ("TEM FZC", "AE"),  # one word of three letters
    ("Kaspersky Lab", "RU"),  # no legal form
])
def test_no_reading_where_nothing_is_dropped_or_too_little_is_left(name: str, country: str) -> None:
    assert without_legal_form(name, country) is None


# (name as written, its country, the listed name it is, the decision, a word of the reason)
FOUND = [
    # before, the United Kingdom's "Kaspersky Labs Limited" was all "Kaspersky Lab" (Russia) found
    ("Kaspersky Lab", "RU", "AO Kaspersky Lab", "match", "without its legal form 'AO'"),
    ("Joint Stock Company Kaspersky Lab", "RU", "AO Kaspersky Lab", "match", "without its legal form 'AO'"),
    ("Delta Engineering Concern", "AE", "Delta Engineering Concern FZE", "match", "without its legal form 'FZE'"),
    ("Transworld Aviation FZE", "AE", "Transworld Aviation", "match", "with 'fze' (a legal form of AE)"),
    ("TDT Havacilik Bakim Ve Ticaret Anonim Şirketi", "TR", "TDT Havacilik Bakim Ve Ticaret", "match",
     "(a legal form of TR)"),
    ("Photon Pro", "GB", "Photon Pro LLP", "match", "same name"),
    # an acronym alone, where the list writes it with its legal form (ПАО, as the Entity List renders it): an acronym
    # never confirms an identity; the whole name is a match
    ("KAMAZ", "RU", "KAMAZ Publicly Traded Company", "possible", "; a word in capitals alone, an acronym or a name, never"),
    ("KAMAZ Publicly Traded Company", "RU", "KAMAZ Publicly Traded Company", "match", "same name"),
    ("JSC Integral", "BY", "JSC Integral", "match", "same name"),
    # India's "Private Limited" written without "Private" (Companies Act, 2013); Sweden's aktiebolag
    ("Agrim Aviation Ltd", "IN", "Agrim Aviation Private Limited", "match", "without its legal form 'Private'"),
    ("Huawei Sweden AB", "SE", "Huawei Sweden", "match", "with 'ab' (a legal form of SE)"),
    # one word: asked, with the country to back it
    ("Skylinks", "AE", "Skylinks FZC", "possible", "a company named by one word: confirm"),
    # Belarus's unitary enterprises, as the Entity List writes its entries' aliases (Civil Code of Belarus)
    ("Production Republican Unitary Enterprise Minsk Wheeled Tractor Plant", "BY", "Minsk Wheeled Tractor Plant",
     "match", "same name"),
    ("Republican Unitary Enterprise Minsk Wheeled Tractor Plant", "BY", "Minsk Wheeled Tractor Plant", "match",
     "same name"),
    ("Industrial-Commercial Private Unitary Enterprise Minotor-Service", "BY", "Minotor-Service", "match", "same name"),
    ("Belspetsyneshtechnika", "BY", "Belspetsyneshtechnika SFTUE", "possible", "a company named by one word: confirm"),
    # the legal forms of Estonia, Bulgaria, South Africa and Kyrgyzstan, as the Entity List writes its entries
    ("Yaxart", "EE", "Yaxart OU", "possible", "a company named by one word: confirm"),
    ("Multi Technology Integration Group", "BG", "Multi Technology Integration Group EOOD (MTIG)", "match",
     "without its legal form 'EOOD'"),
    ("Wingman Concept", "ZA", "Wingman Concept (Pty) Ltd.", "match", "without its legal form 'Pty'"),
    ("Pearl Coral 1173", "ZA", "Pearl Coral 1173 CC", "match", "without its legal form 'CC'"),
    # Russia's state unitary enterprise in English ("State Unitary Enterprise of the Republic of Crimea …")
    ("State Unitary Enterprise Crimean Ports", "UA", "Crimean Ports", "match", "same name"),
]


@pytest.mark.parametrize(("name", "country", "listed", "decision", "why"), FOUND, ids=[f[0] for f in FOUND])
def test_a_company_is_found_with_or_without_its_legal_form(entity_list: Matcher, name: str, country: str, listed: str,
                                                           decision: str, why: str) -> None:
    found = entity_list.match(name, country)
    assert found and found[0].entity.name == listed
    assert found[0].decision == decision
    assert why in found[0].reasons[0]


def test_a_listed_name_with_its_legal_form_is_found_as_itself(ruleset: RuleSet) -> None:
    # "SANCO Middle East, FZC" and "SANCO Middle East, LLC" are two entries: the one named as written is the match
    found = [c for c in ruleset.matcher.match("SANCO Middle East FZC", "AE") if c.entity.list_id == "us-bis-entity"]
    assert [c.entity.name for c in found] == ["SANCO Middle East, FZC"]
    assert found[0].decision == "match"


@pytest.mark.parametrize(("name", "list_id", "alias"), [
    # the 1286 list's "FGUP VNIIFTRI", the Entity List's "Aktsionernoe Obshchestvo VAD": an acronym alone never
    # confirms an identity (each was a match)
    ("VNIIFTRI", "us-dod-1286", "FGUP VNIIFTRI"),
    ("VAD", "us-bis-entity", "Aktsionernoe Obshchestvo VAD"),
])
def test_one_word_alone_for_a_listed_name_of_that_word_and_a_legal_form_is_asked(ruleset: RuleSet, name: str,
                                                                                 list_id: str, alias: str) -> None:
    [found] = [c for c in ruleset.matcher.match(name, "RU") if c.entity.list_id == list_id]
    assert found.decision == "possible"
    assert found.reasons[0].startswith(f"same name as the listed alias {alias!r} without ")
    assert "; a word in capitals alone, an acronym or a name, never confirms an identity" in found.reasons[0]


def test_a_one_word_company_without_its_country_is_not_asked(entity_list: Matcher) -> None:
    assert not entity_list.match("Skylinks", None)


def test_a_company_named_with_its_registration_place_is_found(entity_list: Matcher) -> None:
    # "Shenzhen" names more Huawei companies than "Huawei Technologies" does: the search keeps the companies
    # that name no place, which may have it added in front
    found = entity_list.match("Shenzhen Huawei Technologies", "CN")
    assert found and found[0].entity.name == "Huawei Technologies Co., Ltd."
    assert "'shenzhen' added" in found[0].reasons[0]


@pytest.mark.parametrize(("name", "country", "acronym"), [
    ("European Technical Trading BV", "BE", "ETT"),  # a legal form of the country at the end gives no letter
    ("Delta Engineering Concern FZE", "AE", "DEC"),
    ("Myanmar Economic Holdings Limited", "MM", "MEHL"),  # a final "Limited" gives an L, or nothing
    ("Myanmar Economic Holdings Limited", "MM", "MEH"),
])
def test_acronyms_of_company_names(name: str, country: str, acronym: str) -> None:
    assert acronym in derived_acronyms(name, country=country)


@pytest.mark.parametrize(("name", "country", "not_acronym"), [
    ("China Aerospace Science and Industry Corporation Limited", "CN", "CASICL"),  # a long name's ends before it
    ("AO INEUM IM. I.S. Bruk", "RU", "IIB"),  # a legal form in front is not read away (what is left is no name)
    ("European Technical Trading BV", "NL", "ETTB"),
])
def test_acronyms_companies_do_not_have(name: str, country: str, not_acronym: str) -> None:
    assert not_acronym not in derived_acronyms(name, country=country)


def test_a_legal_form_added_to_a_name_read_less_surely_stays_asked(ruleset: RuleSet) -> None:
    # "MPO—Gidropribor" is the name in quotation marks of the listed 'Tactical Missile Corporation, Concern
    # "MPO—Gidropribor"': asked, and "AO" added to it makes it no surer
    for name in ("MPO—Gidropribor", "MPO Gidropribor AO"):
        found = [c for c in ruleset.matcher.match(name, "RU") if c.entity.list_id == "us-dod-1286"]
        assert found and found[0].decision == "possible", name


@pytest.mark.parametrize(("name", "listed", "decision"), [
    ("Pegasus General Trading FZE", "Pegasus General Trading FZC", "possible"),  # another legal form: maybe another company
    ("AO Institut Stroiproekt", "Institut Stroiproekt, AO", "match"),  # the same legal form, elsewhere in the name
])
def test_a_name_with_a_legal_form_is_matched_only_with_the_same_one(entity_list: Matcher, name: str, listed: str,
                                                                     decision: str) -> None:
    country = "AE" if "FZ" in name else "RU"
    found = entity_list.match(name, country)
    assert found and (found[0].entity.name, found[0].decision) == (listed, decision)


@pytest.mark.parametrize(("written", "read"), [
    # the Entity List's own aliases, each with a slip in a legal phrase's long word
    ("Federal State Budgetary Instiuttion National Research Center", "national research center"),  # two swapped
    ("Limited Liabliity Company K.ARMA", "karma"),
    ("Otkrytoe Atsionernoe Obshchestvo Radioavionika", "radioavionika"),  # a letter left out
    ("Obshchestvo S Ogranichennoi Otvetstvnenostyu Kovyktneftegaz", "kovyktneftegaz"),
    ("Joint Stock Compnay Altai", "altai"),
])
def test_a_legal_phrase_with_a_slip_in_a_long_word_is_still_a_legal_form(written: str, read: str) -> None:
    assert normalize(written) == read


@pytest.mark.parametrize(("written", "read"), [
    ("Joint Stack Company Altai", "joint stack altai"),  # "stock" has five letters: too short to read through a slip
    ("Limited Liability Companies Association", "liability companies association"),  # three letters off: a word
    ("Federal State Budgetary Institution of Sciences", "science"),  # the phrase as written comes first
    ("Federal Stale Budgetary Institution", "federal stale budgetary institution"),  # "state" is short, as "stock"
])
def test_only_one_slip_in_a_long_word_after_the_first(written: str, read: str) -> None:
    assert normalize(written) == read


def test_a_listed_company_is_found_through_a_slip_in_its_legal_form(entity_list: Matcher) -> None:
    # before, the slip left "liabliity" as a word of the name, and "Limited Liabliity Company K.ARMA" found nothing
    found = entity_list.match("Limited Liabliity Company K.ARMA", "RU")
    assert found and found[0].entity.name == "Limited Liability Company K.ARMA"
    assert found[0].decision == "match"
