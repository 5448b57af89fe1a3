"""A listed name's own name in quotation marks: "Kurchatov Institute" in the listed 'National Research
Centre “Kurchatov Institute”'.

Russian (and other post-Soviet) organisation names put what kind of body it is first and its own name
in quotation marks (Национальный исследовательский центр «Курчатовский институт»), and the lists
keep that form in English: 'Scientific-Research Institute “Argon”', 'Federal State Unitary Enterprise
'Crimean Railway''. People name the body by the quoted name alone, which the word gate rejects for
the words left out. So the quoted name is a name form of the entry too, but at most ``possible``: the
words in front say what the body is, and a quoted name may be borne by another body ("Argon", "Kant").

Only a quoted name that can name a body alone: two words or more with one distinctive word ("Crimean
Railway"), or one distinctive word of at least :data:`MIN_ONE_WORD` letters ("Radiosviaz",
"GOSNIIMASH"); never a generic one, never the whole name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from collabguard.matching.normalize import is_generic, tokens

# “…”, «…», "…", and '…' opened after a space and closed before one (an apostrophe is no quotation mark)
_QUOTED = re.compile(r"“([^”“]+)”|«([^»«]+)»|\"([^\"]+)\"|(?:^|(?<=\s))'([^']+)'(?=\s|$|[,.;)])")
MIN_ONE_WORD = 7


@lru_cache(maxsize=65536)
def quoted_name(text: str) -> str | None:
    """The one quoted name a listed name carries, if it can name a body alone (else None)."""
    found = [next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(text)]
    if len(found) != 1:
        return None  # none, or several (a name quoting two others says nothing certain)
    inner = found[0].strip(" ,.;")
    words = tokens(inner)
    if not words or is_generic(inner) or len(words) == len(tokens(text)):
        return None
    if len(words) == 1 and len(words[0]) < MIN_ONE_WORD:
        return None
    return inner


def quotes_a_name(text: str) -> bool:
    """Does the text hold a name in quotation marks ('Ural Design Bureau “Detal”'), however short?"""
    return _QUOTED.search(text) is not None
