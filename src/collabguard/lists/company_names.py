"""Is a list entry a company? The lists that hold only companies say so (``kind: companies`` in
lists.yaml: the 1260H list, OFAC's CMIC list); the others mix institutes, agencies and companies (the
Entity List: "Beijing Naura Microelectronics Equipment Co., Ltd." beside "Harbin Institute of
Technology"). An entry of a mixed list is a company when one of its names carries a company's legal form
("Co., Ltd.", "LLC", "JSC", "OOO", "AB" in Sweden, "K.K." in Japan: reference/matching/legal-forms.yaml).

It matters to matching: a company is often named by its own name without its descriptive words or the
place it is registered in ("Beijing Naura" for the listed "Beijing Naura Microelectronics Equipment
Co., Ltd."), and its subsidiaries abroad by the group's name (collabguard.matching.compare, parts). The
state forms (ФГУП, "Federal State Unitary Enterprise") do not make a company: such bodies are institutes
and plants of the state.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from collabguard.reference.lexicons import legal_forms

_WORD = re.compile(r"[a-z]+")
# a legal form written with full stops ("K.K.", "S.A.", "L.L.C."), read as its letters joined
_DOTTED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.){2,}")
_STATE_FORMS = frozenset({"fgup", "fgbu", "fgbun", "fgbou"})


@lru_cache(maxsize=1)
def _company_forms() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    lex = legal_forms()
    return lex.legal_forms - _STATE_FORMS, lex.by_country


def named_as_company(names: Iterable[str], country: str) -> bool:
    """Does one of the names carry a company's legal form (of any country, or of the entry's)?"""
    forms, by_country = _company_forms()
    own = by_country.get(country, frozenset())
    for name in names:
        words = set(_WORD.findall(name.lower())) | {m.group(0).replace(".", "").lower() for m in _DOTTED.finditer(name)}
        if words & forms or words & own:
            return True
    return False
