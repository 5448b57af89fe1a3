"""Country and institution out of an address line, as each export writes it.

Web of Science: ``[Authors] Org, Sub-org, Street, City Zip, Country.``; US addresses end ``ST 12345 USA``;
old upper-case records may end ``NY 14627`` with no country at all. Scopus: ``Dept, Org, City, Country``.
Country names go through :func:`collabguard.countries.country_code` plus the truncations Web of Science
uses (table below). Historical states (USSR, Yugoslavia…) are not mapped to a successor: they stay unknown,
with the raw text kept for audit.
"""

from __future__ import annotations

import re

from collabguard.bibliometrics.records import Affiliation
from collabguard.countries import country_code

# Web of Science abbreviations pycountry does not know (see reference/bibliometrics.md §6.1).
_WOS_COUNTRIES = {
    "u arab emirates": "AE",
    "bosnia & herceg": "BA",
    "bosnia & herzegovina": "BA",
    "trinid & tobago": "TT",
    "trinidad tobago": "TT",
    "papua n guinea": "PG",
    "cent afr republ": "CF",
    "dem rep congo": "CD",
    "rep congo": "CG",
    "s korea": "KR",
    "dpr korea": "KP",
    "north macedonia": "MK",
    "macedonia": "MK",
    "st kitts & nevi": "KN",
    "st vincent": "VC",
    "st lucia": "LC",
    "antigua & barbu": "AG",
    "sao tome & prin": "ST",
    "turks & caicos": "TC",
    "w ind assoc": "",  # West Indies Associated States: historical
    "north ireland": "GB",
    "taiwan, roc": "TW",
}
HISTORICAL = {"ussr", "yugoslavia", "czechoslovakia", "fed rep ger", "ger dem rep", "w germany", "e germany"}
_US_STATE_ZIP = re.compile(r"^[A-Z]{2} \d{5}(?:-\d{4})?$")
_AUTHOR_BLOCK = re.compile(r"^\s*\[[^\]]*\]\s*")


def is_bare_korea(raw: str) -> bool:
    """True when an address ends in plain "Korea": mapped to KR, but worth a data-quality warning."""
    return raw.strip().rstrip(".").strip().rsplit(",", 1)[-1].strip().lower() == "korea"


def country_from_name(name: str) -> str | None:
    """ISO code for a country as an export spells it, or None (unknown or historical)."""
    text = name.strip().rstrip(".").strip()
    if not text:
        return None
    key = text.lower()
    if key in HISTORICAL:
        return None
    if key in _WOS_COUNTRIES:
        return _WOS_COUNTRIES[key] or None
    return country_code(text)


def wos_country(last_token: str) -> str | None:
    """Country of a Web of Science address from its last comma-separated part."""
    token = last_token.strip().rstrip(".").strip()
    if token.upper().endswith(" USA") or token.upper() == "USA":
        return "US"
    if _US_STATE_ZIP.match(token.upper()):
        return "US"  # old records: "NY 14627" with no country
    return country_from_name(token)


def parse_wos_address(raw: str) -> Affiliation:
    """``[Authors] Org, Dept, City, Country.`` → Affiliation(institution=Org, country=ISO)."""
    text = _AUTHOR_BLOCK.sub("", raw).strip()
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return Affiliation(raw=raw, institution="", country=None)
    country = wos_country(parts[-1])
    if country is None and len(parts) >= 2:
        country = wos_country(", ".join(parts[-2:])) if parts[-1].lower().rstrip(".") == "roc" else None
    return Affiliation(raw=raw, institution=parts[0] if len(parts) > 1 else "", country=country)


def split_wos_addresses(cell: str) -> list[str]:
    """Split a tab-delimited ``C1`` cell: ``; `` separates addresses, but also authors inside ``[...]``."""
    out: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(cell):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            out.append(cell[start:i])
            start = i + 1
    out.append(cell[start:])
    return [a.strip() for a in out if a.strip()]


# Which comma part names the institution, best first: a university beats an institute beats a school or department.
_INSTITUTION_WORDS = (("universit", "univ", "hochschule", "polytechn", "ecole", "école"),
                      ("academy", "acad", "institute", "inst", "college", "hospital", "laboratory", "lab", "centre",
                       "center", "council", "agency", "ministry", "foundation", "corporation", "company"))


def _institution_part(parts: list[str]) -> str:
    for words in _INSTITUTION_WORDS:
        for part in parts:
            low = part.lower()
            if any(w in low for w in words):
                return part
    return parts[0] if parts else ""


def parse_scopus_affiliation(raw: str) -> Affiliation:
    """``Dept, Org, City, Country`` → Affiliation. The institution is the part naming a university or institute."""
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if not parts:
        return Affiliation(raw=raw, institution="", country=None)
    country = country_from_name(parts[-1])
    body = parts[:-1] if country else parts
    return Affiliation(raw=raw, institution=_institution_part(body), country=country)
