"""A listed unit's name found in the address of another body: a question, not a match.

Many institutes, centres and laboratories are named by their field alone ("Institute of Radiation Medicine",
"Antenna Institute", "Center for International Security and Strategy", "School of International Relations"), and
the lists give such names as aliases of one body. The same name in another body's address is that body's own unit
as often as the listed one:

- **another host**: "Institute of Radiation Medicine, Fudan University, Shanghai" names Fudan's institute, not the
  Academy of Military Medical Sciences' (the Entity List's alias "Institute of Radiation Medicine"); "Southeast
  Univ, …, Antenna Inst" and "Huawei Technologies Co Ltd, Antenna Inst" are not Xidian University's listed
  laboratory ("Antenna Institute"). The address names a university, an academy, a group or a company that none of
  the listed names holds.

That makes the finding a question (``possible``), with the host in its reason: the name is the listed one's as the
list writes it, so it is asked about, never set aside. It applies to a name that says it is a unit (an institute, a
centre, a laboratory, a school …), found on a part of an address; not to a university's name, which is its own, nor
to one named after a person ("P.P. Shirshov Institute of Oceanology": the listed names write the person's
initials), which no other body shares. The address naming the listed body's parent keeps the match whatever else it
names ("Institute of Computing Technology, Chinese Academy of Sciences, University of Chinese Academy of Sciences":
authors name both), and so does a host of the listed words and words that may stand on one side only ("PLA Academy
of Military Medical Sciences"). An academy's institute that a list names without its academy is not asked about for
the academy ("Institute of Applied Physics, Russian Academy of Sciences").

(Another town than the list's address was tried as a second sign and dropped: branches, districts and the regions
the lists write as addresses, "Moscow Oblast", "Shandong", made it wrong more often than right.)
"""

from __future__ import annotations

import re
from functools import lru_cache

from collabguard.lists.model import Entity
from collabguard.matching.affiliation import own_address
from collabguard.matching.compare import (
    COUNTRY_WORDS,
    OPTIONAL_WORDS,
    PARENT_WORDS,
    PLACE_WORDS,
    parents_in,
    parents_of_names,
)
from collabguard.matching.eponyms import eponym_surnames
from collabguard.matching.index import NameForm
from collabguard.matching.normalize import LEGAL_FORMS, address_parts, tokens
from collabguard.matching.parts import lexicon, names_an_inner_unit

HOST_WORDS = frozenset({"university", "academy"})  # a body of its own, which institutes belong to
_RAW_WORD = re.compile(r"[^\W_]+")


def unit_named(form: NameForm) -> bool:
    """Does the listed name say it is a unit (an institute, a centre …), not a university, whose name is its own,
    nor a body named after a person?"""
    words = set(form.tokens)
    entity = form.entity
    return (entity.kind != "programme" and "university" not in words and bool(words & (lexicon().units - HOST_WORDS))
            and words.isdisjoint(eponym_surnames((entity.name, *entity.aliases))))


def _listed_words(entity: Entity) -> frozenset[str]:
    return frozenset(t for name in (entity.name, *entity.aliases) for t in tokens(name))


def other_host(form: NameForm, parts: list[str], segment: str) -> str:
    """The part of the address (``parts``: the name's parts, the whole name first) that names a university, an academy,
    a group or a company none of the listed names holds ("Fudan University"), or ""."""
    if not unit_named(form):
        return ""
    entity = form.entity
    country = entity.country
    listed = _listed_words(entity)
    skip = frozenset(PARENT_WORDS.get(country, ())) | PLACE_WORDS.get(country, frozenset())
    own = set(segment.split(", "))  # two parts read together: both are the name found
    address = address_parts(own_address(parts[0], segment))
    listed_parents = parents_of_names((entity.name, *entity.aliases), country)
    if listed_parents and any(parents_in(tokens(part), country) & listed_parents for part in address):
        return ""  # the listed parent named: the listed unit, whatever else the address names
    loose = listed | OPTIONAL_WORDS | COUNTRY_WORDS.get(country, frozenset())
    for part in address:
        words = tokens(part)
        if (part in own or not _names_a_body(part, words) or set(words) <= loose
                or names_an_inner_unit(words, skip)):
            continue
        if parents_in(words, country) and not listed_parents:
            continue  # an academy's institute the list names without its academy
        return part
    return ""


@lru_cache(maxsize=1)
def _body_words() -> frozenset[str]:
    return HOST_WORDS | lexicon().groups  # a university, an academy; a group ("corporation", "group", "concern" …)


def _names_a_body(part: str, words: tuple[str, ...]) -> bool:
    """Does a part of an address name a body that has units: a university, an academy, a group or a company (a word
    of its legal form as written: "Huawei Technologies Co Ltd")?"""
    return not _body_words().isdisjoint(words) or any(w.lower() in LEGAL_FORMS for w in _RAW_WORD.findall(part))
