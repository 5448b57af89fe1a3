"""Katakana → Latin letters, and a name so written compared with the lists' Latin spelling by its sounds.

Japanese writes a foreign body's own name in katakana, as it sounds: ツィクロン (Tsiklon), ブレヴェストニク
(Burevestnik), グロモフ (Gromov). Romanised (Hepburn, japanese.yaml ``kana``), such a name keeps the name's
consonants but not its spelling: Japanese has one sound for l and r (tsikuron), writes a final v as f (gromofu),
kh as h (harukevichi, Kharkevich), inserts vowels between consonants and may leave out an r after a vowel
(マース, maasu: Mars). :func:`sound_key` writes a word's consonants as Japanese tells them apart, so that the
romanised name and the lists' spelling have the same key: l and r are one sound, v, f, b and h one (ヴ, フ, バ and
ハ each stand for some of them), z and s one, ch, kh, ph and zh one letter each, c and q are k, m before p or b
is n and n before m nothing (インパルス, impulse; ガンマ, gamma). Compared by this key only, a katakana name is a weak word (compare.pair_kind: "skeleton"), as a Persian
name compared by its consonants is; the other words of the name (研究所, institute) must pair as well.
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

# spellings of one consonant, replaced in order (the longest first) before the consonants are read
_SPELLINGS = (("shch", "sç"), ("tch", "ç"), ("dzh", "j"), ("ch", "ç"), ("kh", "h"), ("ph", "f"), ("zh", "j"),
              ("ck", "k"), ("c", "k"), ("q", "k"), ("x", "ks"))
_ONE_SOUND = str.maketrans({"l": "r", "v": "b", "f": "b", "h": "b", "z": "s"})
_SILENT = frozenset("aeiouyw")
_AFTER_DIGRAPH = frozenset("sgdkzj")  # an h after these is part of the consonant (sh, gh, dh)
MIN_KEY = 2  # consonants a key needs to pair at all
SHORT_KEY = 3  # a key shorter says little (キオクシア, kiokushia, and ICS are both k-s): its spelling must agree too


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


@lru_cache(maxsize=65536)
def sound_key(word: str) -> str:
    """A word's consonants as Japanese tells them apart: tsiklon and tsikuron → tskrn; gromov and gromofu → grmb."""
    text = unicodedata.normalize("NFKD", word.lower())
    for spelling, letter in _SPELLINGS:
        text = text.replace(spelling, letter)
    out: list[str] = []
    for ch in text:
        if ch in _SILENT or not ch.isalpha() or (not ch.isascii() and ch != "ç"):
            continue
        if ch == "h" and out and out[-1] in _AFTER_DIGRAPH:
            continue
        ch = ch.translate(_ONE_SOUND)
        if out and out[-1] == ch:
            continue
        if ch in "bp" and out and out[-1] == "m":
            out[-1] = "n"  # "impulse", インパルス (inparusu)
        elif ch == "m" and out and out[-1] == "n":
            out.pop()  # "gamma", ガンマ (ganma)
            if out and out[-1] == ch:
                continue
        out.append(ch)
    return "".join(out)


def keys_of(word: str) -> tuple[str, ...]:
    """The keys under which a list word is found for a katakana name: its key, and its key without one r (マース,
    maasu, for Mars: Japanese may write an r after a vowel as a long vowel)."""
    key = sound_key(word)
    dropped = {key[:i] + key[i + 1:] for i, ch in enumerate(key) if ch == "r" and i > 0}
    return (key, *sorted(k for k in dropped if len(k) >= MIN_KEY and k != key))


# the vowel Japanese adds after a consonant (u; o after t and d): arutai for Altai, tsu for ts, tokuto for tkt
_ADDED_VOWEL = re.compile(r"(?:(?<=[b-df-hj-np-tv-z])u|(?<=[td])o)(?=[b-df-hj-np-tv-z]|$)")
_R_AFTER_VOWEL = re.compile(r"(?<=[aeiou])r(?=[b-df-hj-np-tv-z]|$)")


@lru_cache(maxsize=65536)
def sounds_alike(romanised: str, word: str) -> bool:
    """Does a romanised katakana name sound like the list word ``word``? A name of fewer than SHORT_KEY consonants
    must also be spelt as the word is, but for the vowels Japanese adds and an r after a vowel it leaves out
    (arutai: Altai, maasu: Mars)."""
    key = sound_key(romanised)
    if len(key) < MIN_KEY or key not in keys_of(word):
        return False
    if len(key) >= SHORT_KEY:
        return True
    spoken = _ADDED_VOWEL.sub("", romanised).replace("nm", "mm")
    written = word.replace("l", "r")
    return spoken in (written, _R_AFTER_VOWEL.sub("", written))
