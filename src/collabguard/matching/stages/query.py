"""One part of a name, read once for every decision stage; and what the stages share of the matcher."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from anyascii import anyascii

from collabguard.matching.cross_script import OwnNames
from collabguard.matching.index import NameIndex
from collabguard.matching.key_laboratories import LaboratoryIndex
from collabguard.matching.normalize import GENERIC_WORDS, acronym_key, fingerprint, looks_like_acronym, normalize, tokens
from collabguard.matching.parts import Part
from collabguard.matching.translate import script_of, translate, translate_pinyin, translate_russian_latin
from collabguard.models.report import MatcherConfig

_STOP_HEADS = ("and", "of", "the", "for")  # a stop word run into the next word: "andastronautics"


@dataclass(frozen=True, slots=True)
class Query:
    """A part of a name as the stages read it."""

    text: str  # as written
    norm: str  # normalised
    words: tuple[str, ...]  # the words compared: as written, or translated (see matching/query_words.py)
    foreign: bool  # translated from another script, or read as pinyin
    script: str  # the script it is written in: latin, han, cyrillic, arabic …
    written_words: tuple[str, ...]  # the words as written, normalised (before any translation)
    fingerprint: str  # the written words sorted (word-order and spacing stages)
    acronym: str  # the acronym a one-word name may be ("" if it is none)
    # Only generic words ("Institute of Technology"): no name to compare. A translated word with
    # several readings counts as a name's word, whatever they are.
    generic_only: bool


def read_query(text: str, index: NameIndex) -> Query | None:
    """The query the stages read for one part of a name (None when nothing of it is left)."""
    norm = normalize(text)
    if not norm:
        return None
    script = script_of(text)
    foreign = script != "latin"
    written = tokens(text)
    words = translate(text) if foreign else written
    if not foreign and (in_pinyin := translate_pinyin(words)):
        words, foreign = in_pinyin, True  # "Harbin Gongye Daxue": pinyin, read as a translation
    elif not foreign and any(t.startswith(_STOP_HEADS) for t in words):
        words = tuple(index.unjoined(t) for t in words)  # "andastronautics"
    acronym = _cyrillic_acronym(text) if script == "cyrillic" else _acronym(text, norm)
    return Query(text, norm, words, foreign, script, written, fingerprint(text), acronym,
                 all(w in GENERIC_WORDS for w in words))


def read_in_russian(query: Query) -> Query | None:
    """A Latin name read as Russian in Latin letters, through the Russian table ("AO Nauchno-Proizvodstvennoe
    Predpriyatie Topaz": scientific production enterprise topaz), as a translation; None unless it holds a
    word only such a name holds. Read only where the name as written finds nothing: the lists' English names
    keep some such words as names ("NPO Mashinostroyeniya")."""
    if query.foreign or not (words := translate_russian_latin(query.written_words)):
        return None
    return replace(query, words=words, foreign=True, generic_only=all(w in GENERIC_WORDS for w in words))


def _acronym(text: str, norm: str) -> str:
    """The acronym a one-word name may be ("" if it is none), its parts joined by hyphens or not ("NSCC-JN",
    "RFNC-VNIIEF": the lists' own acronyms). An affiliation abbreviation the normaliser writes out (RAS:
    Russian Academy of Sciences) is read as those words, never as another body's acronym (the UN list
    derives RAS from "Riyadh-as-Saliheen")."""
    if not looks_like_acronym(text) or not (key := acronym_key(text)):
        return ""
    # one word as normalised ("A/SEU": seu), or the acronym's own parts ("NSCC-JN": nscc jn)
    return key if " " not in norm or norm.replace(" ", "") == key.lower() else ""


MAX_CYRILLIC_ACRONYM = 10  # letters


def _cyrillic_acronym(text: str) -> str:
    """A Russian acronym written in Cyrillic capitals ("МФТИ", "ВНИИЭФ", "РФЯЦ-ВНИИЭФ"), in the Latin letters the
    lists write it with (MFTI, VNIIEF); "" if the name is none."""
    word = text.strip().rstrip(".,;:")  # "МГУ." at the end of an address's part
    letters = word.replace("-", "").replace("ь", "").replace("ъ", "").replace("Ь", "").replace("Ъ", "")
    if not (2 <= len(letters) <= MAX_CYRILLIC_ACRONYM and letters.isalpha() and letters.isupper() and " " not in word):
        return ""
    latin = anyascii(word).upper()
    return _acronym(latin, normalize(latin))


@dataclass(frozen=True, slots=True)
class Context:
    """What the stages share: the index of the lists' name forms, the settings, the entries' own
    Chinese names (a translation they contradict is set aside), and the units found in a name."""

    index: NameIndex
    config: MatcherConfig
    chinese: dict[str, OwnNames]
    parts_of: Callable[[str], list[Part]]
    laboratories: LaboratoryIndex | None = None  # the listed key laboratories, by subject (key_laboratories.py)
