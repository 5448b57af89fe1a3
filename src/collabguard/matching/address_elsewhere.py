"""An address that places a listed institution's name in a town of another country, where the Research
Organization Registry registers an institution of that name.

"Northeastern University, Boston, MA 02115, USA" is not the ASPI tracker's Northeastern University (Shenyang, CN):
ROR registers another Northeastern University in Boston (https://ror.org/04t5xt781). A country alone that differs
demotes a name one step and keeps it a question, since a country entered wrongly must not hide a listed partner
(matching/checks.py, apply_country). An address is more: where it names the country, a town of that country and
no place of the listed institution's country, and ROR registers an institution of that name in that country
(lists/registry_namesakes.py), the candidate is set aside, the near miss naming that record. Without such a record
the name abroad stays a question: a listed university's institute or centre abroad ("Tsinghua Univ, Global
Innovat Exchange, Bellevue, WA 98004 USA"), a visiting address, an affiliation of several institutions.

Only for an institution (not a company, which works abroad under its group's name). The towns are those of the
ROR records shipped (reference/matching/towns.yaml); the listed country's places are its towns, its provinces and
cities (places.yaml) and its country words. The town must be the institution's own: no second address (after
"; " or "/") nor another organisation is named between the name and the town (its units may be).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from collabguard.lists.model import Entity, Namesake
from collabguard.matching.affiliation import infer_country
from collabguard.matching.compare import COUNTRY_WORDS, INSTITUTION_WORDS, PLACE_WORDS, TOWNS, names_a_town
from collabguard.matching.normalize import address_parts, normalize, tokens
from collabguard.matching.parts import lexicon
from collabguard.matching.short_names import ORGANISATION_WORDS

_ANOTHER_ADDRESS = re.compile(r"[;/]")
_CHINA = frozenset({"CN", "HK", "MO"})
MAX_PLACE_WORDS = 3  # words of the longest place name looked for ("new taipei", "spittal an der drau")


def _names_a_place(words: tuple[str, ...], places: frozenset[str]) -> bool:
    return any(" ".join(words[i:i + n]) in places
               for n in range(1, MAX_PLACE_WORDS + 1) for i in range(len(words) - n + 1))


class Elsewhere(NamedTuple):
    town: str  # the part of the address that names the town
    namesake: Namesake  # the institution of that name ROR registers in the address's country


def namesakes_of(entity: Entity, form_text: str) -> list[Namesake]:
    """The namesakes of the name a candidate was found by (``form_text``: the listed name, or an alias): ROR's Army
    University is the namesake of the 1286 list's alias "Army University", not of "Army Service Arms University"."""
    if not entity.namesakes:
        return []
    said = normalize(form_text)
    return [n for n in entity.namesakes if normalize(n.name) == said]


def namesake_elsewhere(entity: Entity, form_text: str, parts: list[str], segment: str, country: str) -> Elsewhere | None:
    """The institution of the name ``form_text`` of ``entity`` that ROR registers in ``country``, where the address
    (``parts``, the ``segment`` the name was found on) places the name there (:func:`town_elsewhere`); None
    otherwise."""
    there = [n for n in namesakes_of(entity, form_text) if n.country == country or (n.country in _CHINA and country in _CHINA)]
    if not there or not (town := town_elsewhere(entity, parts, segment, country)):
        return None
    said = " ".join(tokens(town))
    return Elsewhere(town, next((n for n in there if " ".join(tokens(n.town)) == said), there[0]))


def town_elsewhere(entity: Entity, parts: list[str], segment: str, country: str) -> str:
    """The part of the address that names a town of ``country`` (the country the address itself ends with),
    where ``entity``, found on the part ``segment``, is a research or education institution of another
    country and the address names no place of that one; "" otherwise. ``parts``: the name's parts
    (``parts[0]`` the whole string). The town must be the institution's own: no second address (after "; "
    or "/": "Tsinghua University / MIT, Cambridge, USA") nor other organisation ("…, Harvard Med Sch, Boston")
    is named after it; its units may be ("Northeastern Univ, Coll Engn, Boston": a unit word first)."""
    listed = entity.country
    if (not listed or entity.kind != "institution" or INSTITUTION_WORDS.isdisjoint(tokens(entity.name))
            or infer_country(parts) != country):
        return ""
    whole = parts[0]
    at = whole.find(segment)
    if at < 0 or _ANOTHER_ADDRESS.search(whole, at + len(segment)):
        return ""
    own = TOWNS.get(listed, frozenset()) | PLACE_WORDS.get(listed, frozenset()) | COUNTRY_WORDS.get(listed, frozenset())
    town = ""
    after = False
    for piece in address_parts(whole):
        words = tokens(piece)
        if _names_a_place(words, own):
            return ""  # "…, Harbin, …": the listed body's country is named too
        if after and not ORGANISATION_WORDS.isdisjoint(words) and not (words and words[0] in lexicon().units):
            return ""  # another organisation named after it: the town may be that one's
        after = after or piece in segment
        if after and not town and names_a_town(words, country):
            town = piece
    return town
