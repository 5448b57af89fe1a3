"""An institute's acronym written with its academy's: "ISSP RAS", "IAP RAS", "ISP SB RAS", "IOP CAS".

Affiliations name the institutes of the Russian and Chinese academies of sciences by their acronym and
the academy's ("IAP RAS" for the Institute of Applied Physics of the Russian Academy of Sciences,
"IOP CAS" for the Institute of Physics of the Chinese Academy of Sciences), which is neither the acronym
alone nor a name any list writes, so the name found nothing (issue #15). Such a name is read as the
acronym, alone or with the academy's initials (as an acronym derived from the institute's whole name
is: ISSPRAS), of a listed institute of that academy: one of its country whose listed names name the
academy (reference/matching/name-words.yaml ``parents``). ``possible``, as every acronym; the
acronym of a listed body of another parent or another country (an "ISSP" elsewhere) is not read so.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from collabguard.matching.compare import PARENT_PHRASES
from collabguard.matching.index import NameForm
from collabguard.matching.normalize import looks_like_acronym, tokens

MAX_ACRONYM = 10  # letters: a longer word is a name


@dataclass(frozen=True, slots=True)
class AcronymWithParent:
    acronym: str  # "ISSP", as the lists' acronyms are keyed
    keys: tuple[str, ...]  # the acronym alone and with the academy's initials ("ISSP", "ISSPRAS")
    parent: str  # the academy as written ("RAS")
    countries: frozenset[str]  # the academy's country (and those that share its parents: HK, MO with CN)
    names: tuple[frozenset[str], ...]  # the academy's whole names' words, one of which a listed name must hold


@dataclass(frozen=True, slots=True)
class _Academy:
    initials: str
    countries: frozenset[str]
    names: tuple[frozenset[str], ...]


@lru_cache(maxsize=1)
def _academies() -> dict[tuple[str, ...], _Academy]:
    """The academies among the parents, by their words sorted. An academy written as its acronym ("ras",
    "cas") stands for its country's whole names with those initials ("chinese academy science", "china
    academy science"); not a parent that is no academy ("Ministry of Public Security")."""
    initials_of: dict[str, str] = {}
    countries: dict[tuple[str, ...], set[str]] = {}
    names: dict[str, set[frozenset[str]]] = {}
    for country, phrases in PARENT_PHRASES.items():
        for key, phrase in phrases.items():
            words = phrase.split()
            if "academy" in words:
                initials = "".join(w[0] for w in words).upper()
                names.setdefault(initials, set()).add(frozenset(words))
            elif len(words) == 1:
                initials = words[0].upper()
            else:
                continue
            initials_of[" ".join(key)] = initials
            countries.setdefault(key, set()).add(country)
    return {key: _Academy(initials_of[" ".join(key)], frozenset(cs), tuple(sorted(names[initials_of[" ".join(key)]], key=sorted)))
            for key, cs in countries.items() if initials_of[" ".join(key)] in names}


def acronym_with_parent(text: str) -> AcronymWithParent | None:
    """The acronym and the academy a name writes them as ("ISSP RAS"), if it is only those (else None)."""
    first, _, rest = text.strip().partition(" ")
    if not rest or not looks_like_acronym(first) or not first.isalpha() or len(first) > MAX_ACRONYM:
        return None
    academy = _academies().get(tuple(sorted(tokens(rest))))
    if academy is None:
        return None
    acronym = first.upper()
    return AcronymWithParent(acronym, (acronym, acronym + academy.initials), " ".join(rest.split()),
                             academy.countries, academy.names)


def names_parent(form: NameForm, reading: AcronymWithParent) -> bool:
    """Is the form's entry an institute of that academy: of its country, a listed name naming it?"""
    entity = form.entity
    if entity.country not in reading.countries:
        return False
    words = [set(tokens(name)) for name in (entity.name, *entity.aliases)]
    return any(academy <= held for academy in reading.names for held in words)
