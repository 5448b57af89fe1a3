"""Country names and codes to ISO 3166-1 alpha-2.

pycountry (the ISO 3166 database) gives codes, names, official and common names; a small table
below adds the spellings proposals and bibliographic exports actually use. Taiwan, Hong Kong and
Macau keep their own codes: grouping them with China is a policy choice made in rule data, never here.
"""

from __future__ import annotations

import gettext
import unicodedata
from functools import lru_cache

import pycountry

from collabguard.reference.country_names import short_name

# Spellings pycountry does not know, seen in proposals and exports. Keys are normalised (see _key).
_ALIASES: dict[str, str] = {
    "china": "CN",
    "prc": "CN",
    "p r china": "CN",
    "pr china": "CN",
    "peoples r china": "CN",
    "people s republic of china": "CN",
    "peoples republic of china": "CN",
    "mainland china": "CN",
    "russia": "RU",
    "russian federation": "RU",
    "iran": "IR",
    "islamic republic of iran": "IR",
    "north korea": "KP",
    "dprk": "KP",
    "democratic people s republic of korea": "KP",
    "south korea": "KR",
    "republic of korea": "KR",
    "korea": "KR",
    "rok": "KR",
    "uk": "GB",
    "u k": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "north ireland": "GB",
    "usa": "US",
    "u s a": "US",
    "us": "US",
    "u s": "US",
    "united states of america": "US",
    "america": "US",
    "taiwan": "TW",
    "republic of china": "TW",
    "hong kong": "HK",
    "hong kong sar": "HK",
    "macau": "MO",
    "macao": "MO",
    "vietnam": "VN",
    "viet nam": "VN",
    "syria": "SY",
    "venezuela": "VE",
    "bolivia": "BO",
    "tanzania": "TZ",
    "moldova": "MD",
    "laos": "LA",
    "czech republic": "CZ",
    "czechia": "CZ",
    "turkey": "TR",
    "turkiye": "TR",
    "the netherlands": "NL",
    "holland": "NL",
    "norge": "NO",
    "sverige": "SE",
    "danmark": "DK",
    "suomi": "FI",
    "deutschland": "DE",
    "brunei": "BN",
    "cape verde": "CV",
    "ivory coast": "CI",
    "cote d ivoire": "CI",
    "palestine": "PS",
    "kosovo": "XK",
    "eswatini": "SZ",
    "swaziland": "SZ",
    "micronesia": "FM",
    "vatican": "VA",
    "vatican city": "VA",
    # Norwegian names, as Cristin/NVA exports and Norwegian proposals write them. Keys are _key() forms:
    # letters like ø and æ drop out ("Sør-Korea" -> "sr korea", "Østerrike" -> "sterrike").
    "kina": "CN",
    "russland": "RU",
    "hviterussland": "BY",
    "sr korea": "KR",
    "nord korea": "KP",
    "tyskland": "DE",
    "storbritannia": "GB",
    "frankrike": "FR",
    "nederland": "NL",
    "italia": "IT",
    "spania": "ES",
    "sveits": "CH",
    "sterrike": "AT",
    "belgia": "BE",
    "polen": "PL",
    "hellas": "GR",
    "tyrkia": "TR",
    "kanada": "CA",
    "forente stater": "US",
    "amerikas forente stater": "US",
    "forente arabiske emirater": "AE",
    "saudi arabia": "SA",
    "sr afrika": "ZA",
    "brasil": "BR",
    "mexico": "MX",
    "island": "IS",
    "irland": "IE",
    "tsjekkia": "CZ",
    "ungarn": "HU",
    "litauen": "LT",
    "latvia": "LV",
    "estland": "EE",
    "ukraina": "UA",
}

# ISO user-assigned code used for Kosovo by the EU and many data sources; pycountry lacks it.
_EXTRA_NAMES = {"XK": "Kosovo"}


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.casefold().replace("&", " and ")
    cleaned = "".join(ch if ch.isalnum() else " " for ch in text)
    return " ".join(cleaned.split())


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                index.setdefault(_key(value), code)
        index.setdefault(_key(country.alpha_3), code)
    index.update(_ALIASES)
    return index


def country_code(value: str) -> str | None:
    """ISO alpha-2 code for a code or a name, or None when it is not a known country."""
    raw = value.strip()
    if not raw:
        return None
    if len(raw) == 2 and raw.isalpha():
        code = raw.upper()
        if code in _EXTRA_NAMES or pycountry.countries.get(alpha_2=code) is not None:
            return code
        if code == "UK":
            return "GB"
        return None
    return _index().get(_key(raw))


@lru_cache(maxsize=1024)
def country_name(code: str, lang: str = "en") -> str:
    """Short name for an alpha-2 code (the code itself if unknown): English, or Norwegian Bokmål
    (``lang="nb"``): the common short name where pycountry's is formal or inverted ("Russland", "USA";
    reference/country-names.yaml), else pycountry's translation of ISO 3166 ("Kina", "Iran")."""
    short = short_name(code, lang)
    if short is not None:
        return short
    if code in _EXTRA_NAMES:
        return _EXTRA_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name = str(getattr(country, "common_name", None) or country.name)
    return _translations(lang).gettext(name) if lang != "en" else name


@lru_cache(maxsize=4)
def _translations(lang: str) -> gettext.NullTranslations:
    """pycountry's ISO 3166-1 names in ``lang`` (nb: Norwegian Bokmål); English where it has none."""
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
