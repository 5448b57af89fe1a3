"""A place of Xinjiang written another way than the list writes it: "Hotan Prefecture Public Security
Bureau" for the listed "Hetian Prefecture Public Security Bureau", "Kashi" for Kashgar, "Karamay" for
Kelamayi, "Kumul" for Hami.

The Entity List writes these places in Mandarin pinyin in its entries' names and, in their aliases, as
their Uyghur, Kazakh or Mongolian names are written; an entry without the alias, or a company named with
the other spelling ("Hotan Taida Apparel" for "Hetian Taida Apparel Co., Ltd."), was not found. The
spellings are the lists' own (``spellings`` in ``places.yaml``, with the entries that give them). A part
of a name that finds nothing as written is read again with each other spelling of its place; what it finds
keeps its decision (the same place, written another way), the reason saying how it was read.
"""

from __future__ import annotations

import re
from itertools import product
from typing import NamedTuple

from collabguard.reference.lexicons import places

MAX_READINGS = 8  # other readings tried for one part of a name
_WORD = re.compile(r"[^\W_]+")
# every spelling of a place of each country, with the others
_OTHERS: dict[str, dict[str, tuple[str, ...]]] = {
    country: {w: tuple(o for o in group if o != w) for group in groups for w in group}
    for country, groups in places().spellings.items()}


class PlaceSpelling(NamedTuple):
    text: str  # the part of the name with its places written the other way
    said: str  # what was read so: "'Hotan' as 'Hetian'"

    @property
    def reason(self) -> str:
        return f"read with {self.said}, another spelling of the same place the lists give"


def place_spellings(text: str, country: str | None) -> list[PlaceSpelling]:
    """The part of a name read with each other spelling of the places it names (for a name of ``country``, or
    of any country the table knows where none is given), fewest changes first; [] if it names none."""
    tables = [_OTHERS[country]] if country in _OTHERS else list(_OTHERS.values()) if country is None else []
    spans = [(m.start(), m.end(), m.group(), others) for m in _WORD.finditer(text) for table in tables
             if (others := table.get(m.group().casefold()))]
    if not spans:
        return []
    combos = sorted(product(*[(None, *others) for *_, others in spans]),
                    key=lambda c: (sum(w is not None for w in c), [w is None for w in c]))
    out = []
    for combo in (c for c in combos if any(c)):
        parts, said, end = [], [], 0
        for (start, stop, written, _), word in zip(spans, combo, strict=True):
            if word is not None:
                spelt = word.capitalize() if written[:1].isupper() else word
                parts += [text[end:start], spelt]
                said.append(f"{written!r} as {spelt!r}")
                end = stop
        out.append(PlaceSpelling("".join(parts) + text[end:], ", ".join(said)))
        if len(out) == MAX_READINGS:
            break
    return out
