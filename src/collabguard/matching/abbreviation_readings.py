"""A name with an abbreviation that stands for several words, read with each of the others.

Web of Science abbreviates an address word by its first letters whatever its ending: "Beijing Univ Chem
Technol" is Beijing University of Chemical Technology, "Chinese Acad Med Sci" the Chinese Academy of
Medical Sciences, "Beijing Univ Chinese Med" Beijing University of Chinese Medicine. The normaliser writes
an abbreviation out as one word ("chem": chemistry, ``abbreviations`` in ``name-words.yaml``); where the
name so written finds nothing, the matcher reads it again with the abbreviation as each other word it
stands for (``abbreviation_readings``), at most ``possible``: the reader cannot tell which word the writer
meant ("Inst Elect Engn" may be electrical or electronic engineering).
"""

from __future__ import annotations

import re
from itertools import product
from typing import NamedTuple

from collabguard.matching.normalize import ABBREVIATION_READINGS

MAX_READINGS = 8  # other readings tried for one part of a name (a few abbreviations of two or three words)
_WORD = re.compile(r"[^\W_]+")


class AbbreviationReading(NamedTuple):
    text: str  # the part of the name with the abbreviations written out as other words
    said: str  # what was read so: "'Chem' as 'chemical'"
    changed: int  # how many abbreviations

    @property
    def reason(self) -> str:
        """How the name was read, for the reason: "read with 'Chem' as 'chemical', another word …"."""
        if self.changed == 1:
            return f"read with {self.said}, another word the abbreviation stands for"
        return f"read with {self.said}, other words the abbreviations stand for"


def abbreviation_readings(text: str) -> list[AbbreviationReading]:
    """The part of a name read with its abbreviations as the other words they stand for, fewest changes
    first ([] if it holds none): "Beijing Univ Chem Technol" → "Beijing Univ Chemical Technol"."""
    spans = [(m.start(), m.end(), m.group(), others) for m in _WORD.finditer(text)
             if (others := ABBREVIATION_READINGS.get(m.group().casefold()))]
    if not spans:
        return []
    choices = [(None, *others) for *_, others in spans]  # None: as the normaliser writes it out
    # the fewest words changed first, then the earliest
    combos = sorted((c for c in product(*choices) if any(c)),
                    key=lambda c: (sum(w is not None for w in c), [w is None for w in c]))
    out = []
    for combo in combos[:MAX_READINGS]:
        parts, said, end = [], [], 0
        for (start, stop, written, _), word in zip(spans, combo, strict=True):
            if word is not None:
                parts += [text[end:start], word]
                said.append(f"{written!r} as {word!r}")
                end = stop
        out.append(AbbreviationReading("".join(parts) + text[end:], ", ".join(said), len(said)))
    return out
