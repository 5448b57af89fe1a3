"""Names written in Japanese (#15 item 4, local-script names): Japan's export-ban list names its Russian entities
in Japanese, the body's own name in katakana as it sounds (ツィクロン, Tsiklon) and what it is in kanji (研究所). The
words are translated, the katakana name compared by its sounds; Japanese names of innocent bodies find nothing."""

from __future__ import annotations

import functools

import pytest

from collabguard.matching.japanese_reading import is_japanese
from collabguard.matching.kana import romanise, sound_key, sounds_alike, spelled_alike
from collabguard.matching.matcher import Matcher
from collabguard.matching.translate import translate
from collabguard.ruleset import RuleSet
from tests.conftest import names_only_matcher


@pytest.mark.parametrize(("kana", "latin"), [
    ("ツィクロン", "tsikuron"),  # an extended kana for a foreign sound (Cabinet notice of 1991)
    ("ヴォルナ", "voruna"),
    ("ジュコフスキー", "jukofusuki"),  # the long-vowel mark says nothing of the consonants
    ("エレクトロプリボール", "erekutoropuriboru"),
    ("ブレヴェストニク", "burevesutoniku"),
    ("クルィロフ", "kuryrofu"),  # ィ after ル: the Russian ы
    ("ちゅうおう", "chuuou"),  # hiragana, read as the katakana of the same sound
])
def test_katakana_is_romanised_as_hepburn(kana: str, latin: str) -> None:
    assert romanise(kana) == latin


@pytest.mark.parametrize(("romanised", "word", "alike"), [
    ("tsikuron", "tsiklon", True),  # l and r are one sound
    ("guromofu", "gromov", True),  # a final v written f, vowels added
    ("harukevichi", "kharkevich", True),  # kh written h
    ("jukofusuki", "zhukovsky", True),
    # m before p written n: the consonants agree, but the vowels do not (Japanese writes English "pul" as "paru")
    ("inparusu", "impulse", False),
    ("fazotoron", "phazotron", True),
    ("masu", "mars", True),  # an r after a vowel left out (マース)
    ("arutai", "altai", True),  # few consonants: spelt alike but for the added vowel
    ("kiokushia", "ics", False),  # Kioxia: k-s as ICS is, but spelt otherwise
    ("ganma", "gamma", True),  # n before m (ンマ) for a double m
    ("ganma", "gemini", False),
    ("tsikuron", "tsiklotron", False),
    ("torapezunikofu", "trapeznikov", True),
    ("torapezunikofu", "tupolev", False),
])
def test_a_katakana_name_pairs_by_its_sounds(romanised: str, word: str, alike: bool) -> None:
    assert sounds_alike(romanised, word) is alike, (sound_key(romanised), sound_key(word))


@pytest.mark.parametrize(("romanised", "word"), [("inparusu", "impulse"), ("ganma", "gamma"), ("tensento", "tencent"),
                                                 ("suhoi", "sukhoi"), ("masu", "mars")])
def test_the_sound_key_finds_the_words_a_name_may_be(romanised: str, word: str) -> None:
    from collabguard.matching.kana import keys_of

    assert sound_key(romanised) in keys_of(word)


@pytest.mark.parametrize(("romanised", "word", "alike"), [
    # a katakana name that is all of a name but for words saying what kind of body it is must be spelt as a listed
    # word, vowels too, but for what Japanese writes alike and the vowels it adds (a review's findings: シトロエン,
    # Citroën, sounds as Saturn does; マイクロン, Micron, as Mikron)
    ("guromofu", "gromov", True),
    ("harukevichi", "kharkevich", True),  # i after ch added
    ("irukuto", "irkut", True),  # of the u's, some added and some not
    ("erekutoronsutandato", "electronstandart", True),
    ("shitoroen", "saturn", False),
    ("maikuron", "mikron", False),
    ("safuran", "sabalan", False),
    ("sorubonnu", "siliborn", False),
    ("nekuson", "inkson", False),
])
def test_a_katakana_name_alone_must_be_spelt_alike(romanised: str, word: str, alike: bool) -> None:
    assert spelled_alike(romanised, word) is alike


@pytest.mark.parametrize(("written", "words"), [
    # a katakana word of the table is a word only where it ends (ロシアン is Russian, テクノロジーズ technologies), a dash
    # after katakana is the long-vowel mark (the list's own フィスコ－); a kana of too few consonants to pair (ヶ, スホーイ)
    # is kept, so that the name is not read as its other words alone (スホーイ設計局 is no "design bureau")
    ("ロシアン・テクノロジーズ", ("russian", "technology")),
    ("フィスコ－・エネルギー", ("≈fisuko", "energy|power")),
    ("霞ヶ関", ("xia", "≈ke", "guan")),
    ("スホーイ設計局", ("≈suhoi", "design", "bureau")),
    # a run of katakana is one word, which a table word in katakana does not cut (トレーダーズ, traders: no radar)
    ("トレーダーズ", ("≈toredazu",)),
    ("ラスベガス", ("≈rasubegasu",)),
])
def test_words_and_sounds_are_told_apart(written: str, words: tuple[str, ...]) -> None:
    assert translate(written) == words


@pytest.mark.parametrize(("name", "japanese"), [
    ("ツィクロン中央研究開発所", True),  # kana
    ("応用化学科学研究所", True),  # a character only Japanese writes (応; Chinese writes 应)
    ("株式会社計算機科学研究所", True),  # a Japanese legal form
    ("北京理工大学", False),  # Chinese, simplified
    ("哈爾濱工業大學", False),  # Chinese, traditional
    ("中国科学院物理研究所", False),  # 研 is Chinese as well as Japanese
])
def test_a_name_is_read_as_japanese_only_when_it_is(name: str, japanese: bool) -> None:
    assert is_japanese(name) is japanese


def test_the_words_are_translated_and_the_name_kept_by_its_sounds() -> None:
    assert translate("株式会社ブレヴェストニク中央研究所") == (
        "≈burevesutoniku", "central", "scientific?", "research?", "institute")  # the legal form dropped
    assert translate("応用音響科学研究所") == ("applied", "acoustics", "scientific?", "research?", "institute")
    # initials say nothing; "named after" (名称) is dropped as the English "named after" is
    assert translate("株式会社Ｍ.Ｍ.グロモフ名称飛行研究所") == (
        "≈guromofu", "flight", "scientific?", "research?", "institute")
    # a Chinese name reads as before
    assert translate("北京理工大学")[-1] == "university" and not any(w.startswith("≈") for w in translate("北京理工大学"))


def test_c_before_e_and_i_is_s(ruleset: RuleSet) -> None:
    # テンセント is Tencent (on the 1260H list): c read as k made it "tenkent"
    assert sounds_alike("tensento", "tencent")
    found = ruleset.matcher.match("テンセント", "CN")
    assert [c.entity.name for c in found] == ["Tencent Holdings Limited"] and found[0].decision == "possible"


@functools.cache
def japanese_list_without_its_japanese_names() -> Matcher:
    return names_only_matcher("jp-mofa-ru")


@pytest.mark.parametrize(("name", "listed"), [
    ("ツィクロン中央研究開発所", "Central Research and Development Institute Tsiklon"),
    ("株式会社ブレヴェストニク中央研究所", "Joint Stock Company Central Research Institute Burevestnik"),
    ("ロシア科学アカデミーＰ．Ｎ．レベデフ名称物理学研究所",
     "Institute of Physics Named After P.N. Lebedev of the Russian Academy of Sciences"),
    ("株式会社連邦研究生産センター・アルタイ", "Joint Stock Company Federal Research and Production Center Altai"),
    ("学術生産団体マース", "Research Production Association Mars"),
    ("高エネルギー物理研究所", "Institute of High Energy Physics"),
    # a place of several words (ロストフ・ナ・ドヌー, Rostov-on-Don); 大学 for a Russian "institute"
    ("連邦国家単一企業ロストフ・ナ・ドヌー無線通信研究所",
     "Federal State Unitary Enterprise Rostov-On-Don Research Institute of Radio Communications"),
    ("モスクワ航空大学", "Moscow Aviation Institute"),
])
def test_a_listed_russian_body_is_found_by_its_japanese_name(name: str, listed: str) -> None:
    # the list's own Japanese names taken away: the translation alone finds the entry, and asks (a name compared by
    # its sounds, and a translation, never confirm an identity)
    found = japanese_list_without_its_japanese_names().match(name, "RU")
    assert [(c.entity.name, c.decision) for c in found] == [(listed, "possible")]
    assert "translated from another script" in found[0].reasons[0]


@pytest.mark.parametrize(("name", "country"), [
    # a review's findings, each with the country of the listed body it sounded like: an acronym (CFTE, LTS) is no
    # katakana name; an r after a consonant, or an l, is not left out (Tokuyama: Telecom, Kikkoman: Kremny); m is
    # not n across a vowel (Embraer: Mobile); a name alone must be spelt alike (Citroën: Saturn) and be given the
    # country (Raytheon, Lawson: Aerosun)
    ("株式会社クボタ", "CN"), ("ラティス", "GB"), ("トクヤマ", "CN"), ("キッコーマン", "RU"), ("イルミナ", None),
    ("ホンダ", None), ("ヒュンダイ", None), ("エンブラエル", "CN"), ("レイセオン", None), ("ローソン", "RU"),
    ("ダイムラー", None), ("ブラザー工業株式会社", "RU"), ("アシックス", "SG"), ("ベネッセ", "AE"), ("サフラン", "IR"),
    ("シェブロン", "IR"), ("ソルボンヌ", "CN"), ("シトロエン", "RU"), ("ネクソン", "HK"), ("マイクロン", "RU"),
    ("ザイリンクス", None), ("メルカリ", None), ("アイフライテック", "CN"),
    # words that say only what kind of body it is: no body of its own (nor in Chinese: 研究中心)
    ("研究センター", None), ("研究開発センター", None), ("株式会社センター", None), ("研究中心", None),
    # a second review's: the consonants alone say too little (プラチナ, platinum, has Parchin's; フロンティア,
    # frontier, Volant's); one word of the dictionaries alone names no body ("system": Russian Systems Corporation;
    # "electronic": China Electronics Corporation), in Chinese as in Japanese
    ("プラチナ化学工業株式会社", None), ("プラチナ化学工業", "IR"), ("中国フロンティア工業", "CN"), ("システム", "RU"),
    ("システムズ株式会社", None), ("エレクトロニクス", None), ("电子", None), ("电子公司", None),
])
def test_katakana_names_of_other_bodies_find_nothing(ruleset: RuleSet, name: str, country: str | None) -> None:
    assert ruleset.matcher.match(name, country) == []


@pytest.mark.parametrize("name", [
    "キオクシア株式会社",  # Kioxia: two consonants, k-s, as the listed ICS RAS's acronym
    "東京工業大学", "理化学研究所", "産業技術総合研究所", "宇宙航空研究開発機構", "三菱重工業株式会社", "富士通株式会社",
    "ソニーグループ株式会社", "浜松ホトニクス株式会社", "マサチューセッツ工科大学", "ノルウェー科学技術大学", "オスロ大学",
    "トロント大学", "マックス・プランク研究所", "ノルウェー国防研究所", "電子航法研究所", "株式会社国際電気通信基礎技術研究所",
])
@pytest.mark.parametrize("country", ["JP", None])
def test_japanese_names_of_innocent_bodies_find_nothing(ruleset: RuleSet, name: str, country: str | None) -> None:
    assert ruleset.matcher.match(name, country) == []
