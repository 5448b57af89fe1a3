"""The other names a listed name gives in brackets: "Zorsecurity Center (f.k.a., Esage Lab)", "Gazprom
Flot, OOO (f.k.a., Obshchestvo S Ogranichennoi Otvetstvennostyu Gazflot)", "Rosneft Oil Company (a.k.a.
Open Joint-Stock Company Rosneft Oil Company".

The Entity List writes a body's former name ("formerly known as") and some of its other names ("also known
as") inside its name (38 of its entries; two entries' aliases on the ASPI tracker too), the bracket sometimes
left open where the entry's text was cut. Read whole, such a name was found by neither of its names:
"Zorsecurity Center" was only a near miss of "Zorsecurity Center (f.k.a., Esage Lab)", and "Esage Lab" gave
nothing. Each is a name of the entry the list gives, so the name before the bracket is a name form of the
entry, and each name in the bracket an alias of it (:func:`collabguard.matching.index.entity_forms`); the
name as written stays one too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# "(f.k.a., X)", "(a.k.a. X)", "(a.k.a X)": to the closing bracket, or to the end where the list cut it off
_OTHER_NAMES = re.compile(r"\s*\(\s*[fa]\.k\.a\b\.?\s*,?\s*([^()]*?)\s*(?:\)|$)", re.IGNORECASE)
_TRAILING = " ,;"
_QUOTES = frozenset("\"'“”«»")


class OtherNames(NamedTuple):
    name: str  # the listed name without the brackets: "Zorsecurity Center"
    others: tuple[str, ...]  # the names the brackets give: ("Esage Lab",)


@lru_cache(maxsize=65536)
def other_names(text: str) -> OtherNames | None:
    """The listed name apart from the names it gives in "(a.k.a. …)" or "(f.k.a. …)" brackets; None where
    it gives none, or where nothing is left of it without them."""
    if ".k.a" not in text.lower():
        return None
    found = list(_OTHER_NAMES.finditer(text))
    if not found:
        return None
    kept, others, end = [], [], 0
    for m in found:
        kept.append(text[end:m.start()])
        end = m.end()
        other = m.group(1).strip(_TRAILING)
        if other[:1] in _QUOTES and other[-1:] in _QUOTES:
            other = other[1:-1].strip()  # (a.k.a. “MEC”)
        if other:
            others.append(other)
    kept.append(text[end:])
    name = " ".join("".join(kept).split()).strip(_TRAILING)
    if not name:
        return None
    return OtherNames(name, tuple(dict.fromkeys(others)))
