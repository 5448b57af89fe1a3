"""A university's name without the status title its country gives it: "Tomsk Polytechnic University" for
"National Research Tomsk Polytechnic University" (Национальный исследовательский Томский политехнический
университет).

Russia has given 29 universities the status of national research university since 2008; they write it
before their name in official and many published forms, and the lists, like most people, leave it out
(``status_titles`` in ``reference/matching/name-words.yaml``, with its source). A name that finds nothing
as written is read also without the title, like a name without its eponym
(:mod:`collabguard.matching.eponyms`): at most ``possible``, the reason naming what was left out. Only for
a university whose own name follows the title ("National Research University Higher School of Economics"
keeps it: what follows is no university's name), and by the name's country: elsewhere "National
Research" begins the names of councils and centres.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from collabguard.reference.lexicons import name_words

UNIVERSITY = "university"  # the word as the matcher reads it (univ, университет, 大学 …)


def _pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted((r"\s+".join(map(re.escape, p.split(" "))) for p in phrases), key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)\.?\s*", re.IGNORECASE)


_TITLES: dict[str, re.Pattern[str]] = {country: _pattern(phrases) for country, phrases in name_words().status_titles.items()}


@dataclass(frozen=True, slots=True)
class WithoutTitle:
    text: str  # the name without the title
    title: str  # the title, as written ("National Research")


def without_status_title(text: str, country: str | None) -> WithoutTitle | None:
    """The name without the status title of ``country`` (of any country that has one, when none is
    given), if it carries one; None otherwise."""
    for code, pattern in _TITLES.items():
        if country in (None, code) and (m := pattern.search(text)) is not None:
            rest = " ".join((text[:m.start()] + " " + text[m.end():]).split())
            return WithoutTitle(rest, m.group(0).strip()) if rest else None
    return None


def names_a_university(words: tuple[str, ...]) -> bool:
    """Do the words left (as the matcher reads them) name a university, its own name first?"""
    return UNIVERSITY in words and words[0] != UNIVERSITY
