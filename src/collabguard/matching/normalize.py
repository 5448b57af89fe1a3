"""Name normalisation for matching organisations.

A normalised form keeps every word that carries identity: org-type words are made uniform
("Univ." → university, "Centre" → center, plurals singular, Web of Science compass letters "NW" →
northwest) but never dropped, so a name cannot shrink to generic words only. Stop words, legal forms
("Co., Ltd.", "Joint Stock Company", "Federal State Unitary Enterprise"), "named after", initials
("P. N. Lebedev") and the PLA prefix of Chinese military names are dropped; a number is one word however
written ("38th", "No. 38": 38). Non-Latin scripts keep
their own script here; translation and romanisation are :mod:`collabguard.matching.translate`'s.

Also here: the other forms compared (the words in any order, the name without spaces, the acronym
a word could be) and the parts of a query string that are tried on their own (:func:`segments`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

from rapidfuzz.distance import OSA

from collabguard.reference.lexicons import legal_forms, name_words, places

# The word lists are data (reference/matching/name-words.yaml and legal-forms.yaml, with their sources):
# abbreviations common in affiliations and list entries → the full word; stop words; legal forms
# ("X Co., Ltd." is X) and legal forms written out in words, with the Russian "named after" (имени),
# dropped as phrases, the longest first.
_WORDS, _LEGAL = name_words(), legal_forms()
ABBREVIATIONS: dict[str, str] = _WORDS.abbreviations
ABBREVIATION_READINGS: dict[str, tuple[str, ...]] = _WORDS.abbreviation_readings  # matching/abbreviation_readings.py
STOP_WORDS: frozenset[str] = _WORDS.stop_words
LEGAL_FORMS: frozenset[str] = _LEGAL.legal_forms
LEGAL_PHRASES: tuple[tuple[str, ...], ...] = tuple(sorted((tuple(p.split()) for p in _LEGAL.legal_phrases),
                                                          key=len, reverse=True))
# the phrases by their first word, the longest first (a name's words are looked up by each of theirs)
_LEGAL_PHRASES_BY_START: dict[str, tuple[tuple[str, ...], ...]] = {
    start: tuple(p for p in LEGAL_PHRASES if p[0] == start) for start in dict.fromkeys(p[0] for p in LEGAL_PHRASES)}
MIN_MISSPELT = 6  # letters of a legal phrase's word read through a slip of one letter ("Instiuttion")
_PLA_PREFIX = re.compile(r"^(?:中国人民解放军|人民解放军|解放军)(?=.)")
_JOINED_LETTER = re.compile(r"(?<=[^\W\d_])-[^\W\d_]-(?=[^\W\d_])")
# single letters or digits joined by hyphens are one word: "3-K Electronics", "OOO A-K-S" (read as
# initials, they were dropped, and "3-K Electronics Limited" was the name "Electronics")
_HYPHENED_CHARACTERS = re.compile(r"(?<![^\W_])[^\W_](?:[-‐‑][^\W_])+(?![^\W_])")
# a letter joined by a hyphen to the word after it is that word's beginning: "X-Face", "T-Rubber Co.", "E-Chips"
# (read as an initial or a compass point, the letter was dropped or read as "east", and the words "Face" and
# "Rubber Co." were those companies' names). Read after the Persian ezafe ("Malek-e-Ashtar"), which it is not.
_LETTER_PREFIX = re.compile(r"(?<![^\W_])(?<![-‐‑])([^\W\d_])[-‐‑](?=[^\W\d_]{2})")
# a letter joined by a hyphen to the word before it ends that word: "Angstrem-T", "Angstrem-M" and "Angstrem" are
# three listed companies (read as an initial, the letter was dropped, and each was "the same name" as the others);
# not the Persian ezafe ("Sepah-e Pasdaran")
_LETTER_SUFFIX = re.compile(r"(?<=[^\W\d_]{2})[-‐‑]([^\W\d_e])(?![^\W_]|[-‐‑])")
_INITIAL = re.compile(r"(?<![^\W\d_])[^\W\d_]\.")
_INITIALS_RUN = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.)+(?:[^\W\d_]+\b)?")  # "a.c.", "r.i.a.", "p.ad"
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_S_AND_T = re.compile(r"\bs\s*(?:&|\band\b)\s*t\b")
_ORDINAL_NUMBER = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_LETTERS_AND = re.compile(r"\b[a-z]{1,2}(?:\s*&\s*[a-z]{1,2})+\b")
# single letters joined by "and" are one word too ("E and I Systems FZE", "R and M International FZCO"): read as
# a compass point and an initial, they were "East Systems" and "International"
_LETTERS_AND_WORD = re.compile(r"\b[a-z](?:\s+and\s+[a-z])+\b")

# Words that do not identify an organisation on their own (name-words.yaml). A name made only of these
# ("National Defense University", "Naval Academy", "Institute of Applied Physics") is generic:
# it never gives a match by itself, at most a possible one that a person must confirm.
GENERIC_WORDS: frozenset[str] = _WORDS.generic_words
_DESCRIPTIVE: frozenset[str] = _WORDS.company_descriptive_words
# initials that are a legal form ("S.A.", "K.K."), a country ("H.K.") or the lists' "a.k.a." and "f.k.a.", left out
# even where a name's initials are kept
_INITIALS_LEFT_OUT: frozenset[str] = frozenset().union(_LEGAL.legal_forms, *_LEGAL.by_country.values(),
                                                       places().country_abbreviations, {"aka", "fka", "nka"})
# Only short names can be generic: "National University of Defense Technology" is made of generic
# words too, but four of them together identify one institution.
GENERIC_MAX_TOKENS = 3

_APOSTROPHES = "'’‘`´ʼ"
_NO_HYPHENS = str.maketrans("", "", "-‐‑")
# Words exports run together or misread (issue #15): a stop word joined to the next word, written
# with its capital ("andAstronautics", "ofTianjin"); a capital I read as a small l at the start of a
# word, where no word starts with l and a consonant ("lntelligence", "lnstitute"). Capitals and
# "ll", "lh", "lj", "lv", "lw", "ly" are left alone (Lloyd, Lhasa, Ljubljana, Lviv, Lwów, Lyon).
_JOINED_STOP = re.compile(r"\b(of|and|for|the|at)(?=[A-Z][a-z])")
_JOINED_STOP_END = re.compile(r"[fdret][A-Z][a-z]")  # what any such join holds (a quicker search, to skip the rest)
_MISREAD_I = re.compile(r"\bl(?=[bcdfgkmnpqrstxz](?=[a-z]*[aeiou])[a-z]{3,}\b)")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> tuple[str, ...]:
    """Normalised tokens: NFKC, case-fold, accents stripped, abbreviations expanded,
    stop words and legal forms removed. Order is kept."""
    return linked_tokens(text)[0]


@lru_cache(maxsize=16384)  # a name is read several times while it is matched; 65,536 held 20 MB
def linked_tokens(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The normalised tokens (:func:`tokens`), and the stop words left out before each of them and
    after the last ("Ningbo Institute of Northwestern …": ("", "", "of", "", "") and a final "").
    How a name is built from another ("X of LISTED") is read from these.

    Initials are a person's and left out ("P.N. Lebedev Institute of Physics"), unless what is left says
    nothing alone: then they are the name's own letters ("A.C. International", "Power S.A.L.", "Tongfang
    R.I.A. Co., Ltd.", "U.H.L. Company" were "International", "Power", "Tongfang" and nothing)."""
    found = _linked_tokens(text, False)
    if "." in text and _INITIAL.search(text) and says_little(found[0]):
        return _linked_tokens(text, True)
    return found


def says_little(words: tuple[str, ...]) -> bool:
    return len(words) <= 1 or all(w in GENERIC_WORDS or w in _DESCRIPTIVE for w in words)


def _kept_initials(m: re.Match[str]) -> str:
    joined = m.group(0).replace(".", "")
    # a legal form or a place written in initials ("S.A.", "K.K.", "H.K.") is still left out
    return " " if joined in _INITIALS_LEFT_OUT else f" {joined} "


def _legal_phrase_at(words: list[str], i: int) -> int:
    """How many words the legal phrase beginning at ``words[i]`` has (0: none begins there). One word after
    the first may be misspelt by a letter or two letters swapped ("Federal State Budgetary Instiuttion",
    "Limited Liabliity Company"): the phrase is still a legal form, not the name's words."""
    phrases = _LEGAL_PHRASES_BY_START.get(words[i], ())
    if exact := next((len(p) for p in phrases if tuple(words[i:i + len(p)]) == p), 0):
        return exact
    for phrase in phrases:  # the longest first
        written = words[i:i + len(phrase)]
        if len(written) == len(phrase):
            off = [(w, p) for w, p in zip(written, phrase, strict=True) if w != p]
            if len(off) == 1 and _misspelt(*off[0]):
                return len(phrase)
    return 0


def _misspelt(written: str, word: str) -> bool:
    """A long word of a legal phrase written with one letter wrong, added, left out, or two swapped."""
    return (len(word) >= MIN_MISSPELT and written[:1] == word[:1] and written.isalpha()
            and abs(len(written) - len(word)) <= 1 and OSA.distance(written, word) == 1)


def without_legal_phrases(raws: list[str]) -> list[str]:
    """The words as written without the legal phrases among them (a phrase's words are matched before
    abbreviations are written out: the "s" of "obshchestvo s ogranichennoi otvetstvennostyu" is no compass point)."""
    out: list[str] = []
    i = 0
    while i < len(raws):
        if size := _legal_phrase_at(raws, i):
            i += size
            continue
        out.append(raws[i])
        i += 1
    return out


def _linked_tokens(text: str, keep_initials: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if "l" in text:
        text = _MISREAD_I.sub("I", text)
    if _JOINED_STOP_END.search(text):
        text = _JOINED_STOP.sub(r"\1 ", text)
    if text.isascii():  # no compatibility forms, format characters or accents: the fast way
        text = text.lower()
    else:
        # Chinese military names are written with and without the PLA (中国人民解放军) in front
        text = _PLA_PREFIX.sub("", text.strip())
        text = unicodedata.normalize("NFKC", text).casefold()
        # invisible format characters (soft hyphen, zero-width joiners, BOM) split words for no reason
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
        text = _strip_marks(text)
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")
    hyphened = "-" in text or "‐" in text or "‑" in text
    if hyphened:
        text = _HYPHENED_CHARACTERS.sub(lambda m: m.group(0).translate(_NO_HYPHENS), text)
    if keep_initials:
        text = _INITIALS_RUN.sub(_kept_initials, text)
    if "." in text:
        text = _INITIAL.sub(" ", text)  # initials: "P. N. Lebedev", "N.E. Zhukovsky"
    if hyphened:
        text = _JOINED_LETTER.sub(" ", text)  # a letter between hyphens (the Persian ezafe: "Malek-e-Ashtar")
        text = _LETTER_PREFIX.sub(r"\1", text)
        text = _LETTER_SUFFIX.sub(r"\1", text)
    if "&" in text or "and" in text:
        text = _S_AND_T.sub(" science and technology ", text)  # "Defense S&T Key Laboratory"
    if "&" in text:
        text = _LETTERS_AND.sub(lambda m: m.group(0).replace("&", "").replace(" ", ""), text)  # "M&S" is one word
    if " and " in text:
        text = _LETTERS_AND_WORD.sub(lambda m: m.group(0).replace(" and ", "").replace(" ", ""), text)
    text = text.replace("&", " and ")
    raws = (_ASCII_WORD.findall(text) if text.isascii()
            else "".join(ch if ch.isalnum() else " " for ch in text).split())
    # single letters next to each other are initials without full stops ("A N Tupolev"), not the
    # compass points of Web of Science ("S China Univ Technol")
    if min(map(len, raws), default=0) == 1:
        raws = [r for j, r in enumerate(raws) if not (len(r) == 1 and ((j > 0 and len(raws[j - 1]) == 1)
                                                                       or (j + 1 < len(raws) and len(raws[j + 1]) == 1)))
                and not (r == "e" and 0 < j < len(raws) - 1 and raws[j + 1] != "china")]
    # a lone "e" between two words is the Persian ezafe ("Sepah–e Pasdaran"), Urdu's ("Lashkar e Tayyaba") or a
    # Creole "and", not a compass point: Web of Science writes East China so ("E China Normal Univ")
    if not _LEGAL_PHRASES_BY_START.keys().isdisjoint(raws):
        raws = without_legal_phrases(raws)  # as written: "Obshchestvo S Ogranichennoi …" before "s" reads as south
    words = [w for raw in raws for w in ABBREVIATIONS.get(raw, raw).split()]
    out: list[str] = []
    links: list[str] = []
    left_out = ""
    i = 0
    while i < len(words):
        if words[i] in _LEGAL_PHRASES_BY_START and (size := _legal_phrase_at(words, i)):
            i += size
            continue
        word = words[i]
        i += 1
        # a number is one word however it is written: "38th", "No. 38" and "38" ("CETC 38th Research
        # Institute" for the listed "CETC Research Institute 38" and "No 38 Research Institute")
        if word == "no" and i < len(words) and words[i][:1].isdigit():
            continue
        if word[:1].isdigit() and (m := _ORDINAL_NUMBER.match(word)) is not None:
            word = m.group(1)
        # stop words, legal forms, and initials ("P. N. Lebedev" is Lebedev)
        if word in STOP_WORDS:
            left_out = f"{left_out} {word}" if left_out else word
            continue
        if word in LEGAL_FORMS or (len(word) == 1 and word.isalpha() and word.isascii()):
            continue
        out.append(word)
        links.append(left_out)
        left_out = ""
    links.append(left_out)
    return tuple(out), tuple(links)


def normalize(text: str) -> str:
    """The normalised form used for exact comparison."""
    return " ".join(tokens(text))


def fingerprint(text: str) -> str:
    """Order-free form: the sorted set of normalised tokens."""
    return " ".join(sorted(set(tokens(text))))


def is_generic(text: str) -> bool:
    """True when every word of the name is generic (see GENERIC_WORDS) or a number: "No 38 Research
    Institute" (an alias on the Entity List) is a number that many groups give one of their institutes."""
    toks = tokens(text)
    return (bool(toks) and len(toks) <= GENERIC_MAX_TOKENS and all(t in GENERIC_WORDS or t.isdigit() for t in toks)
            and not all(t.isdigit() for t in toks))


_ACRONYM_JOINERS = str.maketrans("", "", "./-&")
ACRONYM_EDGES = ",;:()[]"


def acronym_key(text: str) -> str | None:
    """The acronym a query could be (one token of 2–12 letters/digits, dots, slashes, hyphens and
    ampersands dropped: "A/SEU" → ASEU, "RTU-MIREA" → RTUMIREA), upper-cased; else None."""
    # a bracket or a comma the list's text left beside it ("AOMZ)", "DTSSS,") is no part of it
    stripped = text.strip().strip(ACRONYM_EDGES)
    if not stripped or any(ch.isspace() for ch in stripped):
        return None
    stripped = stripped.translate(_ACRONYM_JOINERS)
    if not 2 <= len(stripped) <= 12 or not stripped.isalnum() or not stripped.isascii():
        return None
    return stripped.upper()


def looks_like_acronym(text: str) -> bool:
    """A token written as an acronym: capitals (and digits), 2–12 of them, perhaps joined by dots,
    slashes, hyphens or ampersands ("A/SEU", "M&S"). Such a list alias is an acronym, never a name:
    "A/SEU" would otherwise normalise to "seu" and name Southeast University."""
    key = acronym_key(text)
    if key is None or not any(c.isalpha() for c in key):
        return False
    return text.strip().strip(ACRONYM_EDGES).translate(_ACRONYM_JOINERS) == key

def compact(text: str) -> str:
    """Normalised form without spaces: "Shanghai Jiao Tong" and "Shanghai Jiaotong" agree."""
    return "".join(tokens(text))


_BRACKETS = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_SEPARATORS = re.compile(r"\s+[-–—/|]\s+|[;,/]")
_COMMA = re.compile(r"\s*,\s*")
_MAY_SPLIT = re.compile(r"[(\[;,/]|\s[-–—|]\s")  # what a name of more than one part holds


def address_parts(text: str) -> list[str]:
    """The comma-separated parts of a name or address, brackets left out."""
    outside = " ".join(_BRACKETS.sub(" ", " ".join(text.split())).split())
    return [p for p in (part.strip(" .") for part in _SEPARATORS.split(outside)) if p]


def segments(text: str) -> list[str]:
    """The whole string, then its parts, for the query side only (list names are never split).

    Parts are separated by commas, semicolons, slashes or spaced dashes; a bracketed part
    ("Beihang University (BUAA)") is tried on its own and the name is tried without it; two
    neighbouring comma-separated parts without digits are tried together too.
    """
    whole = " ".join(text.split())
    out = [whole]
    if not _MAY_SPLIT.search(whole):  # one part (most names): itself, and without a full stop at either end
        bare = whole.strip(" .")
        return out + [bare] if bare and bare != whole else out
    bracketed = [m.group(1).strip() for m in _BRACKETS.finditer(whole)]
    outside = " ".join(_BRACKETS.sub(" ", whole).split())
    for candidate in [outside, *bracketed, whole]:  # whole: its parts with their brackets kept
        pieces = [p.strip(" .") for p in _COMMA.split(candidate)]
        # two neighbouring comma-separated parts, for list names with a comma in them ("SMIC,
        # Americas"; "Academy of Military Medical Sciences, Institute of …"); not address parts
        pairs = [f"{a}, {b}" for a, b in pairwise(pieces)
                 if len(pieces) > 2 and a and b and not any(ch.isdigit() for ch in a + b)]
        for part in [candidate, *_SEPARATORS.split(candidate), *pairs]:
            part = part.strip(" .")
            if part and part not in out:
                out.append(part)
    return out
