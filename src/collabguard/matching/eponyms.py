"""A Russian body's name without the person it is named after: "Institute for Information Transmission
Problems" for the listed "A.A. Kharkevich Institute for Information Transmission Problems".

Russian universities and institutes carry the name of a scientist or statesman, by initials and
surname in front ("M.V. Lomonosov Moscow State University", Московский государственный университет
имени М. В. Ломоносова) or after "named after" (имени, "im.": "Kazan National Research Technical
University named after A.N. Tupolev-KAI"). The lists write the eponym on one name and leave it out of
another; people do the same. So a name of a Russian (or Belarusian, Ukrainian, Kazakh) entry is read
also without its eponym, and a name written with one is read also without it: at most ``possible``,
since the eponym is what tells two institutes of the same kind apart ("Institute of Physics"), and
never when what is left says only what kind of body it is ("Research and Production Association").

Only an eponym written with initials (one or two, "Yu.A." too) and a surname, or after "named after" /
"imeni" / "im."; a surname alone ("Tikhomirov Scientific Research Institute …") is not told from a
word of the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from collabguard.matching.normalize import GENERIC_WORDS, is_generic, tokens
from collabguard.reference.lexicons import name_words, places

# the countries whose bodies are named so (the Soviet naming "имени …")
EPONYM_COUNTRIES = frozenset({"RU", "BY", "UA", "KZ"})
_INITIAL = r"(?:Yu|Ya|Ye|Yo|Zh|Ch|Sh|Ts|Kh|[A-Z])\.\s?"
_PERSON = rf"(?:{_INITIAL}){{1,2}}[A-Z][a-z]+(?:-[A-Z][A-Za-z]*)?"
_TITLE = r"(?:(?:academicians?|akademika|academic|general|marshal)\s+)?"
# "named after", имени in Latin letters ("imeni", "im.") and in English initials ("N.A.": "Central Institute
# of Engine-Building N.A. P.I. Baranov")
_NAMED_AFTER = re.compile(rf"\s*,?\s*\b(?:named after|imeni|im\.?|n\.\s?a\.)\s*{_TITLE}{_PERSON}(?:\s+and\s+{_PERSON})?",
                          re.IGNORECASE)
_BARE_PERSON = re.compile(rf"(?<![\w.]){_PERSON}\s*")
_PERSON_ONLY = re.compile(_PERSON)  # case-sensitive: the initials and surname are in capitals
_SPACES = re.compile(r"\s{2,}")
# words that say what kind of body a name is, not which one (reference/matching/name-words.yaml), and
# the country's own words ("Institute of Physics of the Russian Academy of Sciences" is no one institute)
_KIND_ONLY: frozenset[str] = GENERIC_WORDS.union(name_words().body_kind_words,
                                                 *(places().country_words.get(c, ()) for c in EPONYM_COUNTRIES))


@dataclass(frozen=True, slots=True)
class WithoutEponym:
    text: str  # the name without the eponym
    eponym: str  # the person, as written ("A.N. Tupolev-KAI")


@lru_cache(maxsize=4096)  # per name: few recur beyond the matcher's kept results
def without_eponym(text: str) -> WithoutEponym | None:
    """The name without the one person it is named after, if it names one (else None)."""
    found = [m for m in _NAMED_AFTER.finditer(text) if _PERSON_ONLY.search(m.group(0))]
    if len(found) == 1:
        m = found[0]
        person = _PERSON_ONLY.search(m.group(0))
        rest = text[: m.start()] + text[m.end():]
    else:
        bare = list(_BARE_PERSON.finditer(text))
        if found or len(bare) != 1:
            return None  # none, or several persons: the name says nothing certain
        m = person = bare[0]
        rest = text[: m.start()] + " " + text[m.end():]
    assert person is not None
    rest = _SPACES.sub(" ", rest).strip(" ,;-")
    words = tokens(rest)
    if (len(words) < 2 or is_generic(rest) or len(words) == len(tokens(text))
            or all(w in _KIND_ONLY or w.isdigit() for w in words)):
        return None  # "Research and Production Association" names no body
    return WithoutEponym(rest, person.group(0).strip())


INITIALS_WORD = 2  # letters of two initials written together, without their full stops
_INITIAL_LETTERS = re.compile(_INITIAL)


@lru_cache(maxsize=16384)
def _initials_of(names: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """(initials, surname) of each person a listed name writes with initials (_PERSON): ("pn", "lebedev") of "P.N.
    Lebedev", ("yua", "ovchinnikov") of "Yu.A. Ovchinnikov"."""
    found: set[tuple[str, str]] = set()
    for name in names:
        for m in _BARE_PERSON.finditer(name):
            person = m.group(0)
            initials = _INITIAL_LETTERS.findall(person)
            if surname := tokens(_INITIAL_LETTERS.sub(" ", person)):
                found.add(("".join(i.rstrip(". ") for i in initials).lower(), surname[0]))
    return frozenset(found)


def eponym_surnames(names: tuple[str, ...]) -> frozenset[str]:
    """The surnames of the persons the listed ``names`` write with two initials ("shirshov" of "P.P. Shirshov
    Institute of Oceanology")."""
    return frozenset(surname for _, surname in _initials_of(names))


def initials_left_out(words: tuple[str, ...], names: tuple[str, ...]) -> tuple[tuple[str, ...], str] | None:
    """The words without the initials of the person the body is named after, written without full stops as Web of
    Science writes them ("PN Lebedev Phys Inst", "MV Lomonosov Moscow State Univ"), where one of the body's listed
    ``names`` writes that person with those initials ("P.N. Lebedev"); and the initials. None where there are none."""
    pairs = _initials_of(names)
    if not pairs:
        return None
    for i in range(len(words) - 1):
        if len(words[i]) == INITIALS_WORD and (words[i], words[i + 1]) in pairs:
            return words[:i] + words[i + 1:], words[i]
    return None


__all__ = ["EPONYM_COUNTRIES", "WithoutEponym", "eponym_surnames", "initials_left_out", "without_eponym"]
