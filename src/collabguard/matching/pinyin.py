"""Pinyin syllables: Chinese universities are abbreviated by the syllables of their place names
(Chongqing University → CQU, Dalian University of Technology → DLUT, Heilongjiang → HLJ)."""

from __future__ import annotations

from functools import lru_cache

from collabguard.reference.lexicons import pinyin


def pinyin_syllables() -> frozenset[str]:
    """Every syllable standard pinyin has (about 400), toneless: "shen" is one, "shin" is not.
    Written out in ``reference/matching/pinyin.yaml`` from the dictionary of ``pypinyin``
    (``scripts/build_han_readings.py``'s ``syllables``; a test checks they agree): collabguard does not
    import ``pypinyin``, whose dictionaries take a quarter of a second and 57 MB to load."""
    return _SYLLABLES


_SYLLABLES: frozenset[str] = pinyin().syllables  # reference/matching/pinyin.yaml


_MAX = 6  # the longest syllables: zhuang, chuang, shuang


# Older romanisations that universities kept in their English names (Chinese Postal Map
# Romanization, Wade–Giles), as their syllables: Peking University is PKU, Tsinghua University THU.
ROMANISED: dict[str, tuple[str, ...]] = pinyin().older_romanisations


@lru_cache(maxsize=8192)
def syllables(word: str) -> tuple[str, ...] | None:
    """Split a word into pinyin syllables (fewest syllables first); None if it is not pinyin."""
    word = word.lower()
    if word in ROMANISED:
        return ROMANISED[word]
    if not word.isalpha() or not word.isascii():
        return None
    known = pinyin_syllables()
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[0] = ()
    for end in range(1, len(word) + 1):
        for size in range(1, min(_MAX, end) + 1):
            prev = best[end - size]
            piece = word[end - size:end]
            # pinyin marks a syllable that starts with a vowel after another syllable with an
            # apostrophe (Xi'an), so inside a word every syllable but the first has a consonant
            if prev is not None and piece in known and (not prev or piece[0] not in "aoe"):
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
