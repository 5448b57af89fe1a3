"""Katakana → Latin letters, and a name so written compared with the lists' Latin spelling by its sounds.

Japanese writes a foreign body's own name in katakana, as it sounds: ツィクロン (Tsiklon), ブレヴェストニク
(Burevestnik), グロモフ (Gromov). Romanised (Hepburn, japanese.yaml ``kana``), such a name keeps the name's
consonants but not its spelling: Japanese has one sound for l and r (tsikuron), writes a final v as f (gromofu),
kh as h (harukevichi, Kharkevich), inserts vowels between consonants and may leave out an r after a vowel
(マース, maasu: Mars). :func:`sound_key` writes a word's consonants as Japanese tells them apart, so that the
romanised name and the lists' spelling have the same key: l and r are one sound, v, f, b and h one (ヴ, フ, バ and
ハ each stand for some of them), z and s one, ch, kh, ph, sh and zh one letter each, c and q are k, m before p or
b is n and n before m nothing (インパルス, impulse; ガンマ, gamma); c before e, i and y is s (テンセント, Tencent).
The key finds the list words a name may be; the consonants say too little to pair them (ラティス, Lattice, and the
acronym LTS are r-t-s; プラチナ, platinum, and Parchin p-r-ch-n): the name must also be spelt as the list word is,
vowels too, but for the letters Japanese writes alike and the vowels it adds (:func:`spelled_alike`). Compared so,
a katakana name is a weak word (compare.pair_kind: "skeleton"), as a Persian name compared by its consonants is:
the other words of the name (研究所, institute) must pair as well, and a katakana name alone must be given its
country (stages/reading.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from collabguard.reference.lexicons import japanese

KANA: dict[str, str] = japanese().kana
_LONGEST = max(len(k) for k in KANA)
_HIRAGANA = range(0x3041, 0x3097)  # read as the katakana of the same sound, 0x60 further on
_KATAKANA_SHIFT = 0x60

# spellings of one consonant, replaced in order (the longest first) before the consonants are read (sh is s, as シ
# is the only way Japanese writes si)
_SPELLINGS = (("shch", "sç"), ("tch", "ç"), ("dzh", "j"), ("ch", "ç"), ("kh", "h"), ("ph", "f"), ("zh", "j"),
              ("sh", "s"), ("gh", "g"), ("dh", "d"), ("ck", "k"), ("ce", "se"), ("ci", "si"), ("cy", "sy"), ("c", "k"),
              ("q", "k"), ("x", "ks"))
_ONE_SOUND_LETTERS = {"l": "r", "v": "b", "f": "b", "h": "b", "z": "s"}  # letters Japanese writes alike
_ONE_SOUND = str.maketrans(_ONE_SOUND_LETTERS)
_SILENT = frozenset("aeiouyw")
MIN_KEY = 2  # consonants a key needs to pair at all


def is_kana(ch: str) -> bool:
    return 0x3041 <= ord(ch) <= 0x30FA or ch == "ー"


def romanise(text: str) -> str:
    """Katakana (or hiragana) → Latin letters: ツィクロン → tsikuron; other characters are left out."""
    text = "".join(chr(ord(c) + _KATAKANA_SHIFT) if ord(c) in _HIRAGANA else c for c in text)
    out: list[str] = []
    i = 0
    while i < len(text):
        size = next((n for n in range(_LONGEST, 0, -1) if text[i:i + n] in KANA), 0)
        if size:
            out.append(KANA[text[i:i + size]])
            i += size
        else:
            i += 1
    return "".join(out)


# an r after a vowel and before a consonant or the end, which Japanese writes as a long vowel (マース: Mars)
_R_AFTER_VOWEL = re.compile(r"(?<=[aeiou])r(?=[b-df-hj-np-tv-zç]|$)")
_NASALS = ((re.compile(r"m(?=[bp])"), "n"), (re.compile(r"n(?=m)"), ""))  # as letters, side by side


def _respelt(text: str) -> str:
    """The text in lower case, each consonant spelt with one letter (_SPELLINGS)."""
    text = unicodedata.normalize("NFKD", text.lower())
    for spelling, letter in _SPELLINGS:
        text = text.replace(spelling, letter)
    return text


@lru_cache(maxsize=65536)
def sound_key(word: str) -> str:
    """A word's consonants as Japanese tells them apart: tsiklon and tsikuron → tskrn; gromov and gromofu → grmb."""
    text = _respelt(word)
    for nasal, written in _NASALS:  # "impulse", インパルス (inparusu); "gamma", ガンマ (ganma)
        text = nasal.sub(written, text)
    out: list[str] = []
    for ch in text:
        if ch in _SILENT or not ch.isalpha() or (not ch.isascii() and ch != "ç"):
            continue
        ch = ch.translate(_ONE_SOUND)
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def keys_of(word: str) -> tuple[str, ...]:
    """The keys under which a list word is found for a katakana name: its key, and its key without an r written
    after a vowel and before a consonant or the end (マース, maasu, for Mars: Japanese writes such an r as a long
    vowel); never an r after a consonant (kr, tr) or an l."""
    key = sound_key(word)
    dropped = {sound_key(word[:m.start()] + word[m.end():]) for m in _R_AFTER_VOWEL.finditer(word.lower())}
    return (key, *sorted(k for k in dropped if len(k) >= MIN_KEY and k != key))


# the vowel Japanese adds after a consonant, before another or the end: u (arutai: Altai; tsu: ts), o after t and d
# (tokuto), i after ch, sh and j (チ, シ, ジ: harukevichi, Kharkevich)
_ADDED_VOWEL = re.compile(r"(?:(?<=[b-df-hj-np-tv-zç])u|(?<=[td])o|(?<=[çsj])i)(?=[b-df-hj-np-tv-zç]|$)")
# letters written alike in a name's spelling, vowels kept: one letter for each consonant, as sound_key reads them;
# y read as i
_ALIKE = str.maketrans({**_ONE_SOUND_LETTERS, "y": "i", "w": "u"})
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def sounds_alike(romanised: str, word: str) -> bool:
    """Does a romanised katakana name sound like the list word ``word``: the same consonants as Japanese tells them
    apart (:func:`sound_key`), and spelt alike, vowels too (:func:`spelled_alike`)? The consonants alone say too
    little: プラチナ (puratina, platinum) has those of Parchin, フロンティア (frontier) those of Volant."""
    key = sound_key(romanised)
    return len(key) >= MIN_KEY and key in keys_of(word) and spelled_alike(romanised, word)


@lru_cache(maxsize=65536)
def spelled_alike(romanised: str, word: str) -> bool:
    """Is a romanised katakana name spelt as the list word, vowels too, but for the letters Japanese writes alike (l
    and r, v, f, b and h …), the vowels it adds and an r after a vowel it leaves out? arutai: Altai, kuron: Kulon,
    maasu: Mars, guromofu: Gromov; not shitoroen (Citroën): Saturn, nor maikuron (Micron): Mikron."""
    spoken = _spoken(romanised)
    return any(spoken.fullmatch(w) for w in (_alike(word), _alike(_R_AFTER_VOWEL.sub("", word.lower()))))


def _alike(text: str) -> str:
    """The text as Japanese would spell it alike: vowels kept, each consonant one letter of its sound (_ALIKE)."""
    text = "".join(ch for ch in _respelt(text) if (ch.isascii() and ch.isalpha()) or ch == "ç").translate(_ALIKE)
    return _DOUBLED.sub(r"\1", text.replace("nm", "mm"))


def _spoken(romanised: str) -> re.Pattern[str]:
    """The spellings a romanised name may stand for: each vowel Japanese may have added left out or kept (irukuto:
    irkut, irkuto …)."""
    text = _alike(romanised)
    added = {m.start() for m in _ADDED_VOWEL.finditer(text)}
    return re.compile("".join(f"{ch}?" if i in added else re.escape(ch) for i, ch in enumerate(text)))
