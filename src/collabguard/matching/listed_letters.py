"""The letters a listed name is written with, standing alone at its start or end: "K Logistics (China)
Limited", "A R Sales Private Ltd", "D B C Makina Sanayi ve Ticaret Anonim Sirketi", "Shetab G".

The normaliser leaves out single letters as a person's initials ("Andrey V Gromadskih", "P N Lebedev"), so
such a listed name reads as its other words alone: "Logistics China", "Sales Private", "Makina Sanayi ve
Ticaret", "Shetab". An innocent name made of those words was a `match` on it. The letters are the name's
own where they begin or end it in capitals, each set apart by spaces (not "M/S", the Indian "Messrs", nor
"S.V." with full stops, an eponym's initials): a name without them is not that body by its words alone
(:mod:`collabguard.matching.checks`, check ``listed-letters``).

The other way round, a name written with its letters apart ("D B C Makina Sanayi Ve Ticaret Anonim Sirketi")
for a listed name that joins them ("DBC Makina Sanayi ve Ticaret A.S.") read as its other words alone and
found nothing: where it finds nothing so, it is read with the letters joined (:func:`letters_joined`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_LEADING = re.compile(r"^\s*((?:[A-Z]\s+)+)(?=(?!and\b)[^\W\d_]{2,})")  # "E and I Systems" is read as EI
_TRAILING = re.compile(r"(?<=[^\W\d_]{2})((?:\s+[A-Z])+)\s*$")
_RAW_WORD = re.compile(r"[^\W_]+")


def _runs(text: str) -> tuple[str, str]:
    """The leading and the trailing letters, each joined in lower case ("" where none)."""
    lead, trail = _LEADING.search(text), _TRAILING.search(text)
    return ("".join(lead.group(1).split()).lower() if lead else "", "".join(trail.group(1).split()).lower() if trail else "")


@lru_cache(maxsize=4096)
def own_letters(text: str) -> str:
    """The letters a listed name begins or ends with, standing alone, joined in lower case ("K Logistics
    (China) Limited": "k"; "A R Sales Private Ltd": "ar"); "" if it has none."""
    return " ".join(run for run in _runs(text) if run)


def letter_keys(text: str, norm: str) -> list[str]:
    """The listed name as names that keep its letters normalise: "ar sales private" for "A R Sales Private Ltd"
    (written "AR Sales"), "ijet global dmcc" for "I JET GLOBAL DMCC" (written "I-Jet"), "shetab g". ``norm``: the
    listed name normalised (without the letters)."""
    lead, trail = _runs(text)
    if not norm or (lead and trail):
        return []
    if lead:
        return [f"{lead} {norm}", f"{lead}{norm}"]
    return [f"{norm} {trail}"] if trail else []


class JoinedLetters(NamedTuple):
    text: str  # the name with the letters it begins with joined: "DBC Makina Sanayi …"
    letters: str  # as written: "D B C"

    @property
    def reason(self) -> str:
        return f"read with the letters {self.letters!r} joined, as {self.letters.replace(' ', '')!r}"


def letters_joined(text: str) -> JoinedLetters | None:
    """The name with the capital letters it begins with, each set apart, joined ("D B C Makina …": "DBC Makina
    …"); None where it begins with fewer than two such letters."""
    lead = _LEADING.search(text)
    if lead is None or len(letters := lead.group(1).split()) < 2:
        return None
    return JoinedLetters("".join(letters) + " " + text[lead.end(1):], " ".join(letters))


def names_letters(query: str, letters: str, listed: str = "") -> bool:
    """Does the name carry the letters, joined ("AR Sales"), apart ("A R Sales"), with full stops ("A.R. Sales") or
    joined to the next word of the listed name ``listed`` ("I-Jet", "IJet" for "I JET GLOBAL")?"""
    words = [w.lower() for w in _RAW_WORD.findall(query)]
    joined = "".join(w for w in words if len(w) == 1)
    listed_words = {w.lower() for w in _RAW_WORD.findall(listed)}
    return all(run in words or run in joined or any(w.startswith(run) and w[len(run):] in listed_words for w in words)
               for run in letters.split())
