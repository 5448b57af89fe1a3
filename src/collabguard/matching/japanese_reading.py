"""A name written in Japanese → English-like words, as :mod:`collabguard.matching.translate` reads other scripts.

Japan's export-ban list names its Russian entities in Japanese (ツィクロン中央研究開発所, "Central Research and
Development Institute Tsiklon"), and a Japanese partner or document names foreign bodies so. Such a name mixes three
things: words in kanji that say what the body is (研究所, institute; 株式会社, a legal form), loanwords in katakana
(センター, center) and the body's own name in katakana, as it sounds (ツィクロン). The words are translated with
japanese.yaml's table, the longest first; a run of kanji that table does not hold is read through the Chinese table
(the characters in the simplified forms it is written in, kanji-forms.yaml: 応用 is 应用, applied); a katakana word
it does not hold is romanised (:mod:`collabguard.matching.kana`) and compared by its sounds (a word marked by
:func:`~collabguard.matching.query_words.by_sound`). Latin letters in the name (SAPSAN, ISE SO RAN) are read as
written; initials (Ｐ．Ｉ．, read P.I.) say nothing.

A name is read as Japanese when it holds kana, a character only Japanese writes (kanji-forms.yaml japanese_only:
応, 発, 団) or a word only Japanese names hold (japanese.yaml marks: 株式会社); any other name in Chinese
characters is read as Chinese, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from collabguard.matching.kana import is_kana, romanise
from collabguard.matching.query_words import by_sound
from collabguard.reference.lexicons import japanese, kanji_forms

_TABLES = japanese()
WORDS: dict[str, str] = _TABLES.words
_MARKS: tuple[str, ...] = _TABLES.marks
_FORMS = kanji_forms()
SIMPLIFIED = str.maketrans(_FORMS.simplified)
_JAPANESE_ONLY: frozenset[str] = _FORMS.japanese_only
_KEYS = sorted(WORDS, key=len, reverse=True)
# the words that may begin at a character, the longest first (as translate's Chinese table is read)
_KEYS_BY_FIRST: dict[str, tuple[str, ...]] = {first: tuple(k for k in _KEYS if k[0] == first) for first in {k[0] for k in _KEYS}}
_HAN = re.compile(r"[\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")  # 々 repeats the kanji before it
# a dash after katakana is the long-vowel mark, as written with the full-width hyphen (フィスコ－, read "-" after NFKC)
_DASH_AS_LONG_VOWEL = re.compile(r"(?<=[\u30a1-\u30fa])[-‐](?![A-Za-z0-9])")
_LATIN = re.compile(r"[A-Za-z0-9]+")
MAX_KANA = 40  # kana in a name's own word, at most (a longer run is cut: the matcher's caches hold words whole)


def is_japanese(text: str) -> bool:
    """Is this name written in Japanese (kana, a character only Japanese writes, or a Japanese legal form)?"""
    return any(is_kana(ch) and ch != "ー" for ch in text) or not _JAPANESE_ONLY.isdisjoint(text) or any(
        m in text for m in _MARKS)


def read_japanese(text: str, read_kanji: Callable[[str], list[str]]) -> list[str]:
    """The words of a Japanese name (NFKC-normalised), in order; ``read_kanji`` reads a run of kanji the Japanese table
    does not hold (given in simplified forms): the Chinese reader."""
    text = _DASH_AS_LONG_VOWEL.sub("ー", text)
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        key = next((k for k in _KEYS_BY_FIRST.get(ch, ()) if text.startswith(k, i) and _ends_word(text, i, k)), None)
        if key is not None:
            out.extend(WORDS[key].split())
            i += len(key)
        elif is_kana(ch):
            end = i
            while end < len(text) and is_kana(text[end]) and not _word_at(text, end, i, kana=False):
                end += 1
            # one of too few consonants to pair (ファーウェイ) pairs nothing; a run longer than any name is cut
            if romanised := romanise(text[i:min(end, i + MAX_KANA)]):
                out.append(by_sound(romanised))
            i = end
        elif _HAN.match(ch):
            end = i
            while end < len(text) and _HAN.match(text[end]) and not _word_at(text, end, i):
                end += 1
            out.extend(read_kanji(text[i:end].translate(SIMPLIFIED)))
            i = end
        elif (m := _LATIN.match(text, i)) is not None:
            if len(m.group()) > 1:  # an acronym or a name in Latin letters, read as written; initials (P.I.) say nothing
                out.append(m.group().lower())
            i = m.end()
        else:
            i += 1  # separators (・, 、, brackets) and marks
    return out


def _ends_word(text: str, at: int, key: str) -> bool:
    """Does the table word ``key`` at ``at`` end a word? A word in katakana only where no katakana follows it but
    another table word: ロシアン and テクノロジーズ are words of their own, not ロシア, テクノロジー and a sound."""
    end = at + len(key)
    if end >= len(text) or not is_kana(text[end]) or not all(is_kana(c) for c in key):
        return True
    return any(text.startswith(k, end) for k in _KEYS_BY_FIRST.get(text[end], ()))


def _word_at(text: str, at: int, start: int, kana: bool = True) -> bool:
    """Does a word of the Japanese table begin at ``at`` (after ``start``), ending the run of kana or kanji before it?
    Without ``kana``, a word in katakana only does not: a run of katakana is one word (トレーダーズ, traders, is no
    "to" and radar; ラスベガス no "rasube" and gas), which a kanji word may end (ヴォルナ工場)."""
    return at > start and any(text.startswith(k, at) and (kana or not all(is_kana(c) for c in k))
                              for k in _KEYS_BY_FIRST.get(text[at], ()))
