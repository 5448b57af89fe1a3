"""A listed company's name without the legal form of its country: "Kaspersky Lab" for the listed "AO
Kaspersky Lab" (Russia), "Delta Engineering Concern" for "Delta Engineering Concern FZE" (a free-zone
establishment of the United Arab Emirates), "Photon Pro" for "Photon Pro LLP".

The legal forms every name drops ("Co., Ltd.", "LLC", "JSC") are dropped by the normaliser; those of one
country ("AO", "AB", "FZE", "Şirketi": ``legal_forms_by_country`` in reference/matching/legal-forms.yaml)
only from the names of that country's entries, since elsewhere they are other words or acronyms. The
compared stages leave them out already; this reading lets the exact stage find the company too, so that a
same-named company of another country ("Kaspersky Labs Limited", United Kingdom) is not the only one found.

What is left must name the company: two words or more, not only words that say what kind of body it is.
A name of one word left ("Skylinks" for "Skylinks FZC") is read too, and asked only with the country to
back it (stages/exact.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from collabguard.matching.compare import LEGAL_FORMS_OF
from collabguard.matching.normalize import is_generic, normalize, tokens

_WORD = re.compile(r"\w+")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)")
_SPACES = re.compile(r"\s{2,}")
_LOOSE_COMMA = re.compile(r"\s+,")
MIN_ONE_WORD = 5  # a company named by one word left: a word of five letters or more ("Yamalgazinvest", "Skylinks")


@dataclass(frozen=True, slots=True)
class WithoutLegalForm:
    text: str  # the name without its legal form
    dropped: str  # the legal form as written ("AO", "FZE")


@lru_cache(maxsize=65536)
def without_legal_form(text: str, country: str) -> WithoutLegalForm | None:
    """The name without the legal-form words of ``country``'s companies, if it has any (else None)."""
    own = LEGAL_FORMS_OF.get(country)
    if not own:
        return None
    words = tokens(text)
    kept = tuple(w for w in words if w not in own)
    if len(kept) == len(words) or not kept:
        return None
    if len(kept) == 1 and len(kept[0]) < MIN_ONE_WORD:
        return None  # "TEM FZC": three letters say too little
    dropped: list[str] = []
    parts: list[str] = []
    at = 0
    for m in _WORD.finditer(text):
        if normalize(m.group(0)) in own:
            parts.append(text[at:m.start()])
            dropped.append(m.group(0))
            at = m.end() + (1 if text[m.end():m.end() + 1] == "." else 0)
    parts.append(text[at:])
    rest = _SPACES.sub(" ", _LOOSE_COMMA.sub(",", _EMPTY_BRACKETS.sub(" ", "".join(parts)))).strip(" ,;-")
    if tokens(rest) != kept or is_generic(rest):
        return None  # the words did not come apart as the normaliser reads them, or what is left names no one
    return WithoutLegalForm(rest, " ".join(dropped))


__all__ = ["WithoutLegalForm", "without_legal_form"]
