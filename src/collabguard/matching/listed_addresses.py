"""A listed name written with the body's address after it: "BellHuawei Technologies LLC. 5 Dzerzhinsky Ave.,
Minsk, 220036, Belarus", "More Shipyard. 1 Desantnikov Street, Feodosia, Crimea 98176, Ukraine",
"Sovmortrans-Crimea. ul. Zoi Zhiltsovoy, d. 15, office 51, Simferopol, Crimea, Ukraine".

The Entity List gives an entry's last alias and its address in one sentence, and the list's text keeps them
together in about thirty of its names and aliases. Read whole, such an alias was found by nobody: "More
Shipyard" was only "the beginning of" it, a near miss. The name before the address is a name of the entry
too (:func:`collabguard.matching.index.entity_forms`); the name as written stays one.

Where the address begins: a full stop, then a house number, a Russian house or street ("d. 54", "ul."), a
room, office or building, a street's name ("Demidova Street", "Anapskoye Highway"), or the list's "(See
alternate address …)". Not a number's full stop ("Zavod No. 9", "Str. 25"), nor an ordinal ("China
Electronics Technology Group Corp. 54th Research Institute": a unit's name, not its address).
"""

from __future__ import annotations

import re
from functools import lru_cache

_STREETS = r"(?:Street|St\.|Str\.|Road|Rd\.?|Avenue|Ave\.|Highway|Lane|Boulevard|Prospekt|Proezd|Thoroughfare)"
_ADDRESS = re.compile(
    r"(?<!\bNo)(?<!\bno)(?<!\bNO)(?<!\bSt)(?<!\bStr)(?<!\bstr)(?<!\bBld)(?<!\bbld)(?<!\bRd)\.\s+(?="
    r"\d(?!\d*(?:st|nd|rd|th)\b)"  # a house number, not an ordinal
    r"|[Dd]\.\s*\d|[Uu]l\.?\s|No\.\s*\d|Room\b|Rm\.|Bldg\b|Building\b|Office\b|Suite\b|Floor\b|Unit\b|Flat\b"
    r"|P\.\s*O\.|\(See\b"
    rf"|(?:[A-Z][\w'’-]*\s+){{1,3}}{_STREETS})")
MIN_NAME = 3  # letters the name before the address keeps


@lru_cache(maxsize=65536)
def without_address(text: str) -> str | None:
    """The listed name without the address written after it; None where it has none."""
    found = _ADDRESS.search(text)
    if found is None:
        return None
    name = text[:found.start()].strip(" ,;")
    return name if sum(c.isalpha() for c in name) >= MIN_NAME else None
