"""A listed institute's name found in an address that places it elsewhere: with another host, or in another town.

Many institutes, centres and laboratories are named by their field alone ("Institute of Radiation Medicine",
"Antenna Institute", "Center for International Security and Strategy", "School of International Relations"), and
the lists give such names as aliases of one body. The same name in another body's address is that body's own unit
as often as the listed one:

- **another host**: "Institute of Radiation Medicine, Fudan University, Shanghai" names Fudan's institute, not the
  Academy of Military Medical Sciences' (the Entity List's alias "Institute of Radiation Medicine"); "Southeast
  Univ, …, Antenna Inst" is not Xidian University's listed laboratory ("Antenna Institute"). The address names a
  university or an academy that none of the listed names holds.
- **another town**: "Institute of Cell Biophysics RAS, Pushchino" is not the Novosibirsk institute the Entity List
  gives that alias to. The address names a town of the country, and the list's address for the body names
  another one.

Either makes the finding a question (``possible``), with the host or the towns in its reason: the name is the
listed one's as the list writes it, so it is asked about, never set aside. It applies to an institution's name
that says it is a unit (an institute, a centre, a laboratory, a school …, not a university, whose name is its
own), found on a part of an address. An academy's institute that a list names without its academy is not asked
about for the academy ("Institute of Applied Physics, Russian Academy of Sciences").
"""

from __future__ import annotations

from collabguard.lists.model import Entity
from collabguard.matching.affiliation import own_address
from collabguard.matching.compare import PARENT_WORDS, PLACE_WORDS, TOWNS, parents_in
from collabguard.matching.index import NameForm
from collabguard.matching.normalize import address_parts, tokens
from collabguard.matching.parts import lexicon, names_an_inner_unit

HOST_WORDS = frozenset({"university", "academy"})  # a body of its own, which institutes belong to
MAX_TOWN_WORDS = 3  # "petropavlovsk kamchatsky", "pereslavl zalessky"


def unit_named(form: NameForm) -> bool:
    """Does the listed name say it is a unit (an institute, a centre …), not a university, whose name is its own?"""
    words = set(form.tokens)
    return (form.entity.kind != "programme" and "university" not in words
            and bool(words & (lexicon().units - HOST_WORDS)))


def _listed_words(entity: Entity) -> frozenset[str]:
    return frozenset(t for name in (entity.name, *entity.aliases) for t in tokens(name))


def _listed_parents(entity: Entity) -> frozenset[str]:
    return frozenset().union(*(parents_in(tokens(name), entity.country) for name in (entity.name, *entity.aliases)))


def other_host(form: NameForm, parts: list[str], segment: str) -> str:
    """The part of the address (``parts``: the name's parts, the whole name first) that names a university or an
    academy none of the listed names holds ("Fudan University"), or ""."""
    if not unit_named(form):
        return ""
    entity = form.entity
    country = entity.country
    listed = _listed_words(entity)
    skip = frozenset(PARENT_WORDS.get(country, ())) | PLACE_WORDS.get(country, frozenset())
    own = set(segment.split(", "))  # two parts read together: both are the name found
    for part in address_parts(own_address(parts[0], segment)):
        words = tokens(part)
        if (part in own or not HOST_WORDS & set(words) or set(words) <= listed
                or names_an_inner_unit(words, skip)):
            continue
        if parents_in(words, country) and not _listed_parents(entity):
            continue  # an academy's institute the list names without its academy
        return part
    return ""


def towns_in(words: tuple[str, ...], country: str) -> list[str]:
    """The towns of ``country`` that runs of ``words`` name, longest first where they overlap, in order."""
    towns = TOWNS.get(country, frozenset())
    found: list[str] = []
    i = 0
    while i < len(words):
        span = next((n for n in range(MAX_TOWN_WORDS, 0, -1)
                     if i + n <= len(words) and " ".join(words[i:i + n]) in towns), 0)
        if span:
            found.append(" ".join(words[i:i + span]))
            i += span
        else:
            i += 1
    return found


def other_town(form: NameForm, name: str, segment: str) -> tuple[str, str] | None:
    """(the towns the address names, the towns of the list's addresses) where the listed alias is a unit's name
    and they have none in common; None otherwise."""
    if form.kind != "alias" or not unit_named(form) or not form.entity.addresses:
        return None
    country = form.entity.country
    listed = list(dict.fromkeys(t for a in form.entity.addresses for t in towns_in(tokens(a), country)))
    if not listed:
        return None
    rest = [p for p in address_parts(own_address(name, segment)) if p not in set(segment.split(", "))]
    named = list(dict.fromkeys(t for p in rest for t in towns_in(tokens(p), country)))
    if not named or set(named) & set(listed):
        return None
    return ", ".join(t.title() for t in named), ", ".join(t.title() for t in listed)
