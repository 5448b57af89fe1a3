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

Russia gives research centres statuses too (``centre_titles``): "National Research Center Kurchatov Institute"
is the Kurchatov Institute, "Federal Scientific Center Scientific Research Institute for System Analysis" the
institute. A name is read without one, and a listed name indexed without one (kind ``title`` of
:class:`collabguard.matching.index.NameForm`), where what is left names a body of its own
(:func:`names_a_body`: "Krylov State Research Center" is not "Krylov"), at most ``possible``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from collabguard.matching.normalize import is_generic
from collabguard.reference.lexicons import name_words

UNIVERSITY = "university"  # the word as the matcher reads it (univ, университет, 大学 …)


def _pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted((r"\s+".join(map(re.escape, p.split(" "))) for p in phrases), key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)\.?\s*", re.IGNORECASE)


_TITLES: dict[str, re.Pattern[str]] = {country: _pattern(phrases) for country, phrases in name_words().status_titles.items()}
_CENTRE_TITLES: dict[str, re.Pattern[str]] = {
    country: _pattern(phrases) for country, phrases in name_words().centre_titles.items()}
CENTRE_TITLE_COUNTRIES = frozenset(_CENTRE_TITLES)
# the words that say what kind of body a name is (institute, centre, bureau …), but for those a company may drop
_BODY_WORDS: frozenset[str] = name_words().organisation_words - name_words().optional_words


@dataclass(frozen=True, slots=True)
class WithoutTitle:
    text: str  # the name without the title
    title: str  # the title, as written ("National Research")


def without_status_title(text: str, country: str | None) -> WithoutTitle | None:
    """The name without the status title of ``country`` (of any country that has one, when none is
    given), if it carries one; None otherwise."""
    return _without(text, country, _TITLES)


def without_centre_title(text: str, country: str | None) -> WithoutTitle | None:
    """The name without the status of a research centre of ``country`` ("National Research Center"), if it
    carries one; None otherwise."""
    return _without(text, country, _CENTRE_TITLES)


def _without(text: str, country: str | None, titles: dict[str, re.Pattern[str]]) -> WithoutTitle | None:
    for code, pattern in titles.items():
        if country in (None, code) and (m := pattern.search(text)) is not None:
            rest = " ".join((text[:m.start()] + " " + text[m.end():]).split())
            return WithoutTitle(rest, m.group(0).strip()) if rest else None
    return None


def names_a_body(words: tuple[str, ...]) -> bool:
    """Do the words left (as the matcher reads them) name a body: a word saying what kind ("institute",
    "center") and one of its own, not generic ("Kurchatov Institute"; not "Institute", "Krylov")?"""
    return any(w in _BODY_WORDS for w in words) and not is_generic(" ".join(words))


def names_a_university(words: tuple[str, ...]) -> bool:
    """Do the words left (as the matcher reads them) name a university, its own name first?"""
    return UNIVERSITY in words and words[0] != UNIVERSITY


# the readings of a name without a status, each with what must be left and what the reason calls the status
TITLE_READINGS: tuple[tuple[Callable[[str, str | None], WithoutTitle | None], Callable[[tuple[str, ...]], bool], str],
                      ...] = (
    (without_status_title, names_a_university, "the status title of a national research university"),
    (without_centre_title, names_a_body, "the status of a research centre"),
)
