"""Is a list entry a person or an organisation, for lists that do not say (the BIS Entity List, the
State Department's nonproliferation table)?

The rule, decided on the evidence of the files (README, "Persons on the lists"):

1. An organisation when its name or any of its aliases holds an organisation word (a legal form such
   as Ltd., LLC, OOO; an organisation type such as institute, university, bureau; a business word such
   as electronics, trading, aviation; the list is in ``reference/list-reading.yaml``). Aliases count:
   "Wise Road Capital" is also "Beijing Wise Road Management Co., Ltd.".
2. An organisation when its name is one word ("DJI", "Sugon"), holds a digit, a country or a place
   name that begins another organisation's name in the same list ("Huawei Cloud Argentina", "Beijing
   Tianhua"), a region ("Focus Middle East") or an en or em dash between words ("Rostekh—Azimuth": a
   person's double name takes a hyphen), or has more than five words.
3. A person when every word of its name is written like a personal name: a capitalised word, an
   initial ("H.", "M.R."), or a particle ("ur", "bin", "Al"). "Wang Wei", "Habib ur Rahman".
4. Anything else: an organisation.

A person is kept apart and never matched against a partner (a partner is an institution); an
organisation read as a person would be missed, so rule 1 and 2 err towards organisations, and the
tests pin both the counts and the hard cases.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from collabguard.lists.rows import code_of, organisation_words, reading

WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*\.?|\d+", re.UNICODE)
INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]\.?[A-Z]\.$")
_DASH_BETWEEN = re.compile(r"\w\s*[–—]\s*\w")  # an en or em dash between words


def _words(text: str) -> list[str]:
    text = re.sub(r"\([^()]*\)", " ", text)  # "(SSB)", "(a.k.a. …)" say nothing about the kind
    return [w for w in WORD.findall(text) if w]


def _key(word: str) -> str:
    return word.replace(".", "").casefold()


class KindReader:
    """Reads the kind of every entry of one list: place and brand words come from the list itself."""

    def __init__(self, names: Iterable[str]) -> None:
        aids = reading()
        self.org_words = organisation_words()
        self.particles = frozenset(str(w).casefold() for w in aids.get("name_particles") or [])
        regions = [re.escape(str(w).casefold()) for w in aids.get("region_words") or []]
        self.region = re.compile(rf"\b(?:{'|'.join(regions)})\b") if regions else None
        # a word that begins three or more names of organisations of the list is a place or a brand
        # ("Beijing", "Shenzhen", "Huawei", "Moscow"), never a given name
        firsts: Counter[str] = Counter()
        for name in names:
            words = _words(name)
            if words and self._has_org_word(words):
                firsts[_key(words[0])] += 1
        self.leading = frozenset(w for w, n in firsts.items() if n >= 3)

    def _has_org_word(self, words: list[str]) -> bool:
        # each part of a hyphenated word counts too ("Import-Export", "Radio-Plant"), and initials
        # written apart as one legal form ("S.L.", "S.A.")
        keys = [_key(p) for w in words for p in (w, *w.split("-"))]
        initials = "".join(_key(w) for w in words if len(w) == 2 and w.endswith("."))
        return any(k in self.org_words for k in keys) or (len(initials) > 1 and initials in self.org_words)

    def kind(self, name: str, aliases: Iterable[str] = ()) -> str:
        """``person`` or ``organisation``."""
        words = _words(name)
        if not words or self._has_org_word(words) or any(self._has_org_word(_words(a)) for a in aliases):
            return "organisation"
        if len(words) == 1 or len(words) > 5 or any(w.isdigit() for w in words):
            return "organisation"
        if _DASH_BETWEEN.search(name) or (self.region is not None and self.region.search(name.casefold())):
            return "organisation"  # "Rostekh—Azimuth" (a person's double name takes a hyphen), "Focus Middle East"
        if any(_key(w) in self.leading for w in words) or any(code_of(w) for w in words if len(w) > 3):
            return "organisation"
        for w in words:
            if _key(w) in self.particles or INITIALS.match(w):
                continue
            core = w.rstrip(".")
            if not (core[:1].isupper() and not core.isupper() and core[1:].replace("-", "").replace("'", "").replace("’", "").isalpha()):
                return "organisation"
        return "person"
