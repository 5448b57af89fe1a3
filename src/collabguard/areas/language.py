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


def not_english(text: str, lang: str = "en") -> str | None:
    """A one-line note (in ``lang``) when a text of some length does not look like English, else None."""
    from collabguard.reference.report_text import text as say

    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return None
    latin = sum(1 for w in words if w.isascii())
    if latin / len(words) < 0.5:
        return say("warning.not_latin", lang)
    common = sum(1 for w in words if w.lower() in _ENGLISH)
    if common / len(words) < 0.10:  # English prose: a quarter to a third of the words are these
        return say("warning.not_english", lang)
    return None
