"""Organisation identifiers as collabguard stores them: ROR ids and Wikidata items.

A ROR id is written many ways ("https://ror.org/00wk2mp56", "ror.org/00wk2mp56", "00wk2mp56"); it
is kept as the full URL, which is how ROR, OpenAlex and the lists' alias file write it. The id
itself is a zero, six characters of Crockford's base 32 and a two-digit checksum (ROR's
identifier documentation: ISO 7064 mod 97-10 over the base-32 value); anything else, a mistyped
character included, is refused rather than guessed at.
"""

from __future__ import annotations

import re

ROR_PREFIX = "https://ror.org/"
_ROR = re.compile(r"^(?:https?://)?(?:www\.)?(?:ror\.org/)?(0[0-9a-hjkmnp-tv-z]{6}[0-9]{2})/?$", re.IGNORECASE)
_WIKIDATA = re.compile(r"^(?:https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/)?(Q[1-9][0-9]*)$", re.IGNORECASE)


_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


def _checksum_ok(ident: str) -> bool:
    value = 0
    for ch in ident[:7]:
        value = value * 32 + _CROCKFORD.index(ch)
    return 98 - (value * 100) % 97 == int(ident[7:])


def ror_id(text: str) -> str | None:
    """The full ROR URL for a ROR id written any usual way; None if the text is not one (a mistyped
    character fails the checksum)."""
    found = _ROR.match(text.strip())
    if found is None:
        return None
    ident = found.group(1).lower()
    return ROR_PREFIX + ident if _checksum_ok(ident) else None


def wikidata_id(text: str) -> str | None:
    """A Wikidata item id ("Q1163431") from the id or its URL; None if the text is not one."""
    found = _WIKIDATA.match(text.strip())
    return found.group(1).upper() if found else None
