"""Chinese names against lists that hold only the English name (the shipped ASPI entries with their
Chinese names, aliases and acronyms taken away): found as ``possible`` through translation, and a
translated name that leaves words unaccounted for is not the listed institution."""

from __future__ import annotations

import pytest

from collabguard.matching.matcher import Matcher
from tests.conftest import names_only_matcher


@pytest.fixture(scope="module")
def english_only() -> Matcher:
    return names_only_matcher("aspi-cdut")


@pytest.mark.parametrize(("query", "entity"), [
    ("南京师大", "Nanjing Normal University"),  # 师大, the usual short form of 师范大学
    ("大连民大", "Dalian Minzu University"),  # 民大: 民族大学
    ("铁道警院", "Railway Police College"),  # 警院: 警察学院
    ("上海交通大学", "Shanghai Jiao Tong University"),  # one pinyin word, two English words
    ("石家庄铁道大学", "Shijiazhuang Tiedao University"),
    ("武警指挥学院", "People's Armed Police Command College"),  # 武警 written out ...
    ("武警工程大学", "Engineering University of the CAPF"),  # ... as an acronym ...
    ("武警海警学院", "China Coast Guard Academy"),  # ... or left out
    ("中国人民解放军军事科学院", "Academy of Military Science"),  # the PLA prefix, a generic name
    ("华南理工大学", "South China University of Technology"),  # 理工: "science" may be left out
    ("海军潜艇学院", "Navy Submarine Academy"),  # 潜艇: submarine
    ("中国南方工业集团公司", "China South Industries Group"),  # 南方: south, as 北方 is north
    ("火箭指挥学院", "Rocket Force Command College"),  # 火箭 alone: the Rocket Force (火箭军)
])
def test_chinese_names_are_found_as_possible(english_only: Matcher, query: str, entity: str) -> None:
    found = english_only.match(query, "CN")
    assert found, f"{query} found nothing"
    names = {found[0].entity.name, *(e.name for e in found[0].also)}
    assert entity in names
    assert found[0].decision == "possible"


@pytest.mark.parametrize(("query", "not_entity"), [
    ("苏州科技大学", "Soochow University"),  # both translated words of 科技 left over
    ("北师大", "Nanjing Normal University"),  # Beijing Normal University, not listed
    ("华中师范大学", "Hangzhou Normal University"),
    ("西南交通大学", "Shanghai Jiao Tong University"),
    ("北京交通大学", "Shanghai Jiao Tong University"),
    ("中央民族大学", "Dalian Minzu University"),
    ("武汉科技大学", "Wuhan University of Technology"),  # 科技 is "science and technology": another university
    ("西北大学", "Northeastern University"),  # Northwest University: north-west is not a misspelt north-east
])
def test_innocent_chinese_names_are_not_listed_ones(english_only: Matcher, query: str, not_entity: str) -> None:
    assert not_entity not in {c.entity.name for c in english_only.match(query, "CN")}


@pytest.mark.parametrize(("query", "listed", "passes"), [
    ("Shanghai Jiaotong University", "Shanghai Jiao Tong University", True),  # words written together
    ("Sun Yat Sen University", "Sun Yatsen University", True),  # or apart
    ("Shanghai Jiaotong Normal University", "Shanghai Jiao Tong University", False),  # the gate still holds
    ("Jiaotong University", "Shanghai Jiao Tong University", False),
])
def test_words_written_together_pair_with_words_written_apart(query: str, listed: str, passes: bool) -> None:
    from collabguard.matching.compare import compare
    from collabguard.matching.normalize import tokens

    assert compare(tokens(query), tokens(listed), lenient=False, twin_ratio=0.8, country="CN").passed is passes


def _english_only_1260h() -> Matcher:
    return names_only_matcher("us-dod-1260h")


@pytest.mark.parametrize(("query", "entity"), [
    ("Dahua Technology", "Zhejiang Dahua Technology Co., Ltd."),  # the province it is registered in left out
    ("Dahua", "Zhejiang Dahua Technology Co., Ltd."),
    ("DJI", "Shenzhen DJI Technology Co., Ltd."),
    ("Hongdu Aviation", "Jiangxi Hongdu Aviation Industry Co., Ltd."),
])
def test_a_chinese_company_is_found_without_the_place_it_is_registered_in(query: str, entity: str) -> None:
    found = _english_only_1260h().match(query, "CN")
    assert [(c.entity.name, c.decision) for c in found] == [(entity, "possible")]


@pytest.mark.parametrize(("query", "not_entity"), [
    ("Beijing Dahua Technology", "Zhejiang Dahua Technology Co., Ltd."),  # another place is another company
    ("AVIC Aircraft Industry", "AVIC Xi’an Aircraft Industry Group Company Ltd."),  # a place inside names a subsidiary
])
def test_a_company_place_may_be_left_out_never_changed(query: str, not_entity: str) -> None:
    assert not_entity not in {c.entity.name for c in _english_only_1260h().match(query, "CN")}


@pytest.mark.parametrize(("query", "listed", "passes"), [
    ("Suzhou University", "Fuzhou University", False),  # two pinyin names: two places, not a typo
    ("Nanhang University", "Nanchang University", False),
    ("Tsinghau University", "Tsinghua University", True),  # a misspelling that is not pinyin
    ("Hrabin Institute of Technology", "Harbin Institute of Technology", True),
])
def test_one_pinyin_name_is_not_a_misspelling_of_another(query: str, listed: str, passes: bool) -> None:
    from collabguard.matching.compare import compare
    from collabguard.matching.normalize import tokens

    assert compare(tokens(query), tokens(listed), lenient=False, twin_ratio=0.8, country="CN").passed is passes


@pytest.mark.parametrize(("word", "parts"), [
    ("hunan", ("hu", "nan")), ("xiangtan", ("xiang", "tan")), ("shijiazhuang", ("shi", "jia", "zhuang")),
    ("peking", ("pe", "king")), ("tsinghua", ("tsing", "hua")),  # older romanisations universities kept
    ("shinjianzhuang", None), ("harbin", None), ("social", None),  # "shin" is no pinyin syllable
])
def test_pinyin_syllables_are_real_syllables(word: str, parts: tuple[str, ...] | None) -> None:
    from collabguard.matching.pinyin import syllables

    assert syllables(word) == parts


def test_an_address_part_keeps_its_brackets() -> None:
    from collabguard.matching.normalize import segments

    parts = segments("SEMICONDUCTOR MANUFACTURING NORTH CHINA (BEIJING) CORPORATION, HARBIN 138472, P.R. CHINA")
    assert "SEMICONDUCTOR MANUFACTURING NORTH CHINA (BEIJING) CORPORATION" in parts


def test_a_list_name_with_a_comma_is_found_in_an_address() -> None:
    from collabguard.ruleset import get_ruleset

    found = get_ruleset().matcher.match("Department of Chemistry, SMIC, Americas, Harbin 223872, P.R. China", None)
    assert "SMIC, Americas" in {c.entity.name for c in found}


def test_neighbouring_parts_do_not_hide_the_country_at_the_end_of_an_address() -> None:
    # bug while adding part pairs: the pair came last and was read as the country, so "Mobile" (a
    # city in Alabama) became a possible China Mobile Limited
    from collabguard.ruleset import get_ruleset

    assert get_ruleset().matcher.match("Univ S Alabama, Sch Comp, Mobile, AL 36688 USA", None) == []


@pytest.mark.parametrize(("query", "entity"), [
    ("清华大学", "Tsinghua University"),  # pinyin qinghua, the university's own romanisation Tsinghua
    ("苏州大学", "Soochow University"),
    ("陆军装甲兵学院", "Army Academy of Armored Forces"),  # a translated plural spelt as list names are
    ("火箭军士官学校", "Rocket Force Sergeant School"),  # 士官: NCO, sergeant or petty officer
    ("海军士官学校", "Naval Petty Officer Academy"),
])
def test_older_romanisations_and_normalised_translations(english_only: Matcher, query: str, entity: str) -> None:
    assert entity in {c.entity.name for c in english_only.match(query, "CN")}


def test_nudt_is_found_by_the_chinese_name_aspi_gives() -> None:
    from collabguard.ruleset import get_ruleset

    found = get_ruleset().matcher.match("国防科技大学", "CN")
    assert "National University of Defense Technology" in {c.entity.name for c in found}


def test_a_pinyin_word_kept_in_a_name_is_not_its_generic_meaning_in_english() -> None:
    from collabguard.matching.compare import compare
    from collabguard.matching.normalize import tokens
    from collabguard.matching.translate import translate

    # Shenyang University of Technology (沈阳工业大学) is not Shenyang Ligong University (沈阳理工大学) ...
    assert not compare(tokens("Shenyang University of Technology"), tokens("Shenyang Ligong University"),
                       lenient=False, twin_ratio=0.8, country="CN").passed
    # ... but 沈阳理工大学, translated, is
    assert compare(translate("沈阳理工大学"), tokens("Shenyang Ligong University"), lenient=True, twin_ratio=0.8, country="CN").passed


def test_a_company_named_without_its_place_says_what_was_left_out() -> None:
    found = _english_only_1260h().match("Dahua Technology", "CN")
    assert "'zhejiang' left out (a company's place or descriptive words)" in found[0].reasons[0]


@pytest.mark.parametrize(("query", "entity"), [
    # the UN list's Hong Kong shipping companies in traditional characters: 船務 and 海運 are "shipping", 香港
    # "Hong Kong" (which the list writes as one word)
    ("華信船務(香港)有限公司", "HUAXIN SHIPPING HONGKONG LTD"),
    ("沈忠國際海運有限公司", "SHEN ZHONG INTERNATIONAL SHIPPING"),
])
def test_a_shipping_company_named_in_traditional_characters_is_found(query: str, entity: str) -> None:
    found = names_only_matcher("un-sc").match(query, "HK")
    assert found and found[0].entity.name == entity and found[0].decision == "possible"


@pytest.mark.parametrize(("query", "entity", "decision"), [
    # the NRO list's own aliases of these entries, asked of its main names only: the service or ministry a
    # college names in front, which the list's main name leaves out ...
    ("People's Armed Police China Coast Guard Academy", "China Coast Guard Academy", "possible"),
    ("Ministry of Public Security Railway Police College", "Railway Police College", "possible"),
    # ... a name whose other words are few on the list: searched by them, not by the ministry's (it found nothing)
    ("Ministry of Public Security China People's Police University", "China People’s Police University", "possible"),
    # ... and "PAP", the People's Armed Police, as the list writes it in other names
    ("PAP Command College", "People's Armed Police Command College", "match"),
    ("People's Armed Police NCO College", "PAP NCO College", "match"),
])
def test_a_chinese_college_named_with_or_without_its_service(query: str, entity: str, decision: str) -> None:
    found = names_only_matcher("ca-nro").match(query, "CN")
    assert found and (found[0].entity.name, found[0].decision) == (entity, decision)
    if decision == "possible":
        assert "the parent, " in found[0].reasons[0]


def test_a_launch_vehicle_is_not_a_rocket_force() -> None:
    from collabguard.matching.translate import translate

    # 中国运载火箭技术研究院: China Academy of Launch Vehicle Technology (运载火箭, not 火箭 the Rocket Force)
    assert translate("中国运载火箭技术研究院")[:3] == ("china|chinese", "launch", "vehicle")
