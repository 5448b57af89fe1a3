"""Is a text English? The area terms are English: a Norwegian or Chinese abstract finds nothing,
and the report must say so rather than silently showing no sensitive area."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH = frozenset(
    "the of and to in a is for on that with by as are we this from be an at or which our will these their it "
    "has have using based new can its was were been into between than also two study results research data".split()
)
MIN_WORDS = 12


def not_english(text: str) -> str | None:
    """A one-line note when a text of some length does not look like English, else None."""
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return None
    latin = sum(1 for w in words if w.isascii())
    if latin / len(words) < 0.5:
        return "the text is mostly not in Latin script: technology areas are detected in English text only"
    common = sum(1 for w in words if w.lower() in _ENGLISH)
    if common / len(words) < 0.10:  # English prose: a quarter to a third of the words are these
        return "the text does not look like English: technology areas are detected in English text only"
    return None
