"""Word-by-word comparison of a query name with a list name form: the distinctive-word gate.

Every word of the query is paired with a word of the list name: the same word; one of a translated
word's alternatives (``college|institute``); the same consonant skeleton (``~shryf`` ↔ sharif); a
misspelling ("jiatong" ↔ "jiaotong", Levenshtein similarity ≥ ``twin_ratio``); or an abbreviation
that is a prefix ("technol" ↔ "technology"). What stays unpaired decides:

- strict (Latin-script queries): any unpaired word on either side rejects, except the optional
  "pla". "Sichuan Normal University" is not "Sichuan University" (extra word 'normal');
  "Northwestern University" is not "Northwestern Polytechnical University" (missing word
  'polytechnic'); "Royal Norwegian Naval Academy" is not "Naval Academy".
- lenient (translated from another script): translation is lossy (科技 is "science and
  technology", NUDT's English name says only "technology"), so up to two unpaired *generic* words are
  allowed, but never an unpaired distinctive word, and at least one distinctive word must pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from collabguard.matching.normalize import GENERIC_WORDS
from collabguard.matching.translate import skeleton

OPTIONAL_WORDS = frozenset({"pla"})
MAX_LENIENT_UNPAIRED = 2


@dataclass(slots=True)
class Comparison:
    score: int  # 0–100
    passed: bool
    why: str  # the deciding feature, or why it was rejected
    kinds: tuple[str, ...]  # how words were paired: exact, translated, skeleton, typo, abbreviation


def _alternatives(token: str) -> tuple[str, ...]:
    return tuple(token.split("|"))


def _pair_kind(q: str, word: str, twin_ratio: float) -> tuple[str, float] | None:
    if q.startswith("~"):
        sk = q[1:]
        return ("skeleton", 0.9) if len(sk) >= 2 and skeleton(word) == skeleton(sk) else None
    alts = _alternatives(q)
    if word in alts:
        return ("translated" if len(alts) > 1 else "exact", 1.0)
    for a in alts:
        if len(a) >= 4 and len(word) >= 4:
            sim = Levenshtein.normalized_similarity(a, word)
            if sim >= twin_ratio:
                return "typo", sim
        if len(a) >= 3 and len(word) >= 5 and word.startswith(a) and len(alts) == 1:
            return "abbreviation", 0.9
    return None


def _is_generic(token: str) -> bool:
    return all(a in GENERIC_WORDS or a in OPTIONAL_WORDS for a in _alternatives(token.lstrip("~")))


def compare(query: tuple[str, ...], listed: tuple[str, ...], *, lenient: bool, twin_ratio: float) -> Comparison:
    """Pair the words of ``query`` with those of ``listed`` and apply the gate."""
    free = list(listed)
    paired: list[tuple[str, float]] = []
    unpaired_q: list[str] = []
    # exact pairs first, so a typo twin never steals a word that has its exact partner
    pending: list[str] = []
    for q in query:
        hit = next((w for w in free if w in _alternatives(q)), None)
        if hit is not None:
            free.remove(hit)
            paired.append(("translated" if "|" in q else "exact", 1.0))
        else:
            pending.append(q)
    for q in pending:
        best: tuple[str, str, float] | None = None
        for w in free:
            kind = _pair_kind(q, w, twin_ratio)
            if kind is not None and (best is None or kind[1] > best[2]):
                best = (w, kind[0], kind[1])
        if best is None:
            unpaired_q.append(q)
        else:
            free.remove(best[0])
            paired.append((best[1], best[2]))
    unpaired_l = free
    total = len(query) + len(listed)
    score = int(round(100 * 2 * sum(s for _, s in paired) / total)) if total else 0
    kinds = tuple(sorted({k for k, _ in paired}))
    extra = [q for q in unpaired_q if q not in OPTIONAL_WORDS]
    missing = [w for w in unpaired_l if w not in OPTIONAL_WORDS]
    if not lenient:
        if extra:
            return Comparison(score, False, f"extra word {extra[0].lstrip('~')!r}", kinds)
        if missing:
            return Comparison(score, False, f"missing word {missing[0]!r}", kinds)
        return Comparison(score, True, "same words" if kinds == ("exact",) else "words pair up (" + ", ".join(kinds) + ")", kinds)
    distinctive_extra = [q for q in extra if not _is_generic(q)]
    distinctive_missing = [w for w in missing if w not in GENERIC_WORDS]
    if distinctive_extra:
        return Comparison(score, False, f"extra word {distinctive_extra[0].split('|')[0].lstrip('~')!r}", kinds)
    if distinctive_missing:
        return Comparison(score, False, f"missing word {distinctive_missing[0]!r}", kinds)
    if len(extra) + len(missing) > MAX_LENIENT_UNPAIRED:
        return Comparison(score, False, f"{len(extra) + len(missing)} words do not pair", kinds)
    if not any(w not in GENERIC_WORDS for w in listed if w not in unpaired_l) and len(paired) < 3:
        return Comparison(score, False, "only generic words pair", kinds)
    return Comparison(score, True, "translated words pair up (" + ", ".join(kinds) + ")", kinds)
