"""The matcher (collabguard-v3) on real names: listed institutions are found; innocent look-alikes are never 'match'."""

from __future__ import annotations

import csv
import re

import pytest

from collabguard.countries import country_code
from collabguard.matching.normalize import is_generic, normalize
from collabguard.ruleset import RuleSet
from tests.conftest import SHARED, needs_shared


def best(ruleset: RuleSet, name: str, country: str | None, kind: str = "organisation") -> dict[str, tuple[str, str]]:
    """list id → (decision, entity name) for every list with a candidate above 'none'."""
    return {c.entity.list_id: (c.decision, c.entity.name) for c in ruleset.matcher.match(name, country, kind=kind)}


@pytest.mark.parametrize(
    ("name", "country", "list_id", "entity"),
    [
        ("Harbin Institute of Technology", "CN", "ca-nro", "Harbin Institute of Technology"),
        ("National University of Defence Technology", "CN", "ca-nro", "National University of Defense Technology"),
        ("Beihang Univ.", "CN", "aspi-cdut", "Beihang University"),
        ("Sharif Univ. of Technol.", "IR", "ca-nro", "Sharif University of Technology"),
        ("中南大学", "CN", "aspi-cdut", "Central South University"),  # local-script name
        ("Xi'an Jiaotong University", "CN", "us-dod-1286", "Xi’an Jiatong University"),  # via the alias, typo kept in the list
        ("School of Automation, Northwestern Polytechnical University, Xi'an 710072, Shaanxi, China", "CN",
         "us-dod-1286", "Northwestern Polytechnical University"),
        ("Bauman Moscow State Technical University", "RU", "us-dod-1286", "Bauman Moscow State Technical University"),
        ("Aerospace CH UAV Company Limited", "CN", "us-dod-1260h", "Aerospace CH UAV Co., Ltd"),
        ("E&I Systems FZE", "AE", "us-bis-entity", "E and I Systems FZE"),
        ("R&M International FZCO", "AE", "us-state-isn", "R and M International FZCO"),
        ("Lashkar Tayyaba", None, "un-sc", "LASHKAR-E-TAYYIBA"),  # the alias "Lashkar e Tayyaba", its ezafe left out
    ],
)
def test_listed_names_are_a_match(ruleset: RuleSet, name: str, country: str, list_id: str, entity: str) -> None:
    assert best(ruleset, name, country)[list_id] == ("match", entity)


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Royal Norwegian Naval Academy", "NO"),
        ("Chinese Academy of Sciences", "CN"),  # only named CAS institutes are listed, not the academy
        ("Russian Academy of Sciences", "RU"),  # the same for RAS institutes
        ("Sichuan Normal University", "CN"),  # Sichuan University is listed
        ("Harbin Medical University", "CN"),  # Harbin Engineering / Institute of Technology are listed
        ("USC", "US"),  # University of South China's acronym
        ("SDU", "DK"),  # Shandong University's acronym; University of Southern Denmark
        ("LUT", "FI"),  # Lanzhou University of Technology's acronym; LUT University, Finland
        ("Department of ICT, NTNU", "NO"),
        ("University of Oslo", "NO"),
        # the Entity List's "E and I Systems FZE" and the ISN table's "R and M International FZCO" were read as
        # "East Systems" and "International": both were a match on these
        ("East Systems FZE", "AE"),
        ("International FZCO", "AE"),
    ],
)
def test_innocent_look_alikes_are_not_matched(ruleset: RuleSet, name: str, country: str) -> None:
    assert best(ruleset, name, country) == {}


@pytest.mark.parametrize(
    ("name", "country", "list_id", "why"),
    [
        ("Northeastern University", "US", "aspi-cdut", "country US differs from the listed CN"),  # Boston vs Shenyang
        ("Soochow University", "TW", "aspi-cdut", "country TW differs from the listed CN"),  # Taipei vs Suzhou
        ("Harbin Institute of Technology", None, "ca-nro", "no country given"),
        ("Naval Academy", "CN", "ca-nro", "generic name"),  # a generic alias never matches alone
        ("National Defense University", "CN", "ca-nro", "generic name"),
        ("Institute of Applied Physics", "IR", "ca-nro", "generic name"),
        ("NUDT", "CN", "ca-nro", "acronym"),
        # words in another order (the parent named after the institute is the same name: test_matching_institute_parents)
        ("Institute of Technology Harbin", "CN", "us-dod-1286", "different order"),
    ],
)
def test_uncertain_identities_are_at_most_possible(ruleset: RuleSet, name: str, country: str | None, list_id: str, why: str) -> None:
    found = {c.entity.list_id: c for c in ruleset.matcher.match(name, country)}
    assert found[list_id].decision == "possible"
    assert any(why in r for r in found[list_id].reasons), found[list_id].reasons
    assert all(c.decision != "match" for c in found.values())


@pytest.mark.parametrize("name", ["Institut Pasteur", "Pasteur Institute", "INSTITUT PASTEUR, 75015 PARIS, FRANCE"])
def test_a_name_without_the_country_the_listed_name_names_is_another_countrys_body(ruleset: RuleSet, name: str) -> None:
    # Canada's NRO list gives the Pasteur Institute of Iran the aliases "Pasteur Institute" and "Institute
    # Pasteur": said in Iran. The Institut Pasteur in Paris (and its network's institutes elsewhere) is another body
    country = None if "FRANCE" in name else "FR"
    results = {r.list_id: r for r in ruleset.matcher.results(name, country)}
    assert "ca-nro" not in best(ruleset, name, country)
    near = results["ca-nro"].rejected
    assert near is not None and near.entity.name == "Pasteur Institute of Iran"
    assert "the listed name names its country, 'iran', and the name does not; country FR" in near.why


@pytest.mark.parametrize(("name", "country", "decision"), [
    ("Institut Pasteur", "IR", "match"),  # in Iran, its own alias
    ("Institut Pasteur", None, "possible"),  # no country: asked
    ("Pasteur Institute of Iran", "FR", "possible"),  # the name says Iran: a wrong country must not hide it
])
def test_the_country_named_keeps_the_listed_body(ruleset: RuleSet, name: str, country: str | None, decision: str) -> None:
    assert best(ruleset, name, country)["ca-nro"] == (decision, "Pasteur Institute of Iran")


@pytest.mark.parametrize(("name", "country", "listed", "letters"), [
    # the normaliser leaves single letters out as initials: these listed names read as their other words alone,
    # and each of these innocent names was a match on them
    ("Logistics (China) Limited", "HK", "K Logistics (China) Limited", "'K'"),
    ("Sales Private Limited", "IN", "AR Sales Pvt Ltd.", "'AR'"),
    ("Makina Sanayi ve Ticaret Anonim Sirketi", "TR", "DBC Makina Sanayi ve Ticaret A.S.", "'DBC'"),
])
def test_a_name_without_the_letters_a_listed_name_is_written_with_is_at_most_possible(
        ruleset: RuleSet, name: str, country: str, listed: str, letters: str) -> None:
    found = [c for c in ruleset.matcher.match(name, country) if c.entity.name == listed]
    assert found and found[0].decision == "possible"
    assert any(f"is written with the letters {letters}, which the name lacks" in r for r in found[0].reasons)


@pytest.mark.parametrize(("name", "country", "listed"), [
    ("K Logistics Hong Kong", "HK", "K Logistics (China) Limited"),
    ("A.R. Sales Pvt Ltd", "IN", "AR Sales Pvt Ltd."),  # the letters with full stops
    ("Shetab G", "IR", "Yasa Part"),
    # the letters joined to the next word, as a name may write them ("I-Jet" was "ijet", the list's "jet")
    ("I-Jet Global DMCC", "AE", "I JET GLOBAL DMCC"),
    ("IJet Global DMCC", "AE", "I JET GLOBAL DMCC"),
    ("K-Logistics (China) Limited", "HK", "K Logistics (China) Limited"),
])
def test_a_name_with_the_letters_is_the_listed_body(ruleset: RuleSet, name: str, country: str, listed: str) -> None:
    assert any(c.entity.name == listed and c.decision == "match" for c in ruleset.matcher.match(name, country))


def test_a_word_that_says_little_without_the_listed_letters_is_set_aside(ruleset: RuleSet) -> None:
    # the ISN table's "Shetab G" (an alias of Yasa Part): "Shetab" alone is the name of Iran's interbank network
    assert not any(c.entity.name == "Yasa Part" for c in ruleset.matcher.match("Shetab", "IR"))


def test_a_listed_sub_unit_does_not_list_its_parent(ruleset: RuleSet) -> None:
    # US 1286 lists a defence laboratory *at* Central South University, not the university;
    # the university is on ASPI's tracker in its own right.
    found = best(ruleset, "Central South University", "CN")
    assert "us-dod-1286" not in found
    assert found["aspi-cdut"] == ("match", "Central South University")


def test_talent_programmes_match_only_as_programmes(ruleset: RuleSet) -> None:
    assert best(ruleset, "Thousand Talents Program", None, kind="programme")["us-dod-1286"] == ("match", "Thousand Talents Plan")
    assert best(ruleset, "Thousand Talents Plan", "CN") == {}  # never as a partner institution


def test_generic_names_are_short_all_generic_names() -> None:
    assert is_generic("Naval Academy") and is_generic("National Defense University")
    assert not is_generic("National University of Defense Technology")
    assert not is_generic("Harbin Engineering University")


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("Univ. of Sci. & Technol. of China", "university science technology china"),
        ("Centre for Defence Studies", "center defense studies"),
        ("Xi’an Jiaotong University", "xian jiaotong university"),
        ("Aerospace CH UAV Co., Ltd.", "aerospace ch uav"),
        ("ÉCOLE Polytechnique", "ecole polytechnique"),
    ],
)
def test_normalisation(raw: str, norm: str) -> None:
    assert normalize(raw) == norm


def _affiliations() -> list[str]:
    base = SHARED / "data" / "bibliometrics"
    out: list[str] = []
    for name in ("wos_plaintext_bibliometrix_sample.txt", "wos_plaintext_oldformat_metaknowledge_savedrecs.txt"):
        tag = None
        for line in (base / name).read_text(encoding="utf-8-sig").splitlines():
            if line[:2].strip():
                tag = line[:2]
            if tag == "C1":
                out.append(re.sub(r"^\[[^\]]*\]\s*", "", line[3:].strip()).rstrip("."))
    csv.field_size_limit(10**8)
    with open(base / "wos_tabdelimited_scientopy_4071.txt", encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            out += [a.strip().rstrip(".") for a in re.findall(r"\[[^\]]*\]([^;]*)", row.get("C1") or "")]
    with open(base / "scopus_bibliometrix_sample.csv", encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            out += [a.strip() for a in (row.get("Affiliations") or "").split("; ") if a.strip()]
    return sorted(set(out))


def _country_of(affiliation: str) -> str | None:
    last = affiliation.split(",")[-1].strip()
    last = re.sub(r"\d", "", re.sub(r"^[A-Z]{2} \d{5} ", "", last)).strip()
    return country_code(last)


@needs_shared
def test_real_affiliation_strings_give_only_true_matches(ruleset: RuleSet) -> None:
    """Every 'match' on ~200 real WoS/Scopus address lines, pinned: each is a listed organisation
    (or a listed lab) named as a whole segment of the address."""
    matched = set()
    for aff in _affiliations():
        for cand in ruleset.matcher.match(aff, _country_of(aff)):
            if cand.decision == "match":
                matched.add((cand.segment, cand.entity.name))
    assert matched == {
        ("Army Medical University", "Army Medical University"),
        ("Fuzhou Univ", "Fuzhou University"),
        ("Univ Sci & Technol China", "University of Science and Technology of China"),
        ("N Univ China", "North University of China"),  # Web of Science's N is north (Taiyuan 030051)
        ("Natl Key Lab Elect Measurement Technol",
         "Defense S&T Key Laboratory of Electronic Measurement Technology at North University of China"),
    }


@pytest.mark.parametrize(
    ("name", "country", "list_id", "entity", "decision"),
    [
        # a local-script name borrowed from the same institution on another list (ASPI gives the Chinese)
        ("北京航空航天大学", "CN", "ca-nro", "Beihang University", "match"),
        ("中国人民解放军国防科技大学", "CN", "ca-nro", "National University of Defense Technology", "match"),
        ("哈尔滨工程大学", "CN", "ca-nro", "Harbin Engineering University", "match"),
        # a Chinese translation is never more than possible (traditional characters, so not ASPI's exact form)
        ("哈爾濱工程大學", "CN", "ca-nro", "Harbin Engineering University", "possible"),
        # a Russian name translated word for word, the country agreeing, is the name (#15 item 4); without
        # a country, or with another, possible as any name
        ("Московский физико-технический институт", "RU", "us-dod-1286", "Moscow Institute of Physics and Technology", "match"),
        ("Московский физико-технический институт", None, "us-dod-1286", "Moscow Institute of Physics and Technology", "possible"),
        ("Институт физики твердого тела РАН", "RU", "us-bis-entity",
         "Institute of Solid-State Physics of the Russian Academy of Sciences", "match"),
        ("Национальный исследовательский центр «Курчатовский институт»", "RU", "us-bis-entity",
         "National Research Center Kurchatov Institute", "match"),
        # the person it is named after stands in the genitive (Баумана): read as Bauman, every word pairs
        ("Московский государственный технический университет имени Н. Э. Баумана", "RU", "us-dod-1286",
         "Bauman Moscow State Technical University", "match"),
        # official names carry their legal form (ФГБОУ ВО, ФГАОУ ВО, АНОО ВО) and "им." for "имени"
        ("ФГБОУ ВО Московский авиационный институт", "RU", "us-bis-entity", "Moscow Aviation Institute", "match"),
        ("ФГАОУ ВО «Московский физико-технический институт (национальный исследовательский университет)»", "RU",
         "us-bis-entity", "Moscow Institute of Physics and Technology", "match"),
        ("АНОО ВО «Сколковский институт науки и технологий»", "RU", "us-bis-entity",
         "Skolkovo Institute of Science and Technology", "possible"),
        # every word translates, the surname too since its genitive in -skogo is read (Лобачевского: Lobachevsky)
        ("Нижегородский государственный университет им. Н.И. Лобачевского", "RU", "us-dod-1286",
         "Lobachevsky State University of Nizhny Novgorod", "match"),
        ("دانشگاه صنعتی شریف", "IR", "ca-nro", "Sharif University of Technology", "possible"),
        # acronyms derived from names, and corroborated acronyms
        ("HEU", "CN", "us-dod-1286", "Harbin Engineering University", "possible"),
        ("Beihang University (BUAA)", "CN", "ca-nro", "Beihang University", "match"),
        # Hong Kong is compatible with China for matching
        ("Harbin Institute of Technology", "HK", "ca-nro", "Harbin Institute of Technology", "match"),
        # Web of Science abbreviations
        ("Natl Univ Def Technol", "CN", "ca-nro", "National University of Defense Technology", "match"),
        ("Harbin Engn Univ, Coll Underwater Acoust Engn, Harbin 150001, Peoples R China", None, "ca-nro",
         "Harbin Engineering University", "match"),  # the country is read from the address
    ],
)
def test_variants_scripts_and_acronyms(ruleset: RuleSet, name: str, country: str | None, list_id: str, entity: str,
                                       decision: str) -> None:
    assert best(ruleset, name, country)[list_id] == (decision, entity)


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("四川师范大学", "CN"),  # Sichuan Normal University, in Chinese
        ("哈尔滨医科大学", "CN"),  # Harbin Medical University
        ("Northwestern University", "US"),
        ("Moscow State Linguistic University", "RU"),
        ("Tehran University of Medical Sciences", "IR"),
        ("", "CN"),
        ("!!! ,,, ---", None),
        ("x" * 10_000, None),
    ],
)
def test_more_innocent_names_and_odd_input_give_no_candidate(ruleset: RuleSet, name: str, country: str | None) -> None:
    assert best(ruleset, name, country) == {}


def test_a_rejected_near_candidate_is_explained(ruleset: RuleSet) -> None:
    results = {r.list_id: r for r in ruleset.matcher.results("Sichuan Normal University", "CN")}
    rejected = results["ca-nro"].rejected
    assert results["ca-nro"].best is None
    assert rejected is not None and rejected.entity.name == "Sichuan University" and rejected.why == "extra word 'normal'"


@pytest.mark.parametrize(("name", "chinese", "acronym"), [
    ("Northwestern Polytechnical University", True, "NWPU"),  # a compass word gives two letters
    ("Southwest University of Science and Technology", True, "SWUST"),
    ("China University of Geosciences (Wuhan)", True, "CUG"),  # the campus in brackets left out
    ("Chongqing University", True, "CQU"),  # a Chinese place name read syllable by syllable
    ("National University of Defense Technology", False, "NUDT"),
])
def test_derived_acronyms_use_the_spellings_acronyms_use(name: str, chinese: bool, acronym: str) -> None:
    from collabguard.matching.index import derived_acronyms

    assert acronym in derived_acronyms(name, chinese)
