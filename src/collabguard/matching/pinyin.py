"""Pinyin syllables: Chinese universities are abbreviated by the syllables of their place names
(Chongqing University → CQU, Dalian University of Technology → DLUT, Heilongjiang → HLJ)."""

from __future__ import annotations

from functools import lru_cache

_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w", "")
_FINALS = ("iang", "iong", "uang", "ueng", "ang", "eng", "ing", "ong", "ian", "iao", "uai", "uan", "van", "ai", "ei", "ao", "ou",
           "an", "en", "er", "ia", "ie", "iu", "in", "ua", "uo", "ui", "un", "ue", "ve", "a", "o", "e", "i", "u", "v")
SYLLABLES = frozenset(i + f for i in _INITIALS for f in _FINALS if i + f)
_MAX = max(len(s) for s in SYLLABLES)


@lru_cache(maxsize=8192)
def syllables(word: str) -> tuple[str, ...] | None:
    """Split a word into pinyin syllables (fewest syllables first); None if it is not pinyin."""
    word = word.lower()
    if not word.isalpha() or not word.isascii():
        return None
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[0] = ()
    for end in range(1, len(word) + 1):
        for size in range(1, min(_MAX, end) + 1):
            prev = best[end - size]
            piece = word[end - size:end]
            # pinyin marks a syllable that starts with a vowel after another syllable with an
            # apostrophe (Xi'an), so inside a word every syllable but the first has a consonant
            if prev is not None and piece in SYLLABLES and (not prev or piece[0] not in "aoe"):
                cand = prev + (piece,)
                if best[end] is None or len(cand) < len(best[end]):  # type: ignore[arg-type]
                    best[end] = cand
    return best[len(word)]


def syllable_initials(word: str) -> str | None:
    """'chongqing' → 'cq'; None unless the word is two or more pinyin syllables."""
    parts = syllables(word)
    if parts is None or len(parts) < 2:
        return None
    return "".join(p[0] for p in parts)
