"""Bracketed place qualifiers: "China University of Geosciences (Beijing)" and "China University of
Geosciences (Wuhan)" are two universities, as are China University of Petroleum (Beijing) and (East
China), or China University of Mining and Technology (Beijing) and the one in Xuzhou.

The matcher tries a name without its bracketed parts (so "Beihang University (BUAA)" finds Beihang
University). When what the brackets held is a place, dropping it can turn one university into another:

- the listed name carries another place in its brackets ("(Wuhan)" for "(Beijing)"): not this entry;
- the listed name does not carry the place at all and begins with its country ("China University of
  Mining and Technology", the one in Xuzhou, for "… (Beijing)"): at most ``possible``, with the reason,
  since such national names are borne by separate universities in several cities; any other name
  with its city in brackets ("Tsinghua University (Beijing, China)") is the name.

Place words are the matcher's (compare.PLACE_WORDS, country words) and the region words of
``reference/organisation-parts.yaml`` ("East China", "North China").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from collabguard.matching.compare import COUNTRY_WORDS, PLACE_WORDS
from collabguard.matching.index import NameForm
from collabguard.matching.normalize import tokens
from collabguard.matching.parts import lexicon
from collabguard.matching.translate import script_of, translate

_BRACKETED = re.compile(r"[(\[（]([^()\[\]（）]*)[)\]）]")


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    return frozenset().union(*PLACE_WORDS.values(), *COUNTRY_WORDS.values(), lexicon().regions)


@lru_cache(maxsize=4096)
def place_qualifiers(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The bracketed parts of a name that name only places: ("Beijing", {"beijing"})."""
    places = _place_words()
    out = []
    for m in _BRACKETED.finditer(text):
        inner = m.group(1)
        words = tuple(tokens(inner) if script_of(inner) == "latin" else translate(inner))  # (北京) reads as Beijing
        if words and all(w in places for w in words):
            out.append((m.group(1).strip(), frozenset(words)))
    return tuple(out)


def _national(name: str) -> bool:
    """Does the listed name begin with its country ("China University of Mining and Technology")? Such
    national names are the ones borne by separate universities in several cities (Xuzhou and Beijing)."""
    words = tokens(name)
    return bool(words) and any(words[0] in w for w in COUNTRY_WORDS.values())


@dataclass(frozen=True, slots=True)
class Clash:
    other_place: bool  # the listed name has a place of its own in brackets, another one
    reason: str


def without_places(text: str) -> str:
    """The name without its bracketed places: "China University of Geosciences (Wuhan)" → "China
    University of Geosciences"; the name itself when it has none."""
    for inner, _ in place_qualifiers(text):
        text = re.sub(r"\s*[(\[（]" + re.escape(inner) + r"[)\]）]", "", text)
    return text


def qualifier_clash(name: str, segment: str, form: NameForm) -> Clash | None:
    """Does the name's bracketed place, left out of ``segment`` (the part that matched), set it apart
    from the listed ``form``? None when the name has no such place or the listed name carries it."""
    if "(" not in name and "[" not in name and "（" not in name:
        return None
    listed_words = frozenset(form.tokens) | frozenset(tokens(form.entity.name))
    seg_words = frozenset(tokens(segment))
    for text, words in place_qualifiers(name):
        if words <= seg_words or words <= listed_words:
            continue
        own = [t for t, w in place_qualifiers(form.entity.name) if not w <= words]
        if own:
            return Clash(True, f"the name's place {text!r} is not the listed name's {own[0]!r}: another institution")
        if not _national(form.entity.name):  # "Tsinghua University (Beijing, China)" is Tsinghua
            return None
        return Clash(False, f"the name says {text!r}, which the listed name {form.entity.name!r} does not: a "
                            "university of that name in another city may be a separate institution: confirm")
    return None
