"""The letters a listed name is written with, standing alone at its start or end: "K Logistics (China)
Limited", "A R Sales Private Ltd", "D B C Makina Sanayi ve Ticaret Anonim Sirketi", "Shetab G".

The normaliser leaves out single letters as a person's initials ("Andrey V Gromadskih", "P N Lebedev"), so
such a listed name reads as its other words alone: "Logistics China", "Sales Private", "Makina Sanayi ve
Ticaret", "Shetab". An innocent name made of those words was a `match` on it. The letters are the name's
own where they begin or end it in capitals, each set apart by spaces (not "M/S", the Indian "Messrs", nor
"S.V." with full stops, an eponym's initials): a name without them is not that body by its words alone
(:mod:`collabguard.matching.checks`, check ``listed-letters``).
"""

from __future__ import annotations

import re
from functools import lru_cache

_LEADING = re.compile(r"^\s*((?:[A-Z]\s+)+)(?=(?!and\b)[^\W\d_]{2,})")  # "E and I Systems" is read as EI
_TRAILING = re.compile(r"(?<=[^\W\d_]{2})((?:\s+[A-Z])+)\s*$")
_RAW_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def own_letters(text: str) -> str:
    """The letters a listed name begins or ends with, standing alone, joined in lower case ("K Logistics
    (China) Limited": "k"; "A R Sales Private Ltd": "ar"); "" if it has none."""
    found = [m.group(1) for m in (_LEADING.search(text), _TRAILING.search(text)) if m is not None]
    return " ".join("".join(part.split()).lower() for part in found)


def names_letters(query: str, letters: str) -> bool:
    """Does the name carry the letters, joined ("AR Sales"), apart ("A R Sales") or with full stops ("A.R. Sales")?"""
    words = [w.lower() for w in _RAW_WORD.findall(query)]
    joined = "".join(w for w in words if len(w) == 1)
    return all(run in words or run in joined for run in letters.split())
