"""An institute's acronym written with its academy's: "ISSP RAS", "IAP RAS", "ISP SB RAS", "IOP CAS".

Affiliations name the institutes of the Russian and Chinese academies of sciences by their acronym and
the academy's ("IAP RAS" for the Institute of Applied Physics of the Russian Academy of Sciences,
"IOP CAS" for the Institute of Physics of the Chinese Academy of Sciences), which is neither the acronym
alone nor a name any list writes, so the name found nothing (issue #15). Such a name is read as the
acronym, alone or with the academy's initials (IOPCAS), that a list gives a listed institute of that
academy (or the registry does): one of its country whose listed names name the academy, in order
(reference/matching/name-words.yaml ``parents``). ``possible``, as every acronym; the acronym of a
listed body of another parent or another country (an "ISSP" elsewhere) is not read so, nor an acronym
collabguard derives from a listed name (which skips words: "ICB RAS", the Institute of Cell Biophysics,
read as the initials of the Institute of Molecular and Cell Biology).
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
    names: tuple[tuple[str, ...], ...]  # the academy's whole names, one of which a listed name must hold, in order


@dataclass(frozen=True, slots=True)
class _Academy:
    initials: str
    countries: frozenset[str]
    names: tuple[tuple[str, ...], ...]


@lru_cache(maxsize=1)
def _academies() -> dict[tuple[str, ...], _Academy]:
    """The academies among the parents, by their words sorted. An academy written as its acronym ("ras",
    "cas") stands for its country's whole names with those initials ("chinese academy science", "china
    academy science"); not a parent that is no academy ("Ministry of Public Security")."""
    initials_of: dict[str, str] = {}
    countries: dict[tuple[str, ...], set[str]] = {}
    names: dict[str, set[tuple[str, ...]]] = {}
    for country, phrases in PARENT_PHRASES.items():
        for key, phrase in phrases.items():
            words = phrase.split()
            if "academy" in words:
                initials = "".join(w[0] for w in words).upper()
                names.setdefault(initials, set()).add(tuple(words))
            elif len(words) == 1:
                initials = words[0].upper()
            else:
                continue
            initials_of[" ".join(key)] = initials
            countries.setdefault(key, set()).add(country)
    return {key: _Academy(initials_of[" ".join(key)], frozenset(cs), tuple(sorted(names[initials_of[" ".join(key)]])))
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
    """Is the form's entry an institute of that academy: of its country, a listed name naming it, its words in
    order ("China Aerospace Science and Technology Corporation (CASC) 8th Academy" holds china, science and academy,
    and names no academy of sciences)?"""
    entity = form.entity
    if entity.country not in reading.countries:
        return False
    held = [f" {' '.join(tokens(name))} " for name in (entity.name, *entity.aliases)]
    return any(f" {' '.join(academy)} " in text for academy in reading.names for text in held)
