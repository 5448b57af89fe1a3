"""A listed name written with its acronym in brackets, read also without it.

The lists write many names with the body's acronym beside them: "North China Industries Corp.
(NORINCO)" (State Department ISN table), "Federal State Unitary Enterprise Dukhov Automatics Research
Institute (VNIIA)" (Japan's list), "BUTEMBO AIRLINES (BAL)" (UN). People write the name without it,
and a name left with an extra word on the list side is rejected by the word gate, so the name
without its bracketed acronym is a name form of the entry too (issue #15: such names gave nothing).

Which brackets go, and what the name without them is:

- the bracket reads as an abbreviation of the words before it, by the alignment of Schwartz and
  Hearst ("A simple algorithm for identifying abbreviation definitions in biomedical text", Pacific
  Symposium on Biocomputing 2003): each of its letters found in order, right to left, in those words,
  the first at the beginning of a word (NORINCO in North China Industries Corp., KOMID in Korea
  Mining and Development Corp.); or it repeats words the name has already ("Hafei Aviation Industry
  Co., Ltd. (HAFEI)", "Markel Closed Joint Stock Company (Markel CJSC)"). The name without it is the
  listed name: ``match`` (kinds ``acronym`` and ``repeat``);
- the bracket is an optional word ("AVIC Chengdu Aircraft Industrial (GROUP) Co., Ltd."): a group and
  its company may be two companies, so ``possible``, as the optional-words stage says (kind ``optional``);
- a bracket in capitals in a name that is not all in capitals, which does not align (VNIIA, the
  initials of the institute's Russian name; SSB, of the Turkish one): most likely an acronym in
  the body's own language, but not shown to be one, so ``possible`` only (kind ``capitals``).

Never a place: "China Unicom (BVI) Co., Ltd." and "Hua Ke Supply Chain (HK) Limited" name a
subsidiary registered there, which the name without the place would confuse with its parent. A
bracket naming a country, a country's abbreviation or a place word is kept, as is any other bracket
of more than one word. The places known are countries and Chinese provinces and cities
(reference/matching/places.yaml): a Russian city in brackets in capitals would be read as capitals.
The name without its place is a reading of its own (:func:`without_bracketed_place`, kind ``place``),
matched whole only and ``possible``: "DGT Technology" for the listed "DGT Technology (HK) Co., Limited"
may be the listed company or its parent.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from types import MappingProxyType

from collabguard.countries import country_code
from collabguard.matching.compare import COUNTRY_WORDS, OPTIONAL_WORDS, PLACE_WORDS
from collabguard.matching.normalize import is_generic, tokens
from collabguard.matching.query_words import is_optional, readings, unmarked
from collabguard.matching.translate import script_of, translate
from collabguard.reference.lexicons import places

_BRACKET = re.compile(r"\s*\(([^()]*)\)")
_ACRONYM_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9&.\-]{1,11}")
# a Russian acronym a person explains in brackets ("Институт систем информатики (ИСИ)"): capitals of Cyrillic
_CYRILLIC_ACRONYM = re.compile(r"[А-ЯЁ][А-ЯЁа-яё0-9\-]{1,11}")
MAX_LONG_WORDS = 12  # words before the bracket an acronym may stand for
_PARENT_LINKS = frozenset({"of", "the", "at", "under"})  # "Institute of PARENT (ACR)": the parent's acronym


# what a bracket held, from the surest reading to the least sure: the weakest decides the name's reading
KINDS = ("acronym", "repeat", "optional", "capitals")


@dataclass(frozen=True, slots=True)
class WithoutAcronym:
    text: str  # the name without the brackets
    reading: str  # the least sure kind of bracket left out (KINDS)
    dropped: str  # what the brackets of that kind held, as the reason names them


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    return frozenset().union(*PLACE_WORDS.values(), *COUNTRY_WORDS.values(), places().country_abbreviations)


def _is_place(inner: str) -> bool:
    # the words as written: tokens() would read "RAS" as "Russian Academy of Sciences", a country word
    return country_code(inner) is not None or any(w in _place_words() for w in re.findall(r"[a-z]+", inner.lower()))


def _initials(short: str, long: str) -> bool:
    """Is ``short`` the first letters of the words of ``long``, one each ("KH": "Khata’ib Hezbollah")?"""
    return short.lower() == "".join(w[0] for w in re.findall(r"[^\W_](?:[^\W_]|['’])*", long.lower()))


def aligns(short: str, long: str) -> bool:
    """Schwartz–Hearst: can ``short`` be read as an abbreviation of ``long``? Its letters and digits
    found in order, right to left, the first one at the beginning of a word of ``long``."""
    return alignment_start(short, long) >= 0


def alignment_start(short: str, long: str) -> int:
    """Where in ``long`` the words ``short`` abbreviates begin (Schwartz–Hearst, as :func:`aligns`), or -1."""
    s, pos = short.lower(), len(long) - 1
    low = long.lower()
    i = len(s) - 1
    start = -1
    while i >= 0:
        c = s[i]
        if not c.isalnum():
            i -= 1
            continue
        while pos >= 0 and (low[pos] != c or (i == 0 and pos > 0 and low[pos - 1].isalnum())):
            pos -= 1
        if pos < 0:
            return -1
        start = pos
        pos -= 1
        i -= 1
    return start


def _words_before(text: str, m: re.Match[str]) -> str:
    """The words before a bracket that an acronym in it may stand for."""
    return " ".join(text[:m.start()].split()[-MAX_LONG_WORDS:])


def _bracket(text: str, m: re.Match[str]) -> tuple[str, str] | None:
    """What a bracket of a listed name holds, and its kind (KINDS), if it may be left out."""
    inner = m.group(1).strip()
    long = _words_before(text, m)
    if not inner or (_is_place(inner) and not _initials(inner, long)):
        return None  # "(HK)", "(BVI)": where the company is; not "Khata’ib Hezbollah (KH)", its initials
    inner_words = tokens(inner)
    if inner_words and set(inner_words) <= set(tokens(text[:m.start()])):
        return inner, "repeat"  # "(Markel CJSC)", "(HAFEI)": words the name has already
    if inner_words and set(inner_words) <= OPTIONAL_WORDS:
        return inner, "optional"  # "(GROUP)"
    if not _ACRONYM_LIKE.fullmatch(inner):
        return None
    if aligns(inner, long):
        return inner, "acronym"
    capitals = text != text.upper()  # in a name all in capitals, capitals say nothing
    if capitals and inner == inner.upper() and sum(c.isalpha() for c in inner) >= 2:
        return inner, "capitals"
    return None


@lru_cache(maxsize=65536)
def bracketed_acronyms(text: str) -> tuple[str, ...]:
    """The acronyms a listed name gives in brackets after the words they stand for, where they end
    the name (or one of the names it gives, before ";"): "MODERN INDUSTRIES TECHNIQUE COMPANY (MITEC)",
    "Asa’ib Ahl al-Haq (AAH)". Not one further on ("Chinese Academy of Sciences (CAS) – Institute of
    Computing Technology": CAS is the parent's), nor a bracket repeating words of the name ("…, Russian
    Academy of Sciences (RAS)": the parent's again), nor one that does not read as the initials."""
    if "(" not in text:
        return ()
    out: list[str] = []
    for m in _BRACKET.finditer(text):
        after = text[m.end():].strip()
        if after and not after.startswith(";"):
            continue
        if (found := _bracket(text, m)) is None or found[1] != "acronym":
            continue
        if stands_for_a_parent(found[0], _words_before(text, m)):
            continue
        out.append(found[0])
    return tuple(out)


_NOT_INITIALS = frozenset({"of", "and", "the", "for", "in", "on", "at"})  # words an acronym skips


def stands_for_a_parent(acronym: str, words_before: str) -> bool:
    """Do the words a bracketed acronym stands for follow "of" (or "the", "at", "under") wherever they may begin:
    the parent's ("20th Research Institute of China Electronic Technology Group Corp (CETC)"), not the entry's?
    Not where its letters may also begin at the name's first word ("Academy of Aerospace Solid Propulsion
    Technology (AASPT)") or at a word after another ("Ministry of Defense Directorate of Defense Industries (DDI)":
    the directorate's). The list importers read brackets so too (lists/rows.py)."""
    words = re.findall(r"[^\W_]+", words_before)
    letters = [c for c in acronym.split()[0].lower() if c.isalnum()] if acronym.strip() else []
    if not letters:
        return False
    starts = []
    for i, word in enumerate(words):
        if word.lower() in _NOT_INITIALS or word[0].lower() != letters[0]:
            continue
        initials = iter(w[0].lower() for w in words[i:] if w.lower() not in _NOT_INITIALS)
        if all(any(c == initial for initial in initials) for c in letters):
            starts.append(i)
    return bool(starts) and all(i > 0 and words[i - 1].lower() in _PARENT_LINKS for i in starts)


@lru_cache(maxsize=65536)
def without_bracketed_acronyms(text: str) -> WithoutAcronym | None:
    """The listed name without the acronym(s) it carries in brackets, if it carries any (else None)."""
    if "(" not in text:
        return None
    dropped: list[tuple[str, str]] = []
    kept = text
    for m in list(_BRACKET.finditer(text)):
        if (found := _bracket(text, m)) is None:
            continue
        dropped.append(found)
        kept = kept.replace(m.group(0), "", 1)
    kept = " ".join(kept.split())
    if not dropped or not tokens(kept):
        return None
    reading = max((kind for _, kind in dropped), key=KINDS.index)
    return WithoutAcronym(kept, reading, ", ".join(inner for inner, kind in dropped if kind == reading))


_PART_START = re.compile(r"[,;/()]")
SAME_BEGINNING = 4  # letters: "Korean Mining ... (KOMID)" is the listed Korea Mining Development Trading Corporation's


_NONE_EXPLAINED: Mapping[str, str] = MappingProxyType({})


@lru_cache(maxsize=4096)  # per query name, whose results the matcher keeps (Matcher.results)
def explained_acronyms(text: str) -> Mapping[str, str]:
    """The acronyms a name written by a person gives in brackets after the words they stand for ("Pentane
    Chemistry Industries (PCI)", "Esfahan Nuclear Technol Ctr (ENTC)"), before those words in brackets ("CSU
    (Colorado State University)"), or beside them across a spaced dash or a slash ("CSU – Colorado State
    University"), each with those words: the name says what the acronym means. Only where the acronym aligns
    with the words of its own part of the name (since the last comma or bracket)."""
    out: dict[str, str] = {}
    for m in _BRACKET.finditer(text) if "(" in text else ():
        inner = m.group(1).strip()
        if len(inner.split()) >= 2:  # "CSU (Colorado State University)": the words in brackets after the acronym
            if before_word := text[:m.start()].split()[-1:]:
                _explain(before_word[0], inner, out)
            continue
        if (not (_ACRONYM_LIKE.fullmatch(inner) or _CYRILLIC_ACRONYM.fullmatch(inner)) or sum(c.isalpha() for c in inner) < 2
                or _is_place(inner)):
            continue
        before = " ".join(_PART_START.split(text[:m.start()])[-1].split()[-MAX_LONG_WORDS:])
        if len(before.split()) >= 2 and (start := alignment_start(inner, before)) >= 0:
            # the words it stands for, from the one its first letter begins (read as the part the matcher compares)
            out.setdefault(inner.strip(" ."), before[start:])
    if _BESIDE.search(text):
        for part in _BESIDE_PARTS.split(text):
            for left, right in pairwise(p.strip() for p in _BESIDE.split(part)):
                _explain(left, right, out)
                _explain(right, left, out)
    return MappingProxyType(out) if out else _NONE_EXPLAINED  # kept per name: read-only


# an acronym beside the words it stands for: across a spaced dash or a slash ("CSU – Colorado State University",
# "Colorado State University/CSU"), in one part of the name (between commas, semicolons and brackets)
_BESIDE = re.compile(r"\s+[–—-]\s+|\s*/\s*")
_BESIDE_PARTS = re.compile(r"[,;()]")


def _explain(short: str, long: str, out: dict[str, str]) -> None:
    """``short`` an acronym in capitals (two or more) that ``long``, two words or more not holding it, stands for as a
    bracket's words do ("National Research University MAI" explains no MAI)."""
    if (not (_ACRONYM_LIKE.fullmatch(short) or _CYRILLIC_ACRONYM.fullmatch(short)) or sum(c.isupper() for c in short) < 2
            or _is_place(short)):
        return
    words = long.split()
    key = short.strip(" .")  # "C.S.U." is read as the part "C.S.U"
    if (2 <= len(words) <= MAX_LONG_WORDS and key.casefold() not in {w.strip(".,").casefold() for w in words}
            and (start := alignment_start(short, long)) >= 0):
        out.setdefault(key, long[start:])


def stands_for(words: str, names: tuple[str, ...]) -> bool:
    """Can an acronym the name explains by ``words`` be a listed body's of these ``names``? The first word it
    stands for begins as a word of one of them does ("China Aerospace Science and Technology Corporation (CASC)" for
    CASC; not "Shanghai Academy of Spaceflight Technology (SAST)" for Shaanxi Aerospace Science and
    Technology, whose derived acronym is SAST too), the letters transliterations swap read alike ("MAI – Moskovsky
    Aviatsionny Institut" for the Moscow Aviation Institute)."""
    if script_of(words) != "latin":  # "Институт систем информатики (ИСИ)": the words as translated
        # (not an optional word: the Arabic article, read apart as "al?", begins many names)
        translated = [w for w in translate(words) if not is_optional(w)]
        firsts = [unmarked(r) for r in readings(translated[0])] if translated else []
    else:
        firsts = list(tokens(words)[:1])
    firsts = [_as_spoken(f)[:SAME_BEGINNING] for f in firsts]
    return any(_as_spoken(w)[:SAME_BEGINNING] in firsts for name in names if name for w in tokens(name))


_SPOKEN = str.maketrans({"c": "k", "w": "v", "y": "i"})


def _as_spoken(word: str) -> str:
    """A word with the letters transliterations swap written one way: "Moskovsky" and "Moscow" begin alike."""
    return word.translate(_SPOKEN)


def _only_place(inner: str) -> bool:
    """A bracket that is a place and nothing else ("(Beijing)", "(HK)", "(Hong Kong)"; not "(See alternate
    address in Russia)")."""
    words = re.findall(r"[a-z]+", inner.lower())
    return country_code(inner) is not None or (bool(words) and all(w in _place_words() for w in words))


MIN_PLACELESS_WORDS = 2  # words a company's name keeps without its place ("DGT Technology"; not "Technology")


@lru_cache(maxsize=65536)
def without_bracketed_place(text: str) -> tuple[str, str] | None:
    """A listed company's name without the one place it gives in brackets, where it is registered ("CETC Cloud
    (Beijing) Technology Co., Ltd.", "Guowei Group (Shenzhen) Co., Ltd.", "Hua Ke Logistics (HK) Limited"), and
    the bracket; None for a name with no such bracket, with several, or whose other words are too few or say
    only what kind of company it is."""
    if "(" not in text:
        return None
    found = [m for m in _BRACKET.finditer(text) if _only_place(m.group(1).strip())]
    if len(found) != 1:
        return None
    m = found[0]
    kept = " ".join((text[:m.start()] + text[m.end():]).split())
    words = tokens(kept)
    if len(words) < MIN_PLACELESS_WORDS or is_generic(kept) or any(_is_place(w) for w in words[:1]):
        return None  # "Beijing (China) …": a place stays; "Technology (HK) Co.": nothing of its own
    return kept, m.group(0).strip()
