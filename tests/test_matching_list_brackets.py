"""A listed name written with its acronym in brackets is found without it, and a Russian name by its own
name in quotation marks (issue #15: "North China
Industries Corp." gave nothing against the State Department's "North China Industries Corp.
(NORINCO)", "Federal State Unitary Enterprise Dukhov Automatics Research Institute" nothing against
Japan's "… (VNIIA)"); a bracketed place never is ("China Unicom (BVI) Co., Ltd." is a subsidiary), but a
company's name without the place it is registered in is asked about ("DGT Technology")."""

from __future__ import annotations

import pytest

from collabguard.matching.list_brackets import (
    aligns,
    bracketed_acronyms,
    explained_acronyms,
    without_bracketed_acronyms,
    without_bracketed_place,
)
from collabguard.matching.quoted_names import quoted_name
from collabguard.reference.report_text import reason as report_reason
from collabguard.ruleset import RuleSet
from tests.conftest import names_only_matcher

# (listed name as the list writes it, the name read without its brackets, the reading, what the reason names)
READ_WITHOUT = [
    ("North China Industries Corp. (NORINCO)", "North China Industries Corp.", "acronym", "NORINCO"),
    ("Korea Mining Development Corp. (KOMID)", "Korea Mining Development Corp.", "acronym", "KOMID"),
    ("BUTEMBO AIRLINES (BAL)", "BUTEMBO AIRLINES", "acronym", "BAL"),
    # two letters that are a country's code (KH, Cambodia) and the initials of the words before them, one each:
    # the acronym (the ISN table's entry; "Hua Ke Supply Chain (HK) Limited" below keeps its place)
    ("Khata’ib Hezbollah (KH)", "Khata’ib Hezbollah", "acronym", "KH"),
    ("Hafei Aviation Industry Co., Ltd. (HAFEI)", "Hafei Aviation Industry Co., Ltd.", "repeat", "HAFEI"),
    ("Markel Closed Joint Stock Company (Markel CJSC)", "Markel Closed Joint Stock Company", "repeat", "Markel CJSC"),
    ("AVIC Chengdu Aircraft Industrial (GROUP) Co., Ltd.", "AVIC Chengdu Aircraft Industrial Co., Ltd.", "optional", "GROUP"),
    ("A.A. Kharkevich Institute for Information Transmission Problems (IITP), Russian Academy of Sciences (RAS)",
     "A.A. Kharkevich Institute for Information Transmission Problems, Russian Academy of Sciences", "repeat", "RAS"),
    ("Federal State Unitary Enterprise Dukhov Automatics Research Institute (VNIIA)",
     "Federal State Unitary Enterprise Dukhov Automatics Research Institute", "capitals", "VNIIA"),
    ("Presidency of Defense Industries (SSB)", "Presidency of Defense Industries", "capitals", "SSB"),
    # the reason names only the brackets that decide: MSAS reads as the initials, FZC does not
    ("Managed Systems and Services (MSAS)(FZC)", "Managed Systems and Services", "capitals", "FZC"),
]

# listed names whose brackets stay: a place, a country, words that are not the name's
KEEP_BRACKETS = [
    "China Unicom (BVI) Co., Ltd.",
    "Hua Ke Supply Chain (HK) Limited",
    "China Communications Construction (USA) Co., Ltd.",
    "China University of Geosciences (Wuhan)",
    "LIMMT (Dalian) Metallurgy and Minerals Co.",
    "LEADER (HONG KONG) INTERNATIONAL",
    "SMF (Strategic Missile Force) Command College",
    "Beijing Aeronautical Manufacturing Technology Research Institute (a.k.a. AVIC Institute 625)",
]


@pytest.mark.parametrize(("listed", "bare", "reading", "dropped"), READ_WITHOUT, ids=[c[0][:40] for c in READ_WITHOUT])
def test_a_bracketed_acronym_is_read_away(listed: str, bare: str, reading: str, dropped: str) -> None:
    got = without_bracketed_acronyms(listed)
    assert got is not None
    assert (got.text, got.reading, got.dropped) == (bare, reading, dropped)


@pytest.mark.parametrize("listed", KEEP_BRACKETS)
def test_a_bracketed_place_or_phrase_stays(listed: str) -> None:
    assert without_bracketed_acronyms(listed) is None


@pytest.mark.parametrize(("listed", "acronyms"), [
    ("MODERN INDUSTRIES TECHNIQUE COMPANY (MITEC)", ("MITEC",)),
    ("Asa’ib Ahl al-Haq (AAH)", ("AAH",)),
    ("COMPAGNIE AERIENNE DES GRANDS LACS (CAGL) ; GREAT LAKES BUSINESS COMPANY (GLBC)", ("CAGL", "GLBC")),
    # the parent's acronym further on, and a bracket repeating the parent's name, are not the entry's
    ("Chinese Academy of Sciences (CAS) – Institute of Computing Technology (ICT)", ("ICT",)),
    ("A.A. Kharkevich Institute for Information Transmission Problems (IITP), Russian Academy of Sciences (RAS)", ()),
    ("20th Research Institute of China Electronic Technology Group Corp (CETC)", ()),  # the words after "of"
    # but letters that may begin at the name's first word, or at a word after another, are the entry's own
    ("Academy of Aerospace Solid Propulsion Technology (AASPT)", ("AASPT",)),
    ("Ministry of Defense Directorate of Defense Industries (DDI)", ("DDI",)),
    # capitals that do not read as the initials, a place, an optional word: no acronym of the entry
    ("Federal State Unitary Enterprise Dukhov Automatics Research Institute (VNIIA)", ()),
    ("China Unicom (BVI) Co., Ltd.", ()),
    ("AVIC Chengdu Aircraft Industrial (GROUP) Co., Ltd.", ()),
])
def test_the_acronym_a_listed_name_gives_in_brackets_is_an_acronym_of_the_entry(listed: str,
                                                                                acronyms: tuple[str, ...]) -> None:
    assert bracketed_acronyms(listed) == acronyms


def test_an_acronym_the_listed_name_gives_in_brackets_finds_the_entry_as_possible() -> None:
    # the leave-out protocol: the UN entry's own acronyms taken away, only its name "… (MITEC)" left
    matcher = names_only_matcher("un-sc")
    found = [c for c in matcher.match("MITEC", "IR") if "MITEC" in c.entity.name]
    assert found and found[0].decision == "possible"  # an acronym alone never confirms an identity
    assert "'MITEC'" in found[0].reasons[0]


@pytest.mark.parametrize(("short", "long", "reads"), [
    ("NORINCO", "North China Industries Corp.", True),
    ("KOMID", "Korea Mining Development Corp.", True),
    ("AAS-T", "ANSAR AL-SHARI’A IN TUNISIA", True),
    ("SSB", "Presidency of Defense Industries", False),  # Savunma Sanayii Başkanlığı
    ("VNIIA", "Federal State Unitary Enterprise Dukhov Automatics Research Institute", False),
])
def test_an_acronym_reads_as_the_initials_of_the_words_before_it(short: str, long: str, reads: bool) -> None:
    assert aligns(short, long) is reads


# (name as written, country, the entry it must find, decision, words of the reason)
FOUND = [
    # (the importer writes the ISN table's name without its bracketed acronym as an alias too: rows.bracketed_acronyms)
    ("North China Industries Corp.", "CN", "us-state-isn-cn-north-china-industries-corp-norinco", "match",
     "same name as the listed alias 'North China Industries Corp.'"),
    ("Butembo Airlines", "CD", "un-sc-cde-002", "match", "without the acronym 'BAL'"),
    ("Federal State Unitary Enterprise Dukhov Automatics Research Institute", "RU",
     "jp-mofa-ru-federal-state-unitary-enterprise-dukhov-automatics-research-institute-vniia", "possible",
     "which does not read as the name's initials: confirm"),
    # a group and its company may be two companies: asked
    ("Changhe Aircraft Industries Co., Ltd.", "CN", "dod1260h-changhe-aircraft-industries-group-co-ltd", "possible",
     "without 'Group': a group and its company may be two companies"),
    # an entry with no country to back a name read without its bracket: asked
    ("Safety Equipment Procurement", "US", "un-sc-ire-060", "possible", "of an entry with no country: confirm"),
    # a Russian body by its quoted name, with its country
    ("Rainbow", "RU", "us-bis-entity-ru-tactical-missile-corporation-raduga-design-bureau", "possible",
     "same name as the name in quotation marks"),
    # (the ISN table files Turkey's SSB under Russia, the CAATSA sanction's country: no country given here)
    ("Presidency of Defense Industries", None, "us-state-isn-ru-presidency-of-defense-industries-ssb", "possible",
     "without 'SSB'"),
]


@pytest.mark.parametrize(("name", "country", "entity_id", "decision", "words"), FOUND, ids=[c[0] for c in FOUND])
def test_the_name_without_its_bracketed_acronym_finds_the_entry(ruleset: RuleSet, name: str, country: str | None,
                                                                 entity_id: str, decision: str, words: str) -> None:
    assert any(e.entity_id == entity_id for e in ruleset.lists.entities), "a listed entry"
    found = [c for c in ruleset.matcher.match(name, country) if entity_id in {e.entity_id for e in (c.entity, *c.also)}]
    assert found, f"{name!r} finds nothing on {entity_id}"
    assert found[0].decision == decision
    assert words in found[0].reasons[0]


@pytest.mark.parametrize(("listed", "own"), [
    ("National Research Centre “Kurchatov Institute”", "Kurchatov Institute"),
    ("Scientific Production Enterprise “Radiosviaz”", "Radiosviaz"),
    # a legal form in Latin letters and the quoted name: the name itself (the legal form is dropped), no reading
    ("Aktsionernoe Obschestvo 'Yaltinskaya Kinodstudiya,'", None),
    ("Scientific-Research Institute “Argon”", None),  # one short word: many bodies bear it
    ("“GOSNIIMASH”", None),  # the whole name
    ("JSC FCS&HT “SNPO “Eleron”", None),  # quotation marks that do not close: nothing certain
    ("People's Armed Police College", None),  # an apostrophe is no quotation mark
])
def test_a_quoted_own_name_is_read_when_it_can_name_a_body_alone(listed: str, own: str | None) -> None:
    assert quoted_name(listed) == own


def test_a_parent_is_not_matched_on_its_subsidiary_abroad(ruleset: RuleSet) -> None:
    # "China Unicom (BVI) Co., Ltd." is listed; the parent "China Unicom Co., Ltd." is not the BVI company
    bvi = [e for e in ruleset.lists.entities if e.name == "China Unicom (BVI) Co., Ltd."]
    assert bvi
    found = {c.entity.entity_id: c.decision for c in ruleset.matcher.match("China Unicom Co., Ltd.", "CN")}
    assert all(found.get(e.entity_id) != "match" for e in bvi)


@pytest.mark.parametrize("reason", [
    "same name as the listed name 'North China Industries Corp. (NORINCO)' without the acronym 'NORINCO' it carries "
    "in brackets",
    "same name as the listed name 'Presidency of Defense Industries (SSB)' without 'SSB', which does not read as the "
    "name's initials: confirm",
    "same name as the name in quotation marks of the listed name 'Scientific Production Enterprise “Radiosviaz”', "
    "without the words in front of it (the kind of body, or its group); another body may bear that name: confirm",
    "words left out: 'scientific' on one side only (names of RU are translated with or without it), similarity 95, "
    "with 'Scientific Research Institute of Hypersonic Systems'",
    "close spelling: words pair up (exact), similarity 96, with 'North China Industries Corp.' (the listed "
    "'North China Industries Corp. (NORINCO)' without 'NORINCO')",
    "same name as the listed name 'Hafei Aviation Industry Co., Ltd. (HAFEI)' without the bracketed 'HAFEI', which "
    "repeats its words",
    "same name as the listed name 'Changhe Aircraft Industries (Group) Co., Ltd.' without 'Group': a group and its "
    "company may be two companies: confirm",
    "same name as the listed name 'SAFETY EQUIPMENT PROCUREMENT (SEP)' without 'SEP', of an entry with no country: "
    "confirm",
    "no country given, and the name alone says too little",
    "close spelling: same words; 'limtied' read as a misspelt legal form, similarity 100, with 'CNOOC Limited'",
])
def test_the_readings_read_in_bokmal(reason: str) -> None:
    nb = report_reason(reason, "nb")
    assert not any(w in nb for w in ("without", "quotation", "carries", "translated", "the listed", "confirm", "repeats",
                                     "company", "country", "little", "same words", "misspelt")), nb


# a second reader's cases (issue #15 review): what a name read less surely must never lead to
@pytest.mark.parametrize(("name", "country", "entity_id", "why"), [
    # the quoted "Rainbow" of a Russian design bureau is matched whole only: no unit, no optional word
    ("Rainbow Children's Hospital", None, "us-bis-entity-ru-tactical-missile-corporation-raduga-design-bureau",
     "a hospital is no unit of a quoted name"),
    ("Rainbow Group", "RU", "us-bis-entity-ru-tactical-missile-corporation-raduga-design-bureau", "no optional word"),
    ("Rainbow", None, "us-bis-entity-ru-tactical-missile-corporation-raduga-design-bureau",
     "a quoted name alone needs its country"),
    ("October Hospital", None, "us-bis-entity-ru-tambov-plant-tz-october", "a hospital is no unit of a quoted name"),
])
def test_a_name_read_less_surely_is_matched_whole_only(ruleset: RuleSet, name: str, country: str | None,
                                                      entity_id: str, why: str) -> None:
    found = [c for c in ruleset.matcher.match(name, country) if entity_id in {e.entity_id for e in (c.entity, *c.also)}]
    assert not found, why


def test_a_translation_never_confirms_a_name_read_less_surely(ruleset: RuleSet) -> None:
    # "Scientific-Research Institute of Electronics (NIIET)": without "(NIIET)" the name is read only as possible
    found = [c for c in ruleset.matcher.match("Научно-исследовательский институт электроники", "RU")
             if "NIIET" in c.entity.name]
    assert found and all(c.decision == "possible" for c in found)


def test_an_acronym_two_entries_of_a_list_give_names_both(ruleset: RuleSet) -> None:
    # the ISN table lists Shahid Bakeri Industrial Group (SBIG) and Shahid Bakeri Industries Group (SBIG)
    found = next(c for c in ruleset.matcher.match("SBIG", "IR") if c.entity.list_id == "us-state-isn")
    named = {e.name for e in (found.entity, *found.also)}
    assert {"Shahid Bakeri Industrial Group (SBIG)", "Shahid Bakeri Industries Group (SBIG)"} <= named
    assert found.decision == "possible"


@pytest.mark.parametrize(("name", "explained"), [
    ("Dept Comp Sci, Pentane Chemistry Industries (PCI), Isfahan 872910, Iran", {"PCI": "Pentane Chemistry Industries"}),
    ("China Aerospace Science and Technology Corpoartion (CASC) 1st Academy",
     {"CASC": "China Aerospace Science and Technology Corpoartion"}),
    ("Beihang University (BUAA)", {}),  # BUAA stands for the former name, not for these words
    ("Hua Ke Supply Chain (HK) Limited", {}),  # a place
    ("Dept Phys, Beihang Univ (BUAA), Beijing", {}),
    # beside its words across a spaced dash, either side
    ("CSU – Colorado State University", {"CSU": "Colorado State University"}),
    ("Dept Phys, HIT - Harbin Institute of Technology, Harbin", {"HIT": "Harbin Institute of Technology"}),
    ("Swinburne University of Technology — SUT", {"SUT": "Swinburne University of Technology"}),
    ("Huawei - Sweden AB", {}),  # no acronym in capitals
    ("CAS - Institute of Physics", {}),  # the words do not align
    # before its words in brackets, across a slash, written with full stops
    ("CSU (Colorado State University)", {"CSU": "Colorado State University"}),
    ("Colorado State University/CSU", {"CSU": "Colorado State University"}),
    ("C.S.U. – Colorado State University", {"C.S.U": "Colorado State University"}),
    ("MAI – National Research University MAI", {}),  # words that hold the acronym explain nothing
])
def test_a_name_may_say_what_its_bracketed_acronym_stands_for(name: str, explained: dict[str, str]) -> None:
    assert explained_acronyms(name) == explained


@pytest.mark.parametrize(("name", "list_id", "not_entity"), [
    # the name says what its acronym stands for: another listed body with that acronym is not it
    ("Dept Comp Sci, Pentane Chemistry Industries (PCI), Isfahan 872910, Iran", "un-sc", "PARCHIN CHEMICAL INDUSTRIES"),
    ("ESFAHAN NUCLEAR FUEL Res PRODUCTION Ctr (NFRPC) ESFAHAN NUCLEAR Technol Ctr (ENTC)", "us-bis-entity",
     "Electronic Network Inc."),
    ("Shanghai Academy of Spaceflight Technology (SAST)", "us-bis-entity", "Shaanxi Aerospace Science and Technology Co., Ltd."),
    ("CSU – Colorado State University", "aspi-cdut", "Central South University"),
    ("TJU - Thomas Jefferson University", "us-dod-1286", "Tianjin University"),
    ("SUT – Swinburne University of Technology", "us-dod-1286", "Sharif University of Technology"),
    ("CSU (Colorado State University)", "aspi-cdut", "Central South University"),
    ("Colorado State University/CSU", "aspi-cdut", "Central South University"),
    ("C.S.U. – Colorado State University", "aspi-cdut", "Central South University"),
])
def test_an_explained_acronym_is_not_another_bodys(ruleset: RuleSet, name: str, list_id: str, not_entity: str) -> None:
    assert not_entity not in {c.entity.name for c in ruleset.matcher.match(name, None) if c.entity.list_id == list_id}


@pytest.mark.parametrize(("name", "list_id", "entity"), [
    # ... but the listed body the words name keeps its acronym, even where the words are misspelt or further on
    ("China Aerospace Science and Technology Corpoartion (CASC) 1st Academy 702 Research Institute", "us-ofac-cmic",
     "China Aerospace Science and Technology Corporation"),
    ("Dept Comp Sci, Korean Mining and Industrial Development Corp. (KOMID), Capital 414648, KP", "un-sc",
     "KOREA MINING DEVELOPMENT TRADING CORPORATION"),
    ("BUAA – Beijing University of Aeronautics and Astronautics", "us-bis-entity",
     "Beijing University of Aeronautics and Astronautics (BUAA)"),
    # a transliteration begins with the letters it swaps ("Moskovsky", "Moskauer": Moscow), and words that hold the
    # acronym explain nothing (second review)
    ("MAI – Moskovsky Aviatsionny Institut", "us-bis-entity", "Moscow Aviation Institute"),
    ("MAI – Moskauer Luftfahrtinstitut", "us-bis-entity", "Moscow Aviation Institute"),
    ("MAI – National Research University MAI", "us-bis-entity", "Moscow Aviation Institute"),
])
def test_an_explained_acronym_still_finds_the_body_its_words_name(ruleset: RuleSet, name: str, list_id: str,
                                                                  entity: str) -> None:
    found = [c for c in ruleset.matcher.match(name, None) if c.entity.list_id == list_id]
    assert found and found[0].entity.name == entity and found[0].decision == "possible"


@pytest.mark.parametrize(("listed", "read"), [
    ("CETC Cloud (Beijing) Technology Co., Ltd.", ("CETC Cloud Technology Co., Ltd.", "(Beijing)")),
    ("DGT Technology (HK) Co., Limited", ("DGT Technology Co., Limited", "(HK)")),
    ("Guowei Group (Shenzhen) Co., Ltd.", ("Guowei Group Co., Ltd.", "(Shenzhen)")),
    ("China Unicom (BVI) Co., Ltd.", None),  # a place first: nothing of its own after it says which company
    ("Technology (HK) Co.", None),  # what kind of company alone
    ("North China Industries Corp. (NORINCO)", None),  # no place
    # a bracket that only mentions a country (an Entity List address alias) is no place of registration
    ("Ship Repair Center Zvezdochka (See alternate address in Russia)", None),
])
def test_a_company_name_without_the_place_it_is_registered_in(listed: str, read: tuple[str, str] | None) -> None:
    assert without_bracketed_place(listed) == read


@pytest.mark.parametrize(("query", "listed"), [
    # the Entity List's own aliases of these entries, asked of its main names only
    ("DGT Technology", "DGT Technology (HK) Co., Limited"),
    ("CETC Cloud Technology Co., Ltd.", "CETC Cloud (Beijing) Technology Co., Ltd."),
    ("Hua Ke Logistics Limited", "Hua Ke Logistics (HK) Limited"),
])
def test_a_company_named_without_its_bracketed_place_is_asked_about(ruleset: RuleSet, query: str, listed: str) -> None:
    entry = next(e for e in ruleset.lists.entities if e.list_id == "us-bis-entity" and e.name == listed)
    found = [c for c in names_only_matcher("us-bis-entity", (entry.entity_id,)).match(query, entry.country)]
    assert [(c.entity.name, c.decision) for c in found] == [(listed, "possible")]
    assert "where that company is registered: its parent or a company of its group elsewhere may be meant" in found[0].reasons[0]
