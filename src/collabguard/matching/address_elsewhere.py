"""An address that places a listed institution's namesake in a town of another country.

"Northeastern University, Boston, MA 02115, USA" is not the listed Northeastern University (Shenyang,
CN), "Soochow University, Taipei, Taiwan" not the listed Soochow University (Suzhou), "Institute of High
Energy Physics, Vienna, Austria" not the listed one of Beijing. A country alone that differs demotes a
name one step and keeps it a question, since a country entered wrongly must not hide a listed partner
(matching/checks.py, apply_country). An address is more: where it names the country, a town of that
country and no place of the listed body's country, two independent parts of it say where the body is,
and the candidate is set aside, with the near miss saying why.

Only for a research or education institution (a university, institute, academy, college, school,
laboratory, hospital, centre or foundation): a company works abroad under its group's name ("Huawei
Technologies, Stockholm, Sweden"), and an armed group across borders. The towns are those of the ROR
records shipped (reference/matching/towns.yaml); the listed country's places are its towns, its
provinces and cities (places.yaml) and its country words. A town the table does not hold ("Dhaka")
leaves the question as it was.
"""

from __future__ import annotations

import re

from collabguard.lists.model import Entity
from collabguard.matching.affiliation import infer_country
from collabguard.matching.compare import COUNTRY_WORDS, INSTITUTION_WORDS, PLACE_WORDS, TOWNS, names_a_town
from collabguard.matching.normalize import address_parts, tokens
from collabguard.matching.parts import lexicon
from collabguard.matching.short_names import ORGANISATION_WORDS

_ANOTHER_ADDRESS = re.compile(r"[;/]")
MAX_PLACE_WORDS = 3  # words of the longest place name looked for ("new taipei", "spittal an der drau")


def _names_a_place(words: tuple[str, ...], places: frozenset[str]) -> bool:
    return any(" ".join(words[i:i + n]) in places
               for n in range(1, MAX_PLACE_WORDS + 1) for i in range(len(words) - n + 1))


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
