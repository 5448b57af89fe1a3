"""Names written in Chinese, Japanese, Cyrillic or Persian/Arabic script → English-like tokens.

Why: the lists name institutions in English, and only ASPI also gives Chinese names. A proposal may
name a partner as 哈尔滨工业大学, Московский физико-технический институт or دانشگاه صنعتی شریف.
We translate the institution words that recur in such names with a small dictionary
(大学 → university, институт → institute, دانشگاه → university …) and romanise the rest (place and
person names) with ``anyascii``.

Why two readers: Chinese place names need a reader that knows heteronyms: 重庆 is Chongqing and
长春 Changchun, where a character-by-character table (anyascii) writes "zhongqing" and "zhangchun"
and the match is lost. :func:`~collabguard.matching.han_reading.read_aloud` reads characters as words,
from the readings of pypinyin's dictionaries written out in ``han-readings.yaml`` (MIT; pypinyin itself
is not imported: its dictionaries held 57 MB). For Cyrillic and Arabic/Persian script, ``anyascii`` (one small, dependency-free,
deterministic table for every script) romanises well enough: Russian comes out in a common
scholarly-ASCII form, and Persian, which has no short vowels, is compared by consonant skeleton.
Persian is written without short vowels, so its romanised words are compared by consonant
skeleton (شریف → "shryf" → "shrf" = "sharif" → "shrf"); see :func:`skeleton`.

A translated word may stand for several English words (学院 is a college, institute, academy or
school): such a token is written ``college|institute|academy|school`` and pairs with any of them
(the marks are :mod:`collabguard.matching.query_words`'s; the dictionary's data file uses the same).
A word English names often leave out is optional, written with "?" (理工 is "science? technology":
South China University of Technology, but Nanjing University of Science and Technology); every
other translated word must pair, so 苏州科技大学 (Suzhou University of Science and Technology) is not
Suzhou University. A university renders 科技 in full (科技大学: 武汉科技大学 is not Wuhan University of
Technology, 武汉理工大学), a company often as "Technology" alone (中国电子科技集团: China Electronics
Technology Group). NUDT, whose English name says only "Technology", is found by the Chinese name the
ASPI list gives. A Latin name with a pinyin institution word ("Harbin Gongye Daxue") is read the
same way, word by word (:func:`translate_pinyin`). A name written in Japanese (kana, a character only
Japanese writes, a Japanese legal form) is read by :mod:`collabguard.matching.japanese_reading`, its kanji
the Japanese table lacks through the Chinese reader here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from anyascii import anyascii

from collabguard.matching.han_reading import read_aloud
from collabguard.matching.japanese_reading import WORDS as JAPANESE
from collabguard.matching.japanese_reading import is_japanese, read_japanese
from collabguard.matching.normalize import without_legal_phrases
from collabguard.matching.query_words import by_skeleton, is_optional, readings, written
from collabguard.reference.lexicons import name_words, translations

# The dictionaries are data (reference/matching/translations.yaml, with their sources). Chinese
# institution words, longest first when applied. Values: English alternatives, "|"-joined; several
# space-separated tokens for a phrase; "" to drop (legal forms).
_TABLES = translations()
CHINESE: dict[str, str] = _TABLES.chinese
# Pinyin words that English names of Chinese institutions keep untranslated ("Hangzhou Dianzi
# University", "Nanchang Hangkong University"): they pair with their English meaning.
PINYIN: dict[str, tuple[str, ...]] = _TABLES.pinyin_in_english
# Russian institution words after romanisation (stems: a word starting with the key).
RUSSIAN: dict[str, str] = _TABLES.russian
# The kinds of body Russian names write as acronyms ("NPP"), read in a Russian name in Latin letters only.
RUSSIAN_ACRONYMS: dict[str, str] = _TABLES.russian_acronyms
# Persian/Arabic institution words, matched before romanisation.
PERSIAN: dict[str, str] = _TABLES.persian
# Traditional characters that occur in institution names → the simplified ones the dictionary uses.
TRADITIONAL = str.maketrans(_TABLES.traditional)

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_CHINESE_KEYS = sorted(CHINESE, key=len, reverse=True)
# the same, by their first character (the longest first): only the words that may begin at a character are tried
_KEYS_BY_FIRST: dict[str, tuple[str, ...]] = {
    first: tuple(k for k in _CHINESE_KEYS if k[0] == first) for first in {k[0] for k in _CHINESE_KEYS}}
_VOWELS = set("aeiouy")


def script_of(text: str) -> str:
    """'cjk', 'cyrillic', 'arabic' or 'latin' (the first non-Latin script found wins)."""
    if _CJK.search(text):
        return "cjk"
    if _CYRILLIC.search(text):
        return "cyrillic"
    if _ARABIC.search(text):
        return "arabic"
    return "latin"


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """Consonant skeleton for comparing words from abjad scripts: vowels (and y/w) dropped,
    doubled letters collapsed, h after a consonant dropped. "hossein" → "hsn", "hsyn" → "hsn"."""
    out: list[str] = []
    for ch in word.lower():
        if not ch.isalpha() or ch in _VOWELS or ch == "w":
            continue
        if ch == "h" and out and out[-1] not in "h":
            if out[-1] in "sckzgd":  # sh, ch, kh, zh, gh, dh: keep the digraph as its first letter
                continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


def _pinyin(text: str) -> str:
    """A run of Chinese characters with no dictionary word in it, usually a place name, as one
    pinyin word (北京 → beijing, 重庆 → chongqing)."""
    return "".join(read_aloud(text))


def _romanise(text: str) -> list[str]:
    ascii_text = anyascii(text).lower()
    return [t for t in re.split(r"[^a-z0-9-]+", ascii_text) if t]


# Chinese numerals, for the numbered institutes of the groups (中国电子科技集团公司第十四研究所, the lists' "14th Research
# Institute"; 第七一五研究所, digit by digit, the "715th"): after 第 only, where they are an ordinal
_ORDINAL = "第"
_NUMERAL_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL_UNITS = {"十": 10, "百": 100}


def _numeral(run: str) -> int:
    """十四 → 14, 三十八 → 38, 一百零二 → 102 (by units); 七一五 → 715, 七〇二 → 702 (digit by digit)."""
    if not any(c in _NUMERAL_UNITS for c in run):
        return int("".join(str(_NUMERAL_DIGITS[c]) for c in run))
    value, digit = 0, 0
    for c in run:
        if c in _NUMERAL_UNITS:
            value += (digit or 1) * _NUMERAL_UNITS[c]
            digit = 0
        else:
            digit = _NUMERAL_DIGITS[c]
    return value + digit


_NUMBERED_BODIES: tuple[str, ...] = _TABLES.chinese_numbered_bodies
MAX_NUMERAL = 4  # characters: 一百零二; a longer run is no institute's number
_NUMERAL_FORM = re.compile(r"^(?:[一二三四五六七八九两]?十[一二三四五六七八九]?|[一二三四五六七八九两]百(?:零[一二三四五六七八九]|"
                           r"[一二三四五六七八九]?十[一二三四五六七八九]?)?|[零〇一二三四五六七八九]+)$")


def _ordinal_at(text: str, i: int) -> tuple[str, int]:
    """The ordinal 第 + numeral at ``i`` as a word ("14"; "2|second", with the dictionary's word for 第二), and its
    length; ("", 0) if none begins there. A numeral of several characters only before what it numbers (研究所 …)
    and well formed (not 第十十)."""
    if text[i] != _ORDINAL:
        return "", 0
    end = i + 1
    while end < len(text) and end - i <= MAX_NUMERAL and (text[end] in _NUMERAL_DIGITS or text[end] in _NUMERAL_UNITS):
        end += 1
    run = text[i + 1:end]
    if not run or (len(run) > 1 and not (_NUMERAL_FORM.match(run) and text.startswith(_NUMBERED_BODIES, end))):
        return "", 0
    number = str(_numeral(run))
    word = CHINESE.get(text[i:end], "")
    return (f"{number}|{word}" if word and " " not in word else number), end - i


def _chinese(text: str) -> list[str]:
    out: list[str] = []
    i, rest = 0, ""
    while i < len(text):
        ordinal, size = _ordinal_at(text, i)
        if size:
            if rest:
                out.append(_pinyin(rest))
                rest = ""
            out.append(ordinal)
            i += size
            continue
        key = next((k for k in _KEYS_BY_FIRST.get(text[i], ()) if text.startswith(k, i)), None)
        if key is None:
            if _CJK.match(text[i]):
                rest += text[i]
            else:
                if rest:
                    out.append(_pinyin(rest))
                    rest = ""
                out.extend(_romanise(text[i]))
            i += 1
            continue
        if rest:
            out.append(_pinyin(rest))  # a place name: 哈尔滨 → haerbin
            rest = ""
        out.extend(CHINESE[key].split())
        i += len(key)
    if rest:
        out.append(_pinyin(rest))
    return out


_CYRILLIC_INITIAL = re.compile(r"(?<![\w.])[А-ЯЁ]\.\s*")  # "А. Ю. Ишлинского": initials say nothing (Ю is "yu")


def _russian(text: str) -> list[str]:
    # soft and hard signs dropped; the legal form written out ("Федеральное государственное бюджетное учреждение
    # науки", read as "federalnoe gosudarstvennoe byudzhetnoe uchrezhdenie nauki") dropped as the normaliser drops
    # it from a name in Latin letters, before its words are translated (a state institution is not the name)
    text = _CYRILLIC_INITIAL.sub(" ", text)
    romanised = _romanise(text.replace("ь", "").replace("Ь", "").replace("ъ", "").replace("Ъ", ""))
    return _russian_words(without_legal_phrases(romanised))


def _russian_words(words: Iterable[str], acronyms: bool = False) -> list[str]:
    """Russian words in Latin letters, through the Russian table (stems); with ``acronyms``, the kinds of
    body written as acronyms too ("NPP": scientific production enterprise)."""
    out: list[str] = []
    named_after = False  # the person a body is named after (имени, им.) stands in the genitive
    for word in (part for whole in words for part in _russian_parts(whole)):
        if acronyms and word in RUSSIAN_ACRONYMS:
            out.extend(RUSSIAN_ACRONYMS[word].split())
            continue
        if named_after and word in _EPONYM_TITLES:
            continue  # имени академика, профессора …: the person comes next
        if named_after and len(word) > len(_SURNAME_GENITIVE) + 3 and word.endswith(_SURNAME_GENITIVE):
            surname = word[: -len(_SURNAME_GENITIVE)]  # им. Н. Е. Жуковского: Zhukovsky, Zhukovskiy as the lists write it
            out.append("|".join(f"{surname}sk{end}" for end in ("y", "iy", "ii", "i")))
            named_after = False
            continue
        if named_after and len(word) > 4 and word.endswith("a") and not _RU_PLACE_ADJECTIVE.match(word):
            out.append(f"{word}|{word[:-1]}")  # им. А. Н. Туполева → "tupoleva|tupolev"; Баумана → bauman
            named_after = False
            continue
        if word in ("imeni", "im"):
            named_after = True
        elif len(word) > 1:
            named_after = False
        stem = _russian_stem(word)
        if stem is not None:
            said = RUSSIAN[stem].split()
            # a word the table reads as one English word may be a name the lists keep in Latin letters
            # ("Kombinat Elektrokhimpribor", "Concern Avtomatika", "ZAO Svyaz Inzhiniring"): the word itself
            # is read too, but for a word that says only what kind of body it is, which an English name
            # translates ("Nauchno": scientific, left out where the English name leaves it out)
            keep = len(said) == 1 and len(stem) > 3 and not all(a in _GENERIC for a in readings(said[0]))
            out.extend([f"{said[0]}|{word}"] if keep else said)
        elif (m := _RU_PLACE_ADJECTIVE.match(word)) is not None:
            # a place as an adjective: Томский → "tomsk", Астраханский → "astrakhansk|astrakhan"
            out.append(f"{m.group(1)}sk|{m.group(1)}")
        elif len(word) > 1:  # initials ("N. E.") say nothing
            out.append(word)
    return out


_RUSSIAN_KEYS = sorted(RUSSIAN, key=len, reverse=True)
_EPONYM_TITLES: frozenset[str] = _TABLES.russian_eponym_titles
_SURNAME_GENITIVE = "skogo"  # Жуковского: the genitive of a surname in -sky
_GENERIC: frozenset[str] = name_words().generic_words


@lru_cache(maxsize=4096)
def _russian_stem(word: str) -> str | None:
    return next((k for k in _RUSSIAN_KEYS if word == k or (len(k) > 3 and word.startswith(k))), None)


def _russian_parts(word: str) -> list[str]:
    """A hyphenated word as a key of the table holds it ("nauchno-issledovatelskiy"), else its parts where
    the table reads them ("nauchno-proizvodstvennoe" is scientific production, not scientific alone)."""
    if "-" not in word or ((stem := _russian_stem(word)) is not None and "-" in stem):
        return [word]
    parts = [part for part in word.split("-") if part]
    # a place's name stays whole ("rostov-na-donu"): only words the table reads are split
    return parts if sum(_russian_stem(part) is not None for part in parts) >= 2 else [word]


# Words only a Russian name in Latin letters holds ("Nauchno-Proizvodstvennoe Predpriyatie"): stems
_RUSSIAN_TYPES: tuple[str, ...] = tuple(sorted(_TABLES.russian_types, key=len, reverse=True))


def translate_russian_latin(words: tuple[str, ...]) -> tuple[str, ...]:
    """English-like tokens for a Russian name written in Latin letters (the words of :func:`tokens`),
    or () when it holds no word only such a name holds. "AO Nauchno-Proizvodstvennoe Predpriyatie Topaz"
    → scientific, production, enterprise, topaz."""
    if not any(w.startswith(_RUSSIAN_TYPES) for w in words):
        return ()
    return tuple(_normal(t) for t in _russian_words(words, acronyms=True) if t)


# a place as a Russian adjective (translations.yaml russian_adjective_inflections): "tomskiy", "kazanski"
_RU_PLACE_ADJECTIVE = re.compile(r"^([a-z-]{3,})sk(?:" + "|".join(
    sorted(_TABLES.russian_adjective_inflections, key=len, reverse=True)) + ")$")


# Arabic letters Latin names write as nothing: the ayn and the hamza ("Qaida" for القاعدة, not "Qa'ida"; romanised
# as an apostrophe, they split a word in two)
_SILENT = str.maketrans({"ع": "", "ء": ""})
# the Arabic kaf and yeh written as the Persian ones (مركز is مرکز): one dictionary for names typed either way
# (and the hamza's seats as the letters they sit on, which the dictionary's keys are read with too)
_PERSIAN_LETTERS = str.maketrans({"ك": "ک", "ي": "ی", "ى": "ی", "أ": "ا", "إ": "ا", "ؤ": "و", "ئ": "ی"})
_ARTICLE = "ال"  # al-: "Ansar al-Islam", "Al-Qaida", which Latin names write as a word of its own, or leave out
_WITH_ARTICLE = ("وال", "لل")  # wa-l- ("and the": والبحوث), li-l- ("for the": للصناعات)
_GOD = "الله"  # Allah, which Latin names write as one word ("Hezbollah", "Baqiyatallah"), not al- and a word
_TA_MARBUTA = "ة"  # "Asbat al-Ansar" (عصبة الأنصار): t in a noun before a word with the article, else a vowel
_DICTIONARY = {k.translate(_PERSIAN_LETTERS): v for k, v in PERSIAN.items()}


_PERSIAN_ONLY = frozenset("پچژگ")  # letters Persian has and Arabic does not
_CONSTRUCT_ENDINGS = (_TA_MARBUTA, "یه")  # -at before Allah: بقیة الله, بقیه‌الله (Baqiyatallah); Persian writes ة as ه
_JOINED_HEAD = 3  # letters of a word that Latin names write as one word with Allah after it (حزب, عبد, نصر, روح)
_ZWNJ = "\u200c"


def _with_allah_joined(words: list[str]) -> list[str]:
    """A short word and الله after it as one word, as Latin names write them (حزب الله: Hezbollah; عبد الله:
    Abdullah), and a noun ending in ة (or Persian یه) before it, the ending read as t (بقیه‌الله, بقیة الله:
    Baqiyatallah); a longer word stays apart, as the lists write it (أنصار الله: Ansar Allah). Allah alone, or
    first, stays a word of its own."""
    out: list[str] = []
    for word in words:
        bare = word.replace(_ZWNJ, "")
        if bare == _GOD and out and out[-1] != _GOD:
            head = out[-1].replace(_ZWNJ, "")
            if len(head) > _JOINED_HEAD and not head.endswith(_CONSTRUCT_ENDINGS):
                out.append(word)
                continue
            bare = out.pop().replace(_ZWNJ, "") + _GOD
        if bare.endswith(_GOD) and len(bare) > len(_GOD):
            head = bare[: -len(_GOD)]
            if head.endswith(_CONSTRUCT_ENDINGS):
                head = head[:-1] + "ت"
            word = head + _GOD
        out.append(word)
    return out


def _persian(text: str) -> list[str]:
    out: list[str] = []
    # the Arabic article is read apart in an Arabic name only: a Persian one begins words with ال that are no
    # article (البرز, Alborz; الماس, diamond; والفجر, Valfajr)
    arabic = _PERSIAN_ONLY.isdisjoint(text)
    words = _with_allah_joined(text.translate(_PERSIAN_LETTERS).replace("ـ", "").replace("،", " ").split())
    for i, word in enumerate(words):
        key = word.strip(_ZWNJ + ".,()")
        if key not in _DICTIONARY and _ZWNJ in key:  # پژوهش‌های: a suffix joined by a zero-width non-joiner
            key = key.replace(_ZWNJ, "")
        if key in _DICTIONARY:
            out.extend(_DICTIONARY[key].split())
            continue
        # the article apart (optional: "Ansar Eddine" writes it into the word), also after "and", "for"
        article = next((len(a) for a in (*_WITH_ARTICLE, _ARTICLE) if key.startswith(a) and len(key) > len(a) + 1),
                       0) if arabic and key != _GOD else 0
        if article:
            out.append("al?")
            key = key[article:]
        if key.endswith(_TA_MARBUTA) and key not in _DICTIONARY:
            after = words[i + 1] if i + 1 < len(words) else ""
            persian = key[:-1] + "ه"  # مؤسسة, as Persian writes it: مؤسسه
            key = persian if persian in _DICTIONARY else key[:-1] + ("ت" if not article and after.startswith(_ARTICLE) else "")
        if key in _DICTIONARY:
            out.extend(_DICTIONARY[key].split())
        else:
            out.extend(by_skeleton(w) for w in _romanise(key.translate(_SILENT)))  # compared by consonant skeleton
    return out


# Institution-type words written in pinyin ("Harbin Gongye Daxue"): a Latin name holding one of
# them is read as pinyin, each word through the dictionary above.
_PINYIN_TYPES: frozenset[str] = _TABLES.pinyin_types


@lru_cache(maxsize=1)
def _pinyin_words() -> dict[str, str]:
    """The dictionary's Chinese words of two characters or more, by their pinyin (大学 → daxue)."""
    out: dict[str, str] = {}
    for key in sorted(CHINESE, key=len):
        if len(key) >= 2:
            out.setdefault("".join(read_aloud(key)), CHINESE[key])
    return out


def translate_pinyin(words: tuple[str, ...]) -> tuple[str, ...]:
    """English-like tokens for a name written in pinyin (the words of :func:`tokens`), or () when
    it has no pinyin institution-type word. "Xibei Gongye Daxue" → northwestern|northwest,
    industry|…|polytechnic, university."""
    if not any(w in _PINYIN_TYPES for w in words):
        return ()
    table = _pinyin_words()
    out: list[str] = []
    i = 0
    while i < len(words):
        # the longest dictionary word, over neighbouring pinyin words too ("keji daxue" is 科技大学)
        span = next((n for n in (3, 2, 1) if "".join(words[i:i + n]) in table and i + n <= len(words)), 0)
        if span:
            out.extend(table["".join(words[i:i + span])].split())
            i += span
        else:
            out.append(words[i])
            i += 1
    return tuple(_normal(t) for t in out if t)


@lru_cache(maxsize=16384)
def translate(text: str) -> tuple[str, ...]:
    """English-like tokens for a non-Latin name ("" tokens dropped); empty for Latin text."""
    text = unicodedata.normalize("NFKC", text)
    script = script_of(text)
    if script == "cjk" and is_japanese(text):
        tokens = read_japanese(text, lambda run: _chinese(run.translate(TRADITIONAL)))
    elif script == "cjk":
        tokens = _chinese(text.translate(TRADITIONAL))
    elif script == "cyrillic":
        tokens = _russian(text)
    elif script == "arabic":
        tokens = _persian(text)
    else:
        return ()
    return tuple(_normal(t) for t in tokens if t)


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Every English word the dictionaries translate a word into, as a translation spells it (the Chinese, Russian,
    Persian and Japanese tables): a translation of one such word alone names no body (システム, "system"; 电子,
    "electronic"), whatever listed name it is the only word of but for a country and a legal form."""
    values = (*CHINESE.values(), *RUSSIAN.values(), *RUSSIAN_ACRONYMS.values(), *PERSIAN.values(), *JAPANESE.values())
    return frozenset(a for value in values for token in value.split() for a in readings(_normal(token)))


@lru_cache(maxsize=65536)
def _normal(token: str) -> str:
    """A translated word spelt as list names are normalised ("forces" → force, "sciences" → science)."""
    from collabguard.matching.normalize import ABBREVIATIONS

    alts = [ABBREVIATIONS.get(a, a) for a in readings(token)]
    return written([a for a in dict.fromkeys(alts) if " " not in a], optional=is_optional(token))
