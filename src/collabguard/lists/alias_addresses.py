"""Addresses printed inside an alias, read off it (the BIS Entity List as parsed into JSON).

Some of the Entity List's entries carry no address of their own: the edition prints them after the
last alias, and the parse keeps them there ("Sergei Nikoleivich Sanev, 5A North Street, Saransk,
Republic of Mordovia, Russia 43006; and 53 Sherbakovskaya Street, …"; "Ship Repair Center
Zvezdochka. 12, proyezd Mashinostroiteley, Severodvinsk, …, Russia"). Left there, the addresses
are matched as a name, their street words ("Office", "Building") made a person an organisation, and
the entry lost the towns and countries they name.

An alias is split where a full stop after a word (not an initial: "M.A.G. Tech", nor an address's
abbreviation: "No. 28") or a comma outside brackets is followed by an address naming a country, its first
address begun as addresses are: with a number after the name, a number or a street word in its first part or a
number in its second; with none, a street in a first part of three or more ("Xinjiang East: West of Kekeya Road,
…"); or a town and its country alone ("Southeast Trading LTD. Espoo, Finland"; "Huawei Delhi OpenLab. Delhi,
India"). The rest must not begin with a legal form ("Co. Ltd. 300 South Oak Way": "Ltd." still belongs to the
name). A name that runs on after its legal form into a building and its number gives the building to the address
("BiotaGroup Company Al Thuraya Tower 1, 9th Floor, …, Dubai, U.A.E."). An alias that is nothing but a town and its
country ("Rabat, Morocco", Huawei Technologies Morocco's) is no name at all: it matched every address in Rabat.
Any other alias is kept whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from collabguard.lists.rows import (
    address_country,
    code_of,
    countries_of,
    legal_forms,
    organisation_words,
    reading,
    split_addresses,
)

# a full stop after a word of two letters or more or a closing quote ("… 'Taman'. 3 Revolution Avenue"), a
# stray quote after it allowed; or a comma
SEPARATOR = re.compile(r"(?:(?<=[^\W\d_]{2})|(?<=['’”]))\.['’]?\s+|,\s+")
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _address_words() -> frozenset[str]:
    return frozenset(str(w).casefold() for w in reading().get("address_words") or [])


def _town_and_country(address: str) -> bool:
    """A country alone, or a town and its country ("Rabat, Morocco"; "Bucharest, Romania. (See also addresses under
    Finland and Russia)"): the country named in full (not a legal form read as a code: "Pasit, AO"), the town no
    organisation's name."""
    items = [p.strip(" .;") for p in re.sub(r"\([^()]*\)", " ", address).split(",") if p.strip(" .;")]
    if not 1 <= len(items) <= 2 or len(items[-1]) <= 3 or not code_of(items[-1]):
        return False
    words = {w.casefold() for w in _WORD.findall(items[0])}
    return len(items) == 1 or (len(words) <= 3 and words.isdisjoint(organisation_words()))


def _begins_an_address(first: str, words: frozenset[str], numbered: bool) -> bool:
    """Does ``first`` begin as an address does? With no number anywhere after the name (``numbered``), only a street
    in its first part, of an address of three parts or more ("Xinjiang East: West of Kekeya Road, Stone Industrial
    Park, Shanshan County, …, China")."""
    items = [p.strip() for p in first.split(",") if p.strip()]
    if not items:
        return False
    street = any(w.casefold() in words for w in _WORD.findall(items[0]))
    if not numbered:
        return street and len(items) >= 3
    if any(ch.isdigit() for ch in items[0]) or street:
        return True
    if len(items) > 1 and any(ch.isdigit() for ch in items[1]):
        return True
    return len(items) <= 3 and bool(address_country(first))  # "Espoo, Finland"


def _name_before_building(head: str, words: frozenset[str], forms: frozenset[str],
                          addresses: list[str]) -> tuple[str, list[str]]:
    """The name, and the addresses: where the name runs on after its legal form into a building and its number
    ("BiotaGroup Company Al Thuraya Tower 1, 9th Floor, …"), that run begins the first address."""
    parts = head.split()
    ends = [i for i, w in enumerate(parts) if w.strip(".,").casefold() in forms]
    if ends and ends[-1] < len(parts) - 2 and any(ch.isdigit() for ch in parts[-1]) \
            and any(w.strip(".,").casefold() in words for w in parts[ends[-1] + 1:]):
        cut = ends[-1] + 1
        return " ".join(parts[:cut]), [f"{' '.join(parts[cut:])}, {addresses[0]}", *addresses[1:]]
    return head, addresses


def split_alias(alias: str) -> tuple[str, list[str]]:
    """The alias without the addresses printed after it, and those addresses (none: the alias whole; an alias that
    is only a town and its country, "Rabat, Morocco", is no name: "" and the address)."""
    words, forms = _address_words(), legal_forms()
    if "," in alias and _town_and_country(alias) and len(alias.split(",")) == 2:
        return "", [" ".join(alias.split()).strip(" .;")]
    for m in SEPARATOR.finditer(alias):
        head, rest = alias[: m.start()].strip(" ,;"), alias[m.end():]
        first_word = _WORD.match(rest)
        if len(head) < 2 or first_word is None or first_word.group().casefold() in forms:
            continue
        if head.count("(") != head.count(")"):
            continue  # never inside brackets: "Chelyabinsk-70, (Address: P.O. Box 245, …)" stays whole
        if m.group().startswith(".") and (last := _WORD.findall(head)) and last[-1].casefold() in words:
            continue  # "No. 28", "Pr. Yuria Gagarina": an abbreviation's full stop
        addresses = split_addresses(rest)
        numbered = any(ch.isdigit() for ch in rest)
        if addresses and ((countries_of(addresses) and _begins_an_address(addresses[0], words, numbered))
                          or _town_and_country(addresses[0])):  # "Huawei Delhi OpenLab. Delhi, India"
            return _name_before_building(head, words, forms, addresses)
    return alias, []


def split_aliases(aliases: Iterable[str]) -> tuple[list[str], list[str]]:
    """Every alias without the addresses printed in it, and those addresses, in order."""
    names: list[str] = []
    found: list[str] = []
    for alias in aliases:
        name, addresses = split_alias(alias)
        if name:
            names.append(name)
        found.extend(a for a in addresses if a not in found)
    return names, found
