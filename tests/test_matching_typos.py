"""Typos, joined words and misread letters in distinctive words (issue #15 item 3), and short names
that begin a listed name. Real strings from the issue and from public affiliation lines."""

from __future__ import annotations

import pytest

from collabguard.matching.normalize import tokens
from collabguard.ruleset import RuleSet
from tests.conftest import names_only_matcher


def aspi(ruleset: RuleSet, name: str, country: str | None) -> tuple[str, str] | None:
    cand = next((c for c in ruleset.matcher.match(name, country) if c.entity.list_id == "aspi-cdut"), None)
    return (cand.decision, cand.entity.name) if cand else None


@pytest.mark.parametrize(("name", "entity"), [
    ("Northwestern Polytchnical University", "Northwestern Polytechnical University"),  # -ical written -ic in the list
    ("Northwestern Polytechincal University", "Northwestern Polytechnical University"),
    ("China Academy of Egineering Physics", "Chinese Academy of Engineering Physics"),  # generic words only, one misspelt
    ("Beijing University of Poss and Telecommunications", "Beijing University of Posts and Telecommunications"),
    ("Harbin Institude of Technology", "Harbin Institute of Technology"),
    ("Beijing Institue of Technology", "Beijing Institute of Technology"),
])
def test_a_small_edit_in_a_word_pairs_when_the_rest_of_the_name_agrees(ruleset: RuleSet, name: str, entity: str) -> None:
    assert aspi(ruleset, name, "CN") == ("possible", entity)


@pytest.mark.parametrize(("name", "country"), [
    ("Beijing University of Poss and Communications", "CN"),  # a short word pairs only when the rest agrees
    ("Omsk State Technical University", "RU"),  # not Tomsk: one letter, and another city
    ("Henan University", "CN"),  # not Hunan University: two pinyin names
])
def test_a_short_word_one_letter_off_is_another_name_when_anything_else_differs(ruleset: RuleSet, name: str,
                                                                               country: str) -> None:
    assert aspi(ruleset, name, country) is None


@pytest.mark.parametrize(("raw", "words"), [
    ("Nanjing University of Aeronautics andAstronautics", ("nanjing", "university", "aeronautics", "astronautics")),
    ("Civil Aviation University ofTianjin", ("civil", "aviation", "university", "tianjin")),
    ("Institute of Artificial lntelligence", ("institute", "artificial", "intelligence")),  # l read for I
    ("lnstitute of Physics", ("institute", "physics")),
    # capitals, and l before letters that do begin words, are left alone
    ("Lviv Polytechnic", ("lviv", "polytechnic")), ("Lhasa", ("lhasa",)), ("LZJTU", ("lzjtu",)),
    ("Andrew Theodore", ("andrew", "theodore")),
])
def test_joined_words_and_misread_letters_are_normalised(raw: str, words: tuple[str, ...]) -> None:
    assert tokens(raw) == words


def test_a_joined_or_misread_name_is_matched_like_its_right_spelling(ruleset: RuleSet) -> None:
    assert aspi(ruleset, "Nanjing University of Aeronautics andAstronautics", "CN") == (
        "match", "Nanjing University of Aeronautics and Astronautics")
    found = {c.entity.list_id: c for c in ruleset.matcher.match("SDIC lntelligence (Xiamen) Information Co., Ltd.", "CN")}
    assert (found["us-dod-1260h"].decision, found["us-dod-1260h"].entity.name) == (
        "match", "SDIC Intelligence (Xiamen) Information Co., Ltd.")
    # written in lower case, the join is only found through the list's own words: possible
    assert aspi(ruleset, "nanjing university of aeronautics andastronautics", "CN") == (
        "possible", "Nanjing University of Aeronautics and Astronautics")


def test_a_short_name_of_one_institution_is_possible(ruleset: RuleSet) -> None:
    cand = next(c for c in ruleset.matcher.match("Beihang", "CN") if c.entity.list_id == "aspi-cdut")
    assert (cand.decision, cand.entity.name) == ("possible", "Beihang University")
    assert "short name: 'Beihang' begins the listed name 'Beihang University'" in cand.reasons[0]


@pytest.mark.parametrize(("name", "nearest"), [
    ("Harbin", "Harbin Engineering University"),  # a city that begins several listed names
    ("Sichuan", "Sichuan University"),
    ("Northeastern", "Northeastern University"),  # a compass word (Boston and Shenyang)
])
def test_a_short_name_that_begins_listed_names_shows_the_nearest_one(ruleset: RuleSet, name: str, nearest: str) -> None:
    [result] = [r for r in ruleset.matcher.results(name, None) if r.list_id == "aspi-cdut"]
    assert result.best is None
    assert result.rejected is not None and result.rejected.entity.name == nearest
    assert result.rejected.why == f"short name: only the beginning of {nearest!r}"


@pytest.mark.parametrize(("name", "country", "not_entity"), [
    ('FGBO "FCfCVS" of Russia Medical Department (Astrakhan)', "RU", "Astrakhan State University"),  # ROR 05p9e6e48
    ("Astrakhan", "RU", "Astrakhan State University"),  # a state university is named after its city
])
def test_a_city_is_no_short_name(ruleset: RuleSet, name: str, country: str, not_entity: str) -> None:
    assert all(c.entity.name != not_entity for c in ruleset.matcher.match(name, country))


def test_a_five_letter_word_one_letter_off_does_not_stop_the_search() -> None:
    # "Qoods" is in no list; the other words find the Entity List's "Qods Aviation Industry" (its aliases
    # taken away, as in the leave-out protocol), and the gate pairs the short word as every other agrees
    found = [c for c in names_only_matcher("us-bis-entity").match("Qoods Aviation Industries", "IR")
             if c.entity.name == "Qods Aviation Industry"]
    assert found and found[0].decision == "possible"
    assert "typo" in found[0].reasons[0]


def test_a_near_miss_says_why_it_was_rejected() -> None:
    # the translation "emirat" is not the UN's "Emarat" at the likeness asked of a translated word: the
    # near miss says so (it once said "similarity 92 below 60")
    near = {r.list_id: r.rejected for r in names_only_matcher("un-sc").results("Эмират Кавказ", None)}
    assert near["un-sc"] is not None and near["un-sc"].why == "extra word 'emirat'"


@pytest.mark.parametrize(("name", "country", "listed"), [
    # two letters swapped in a plural: one swap once the plural is read ("system"), which the search's
    # first cut now lets through to the gate
    ("Hyper Sysetms Union Limited", "HK", "Hyper Systems Union Limited"),
    ("Winmgan Concept (Pty) Ltd.", "ZA", "Wingman Concept (Pty) Ltd."),
    # a misspelt word that two list words could be ("Intergal": integral, internal), or whose first letters
    # begin another list word ("Aviaetch": Aviaexport), is searched as each
    ("Intergal SPB", "RU", "Integral SPB"),
    ("Aviaetch Supply Ltd.", "RU", "Aviatech Supply Ltd."),
    ("Incoff Aeropsace S.R.O.", "SK", "Incoff Aerospace S.R.O."),
])
def test_a_swap_of_two_letters_is_searched_as_the_list_word(ruleset: RuleSet, name: str, country: str,
                                                            listed: str) -> None:
    found = [c for c in ruleset.matcher.match(name, country) if c.entity.name == listed]
    assert found and found[0].decision == "possible"


@pytest.mark.parametrize(("name", "country", "listed"), [
    # a word no list name holds is searched by the list words it misspells or begins, not by its first five
    # letters: "Electroatvomatika" once found only the 713 names holding an "electro…" word and scored the
    # first few hundred, the listed one not among them (issue #15's near misses "not reached by the word search")
    ("Joint Stock Company Electroatvomatika", "RU", "Joint Stock Company Electroavtomatika"),
    ("Tehnomar", "RU", "Technomar"),
    # a misspelt plural is searched as the singular the list's name is normalised to
    ("YA MAHDI INDUSRTIES GROUP", None, "YA MAHDI INDUSTRIES GROUP"),
])
def test_a_word_no_list_holds_is_searched_by_the_words_it_misspells(name: str, country: str | None, listed: str) -> None:
    list_id = "un-sc" if "MAHDI" in name else "us-bis-entity"
    found = [c for c in names_only_matcher(list_id).match(name, country) if c.entity.name == listed]
    assert found and found[0].decision == "possible" and "typo" in found[0].reasons[0]


def test_a_word_is_searched_by_the_list_words_it_pairs_with_not_by_its_first_letters(ruleset: RuleSet) -> None:
    # 1,627 names hold a word beginning "techn": "Technopole" is searched as itself and the list words it
    # misspells ("Technopolis"), "Technoquasar", which pairs with none, finds no name to score
    index = ruleset.matcher._contexts["organisation"].index
    assert len(index.postings["^techn"]) > 1000
    assert {f.text for f in index.candidates(tokens("Technopole"))} == {
        "Technopole Ltd.", "Technopole Company", "ERA Military Innovation Technopolis",
        "Federal State Autonomous Institution Military Innovative Technopolis Era"}
    assert index.candidates(tokens("Technoquasar")) == []


def test_a_misspelt_descriptive_word_of_a_list_name_is_no_company_name(ruleset: RuleSet) -> None:
    # the Entity List's MEU list writes "Shaanxi Aircaft Industry Co Ltd.": "Aircraft Co., Ltd." pairs with
    # its misspelt "Aircaft", which is no company's own name, so its place and "Industry" are not left out
    assert not [c for c in ruleset.matcher.match("Aircraft Co., Ltd.", "CN") if "Aircaft" in c.entity.name]
    found = [c for c in ruleset.matcher.match("Shaanxi Aircraft Industry Co Ltd", "CN") if "Aircaft" in c.entity.name]
    assert found and found[0].decision == "possible"


def test_many_names_are_narrowed_by_the_words_that_say_what_kind_of_body_it_is(ruleset: RuleSet) -> None:
    # the gate pairs every word that may not stand on one side only: of the names holding "medical", only those
    # holding "school" or a word it pairs with ("academy", "college") can pass for "Medical School"
    index = ruleset.matcher._contexts["organisation"].index
    found = index.candidates(tokens("Medical School"))
    assert 0 < len(found) < len(index.postings["medical"])
    assert all(f.word_set & {"school", "academy", "college"} for f in found)
    assert "Academy of Military Medical Sciences" in {f.text for f in found}


@pytest.mark.parametrize(("name", "listed"), [
    # the UN list abbreviates "shipping" in its DPRK shipping companies' aliases
    ("KOREA ANSAN SHPG COMPANY", "KOREA ANSAN SHIPPING COMPANY"),
    ("Korea Samma SHPG CO", "KOREA SAMMA SHIPPING CO"),
])
def test_the_lists_abbreviation_of_shipping_is_read_out(name: str, listed: str) -> None:
    found = names_only_matcher("un-sc").match(name, "KP")
    assert found and (found[0].entity.name, found[0].decision) == (listed, "match")


@pytest.mark.parametrize(("name", "listed"), [
    # the DPRK's entries are written with and without "Korea" (the UN list's own aliases do both)
    ("Ryonha Machinery Joint Venture Corporation", "KOREA RYONHA MACHINERY JOINT VENTURE CORPORATION"),
    ("DPRK Committee for Space Technology", "KOREAN COMMITTEE FOR SPACE TECHNOLOGY"),
])
def test_a_dprk_name_may_leave_out_korea(name: str, listed: str) -> None:
    found = names_only_matcher("un-sc").match(name, "KP")
    assert found and found[0].entity.name == listed and found[0].decision == "possible"


@pytest.mark.parametrize("name", [
    "Korea Advanced Institute of Science and Technology", "Korea Institute of Science and Technology",
    "Korea Aerospace Research Institute", "Korea Atomic Energy Research Institute", "Korea University",
])
@pytest.mark.parametrize("country", [None, "KR"])
def test_south_korean_institutions_are_not_the_dprks(ruleset: RuleSet, name: str, country: str | None) -> None:
    assert ruleset.matcher.match(name, country) == []


def test_a_misspelt_name_is_the_listed_company_all_its_words_pair_with(ruleset: RuleSet) -> None:
    # the Treasury's CMIC list holds China Shipbuilding Industry Company Limited and its group's Power company:
    # both pair at the same similarity, one leaving out "group" and "power"; the one all of whose words pair is meant
    best = {c.entity.list_id: c for c in ruleset.matcher.match("China Shipbuliding Industry Company Limited", "CN")}
    assert best["us-ofac-cmic"].entity.name == "China Shipbuilding Industry Company Limited"
    assert best["us-ofac-cmic"].decision == "possible"


@pytest.mark.parametrize(("name", "country", "not_entity"), [
    ("SEPA", "CN", "un-sc-ire-064"),  # SEPANIR
    ("SHU", "CN", "us-bis-entity-cn-sugon"),  # Shanghai University's acronym; Sugon's alias is "Shuguang"
    ("SurGU", "RU", "us-bis-entity-ru-surgutneftegas-a-k-a-open-joint-stock-compa"),  # Surgut State University
    ("NIIME", "RU", "jp-mofa-ru-joint-stock-company-scientific-research-institute-of-electronic-engineering-materials"),
    ("LAZ", "RU", "us-bis-entity-ru-lazurnaya-ooo"),  # the Entity List's LAZ is the Lukhovitsk Aviation Plant
])
def test_one_word_that_only_begins_a_listed_word_is_no_abbreviation_of_it(
        ruleset: RuleSet, name: str, country: str, not_entity: str) -> None:
    """An abbreviation is read beside other words that pair ("Harbin Inst Technol"); a word alone that begins a
    listed word is not that word: NIIME (molecular electronics, Zelenograd) is not NIIMET (electronic materials)."""
    found = {c.entity.entity_id for c in ruleset.matcher.match(name, country)}
    assert not any(e.startswith(not_entity) for e in found)


def test_an_abbreviation_beside_words_that_pair_still_reads_the_listed_name(ruleset: RuleSet) -> None:
    found = {(c.entity.name, c.decision) for c in ruleset.matcher.match("Harbin Inst Technol", "CN")}
    assert ("Harbin Institute of Technology", "possible") in found or ("Harbin Institute of Technology", "match") in found
