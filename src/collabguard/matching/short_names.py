"""Short names that begin a listed name: "Beihang" for Beihang University (issue #15 item 3).

A name of one or two words that begins one listed institution's name, the rest of which says only
what kind of body it is ("University", "Institute of Technology"), is that institution's short name:
``possible``. A place ("Harbin" begins several listed names), a country, a generic or a compass word
("Northeastern": Shenyang and Boston) is no institution's short name; for those, and for every other
short name that begins listed names, the nearest one (the shortest) is shown as a near miss. Only
a whole name is read so: a city in brackets at the end of an address ("… (Astrakhan)") is none.
"""

from __future__ import annotations

from collabguard.matching.compare import COUNTRY_WORDS, OPTIONAL_WORDS, PLACE_WORDS
from collabguard.matching.index import NameForm, NameIndex
from collabguard.matching.normalize import GENERIC_WORDS
from collabguard.reference.lexicons import name_words

SHORT_NAME = 2  # words: a name this short may be the beginning of a listed name
SHORT_NAME_LETTERS = 4
# words that make a name (or a part of an address) an organisation's (reference/matching/name-words.yaml)
ORGANISATION_WORDS: frozenset[str] = name_words().organisation_words
_ANY_PLACE = frozenset().union(*PLACE_WORDS.values(), *COUNTRY_WORDS.values())
_CHINA = frozenset({"CN", "HK", "MO"})


def _kind_only(form: NameForm, n: int) -> bool:
    """The words of ``form`` after the first ``n`` say what kind of body it is, and no more."""
    own = COUNTRY_WORDS.get(form.entity.country, frozenset())
    rest = form.tokens[n:]
    # "Astrakhan State University": a state university is named after its city
    return ("state" not in rest and any(t in ORGANISATION_WORDS for t in rest)
            and all(t in GENERIC_WORDS or t in OPTIONAL_WORDS or t in own for t in rest))


def short_name_of(index: NameIndex, query: tuple[str, ...]) -> tuple[list[NameForm], int]:
    """The name forms (one institution, on every list that has it) whose short name the query is, and
    the similarity to give (the missing generic words weigh little); ([], 0) if none."""
    if not query or len(query) > SHORT_NAME or any(
            len(t) < SHORT_NAME_LETTERS or t in GENERIC_WORDS or t in _ANY_PLACE
            or any(c in t for c in ("north", "south", "east", "west")) for t in query):
        return [], 0
    forms = [f for f in index.beginning(query) if _kind_only(f, len(query))]
    if not forms or len({(f.norm, f.entity.country in _CHINA or f.entity.country) for f in forms}) > 1:
        return [], 0
    own = COUNTRY_WORDS.get(forms[0].entity.country, frozenset())
    missing = sum(0.3 if t in GENERIC_WORDS else 1.0 for t in forms[0].tokens[len(query):]
                  if t not in OPTIONAL_WORDS and t not in own)
    return forms, round(100 * 2 * len(query) / (2 * len(query) + missing))


def nearest_beginning(index: NameIndex, query: tuple[str, ...]) -> dict[str, NameForm]:
    """Per list, the shortest listed name that begins with the query's words (for near misses)."""
    out: dict[str, NameForm] = {}
    if 0 < len(query) <= SHORT_NAME:
        for form in sorted(index.beginning(query), key=lambda f: (len(f.tokens), f.text)):
            out.setdefault(form.entity.list_id, form)
    return out
