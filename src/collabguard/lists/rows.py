"""Rows of collabguard's list schema, as the importers build them: ids, names and acronyms, countries
read from addresses (Hong Kong as HK), dates as ISO dates.

The list schema (README, "What a match on each list means"): the eleven columns every list has, then
optional columns an older list leaves out (`entity_kind`, `countries`, `addresses`, `legal_basis`,
`date_added`, `measure`); a list without them reads as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from collabguard.countries import country_code
from collabguard.matching.list_brackets import aligns, stands_for_a_parent

SCHEMA = ["entity_id", "name", "name_local", "aliases", "acronyms", "country", "list_source", "risk_level",
          "category", "source_url", "source_date",
          # added in 2026.12 (optional: a list without them reads as before)
          "entity_kind", "countries", "addresses", "legal_basis", "date_added", "measure"]
READING_FILE = Path(__file__).resolve().parent.parent / "reference" / "list-reading.yaml"


@lru_cache(maxsize=1)
def reading() -> dict[str, Any]:
    """The importers' reading aids (reference/list-reading.yaml): country names the lists print,
    organisation words and name particles for lists that do not say who is a person."""
    from collabguard.io.yaml_loader import load_yaml

    data = load_yaml(READING_FILE, "list reading aids").data
    return data if isinstance(data, dict) else {}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:90]


def split_acronyms(names: Iterable[str], name: str = "") -> tuple[list[str], list[str]]:
    """Other names apart from acronyms (one upper-case word of 2-12 characters). ``name``: the entry's own
    name, which an alias may give with its legal form ("APEX Ltd." for APEX: a name, not an acronym)."""
    aliases: list[str] = []
    acronyms: list[str] = []
    forms = legal_forms()
    for n in names:
        n = n.strip()
        if not n:
            continue
        words = n.split()
        core = [w for w in words if w.strip(".,").replace(".", "").casefold() not in forms]
        if len(words) > 1 and len(core) == 1 and _is_acronym(core[0]) and core[0].strip(".,") != name:
            n = core[0]  # "USC LTD" is the acronym USC with a legal form: an acronym, never a name
        (acronyms if _is_acronym(n) else aliases).append(n)
    return aliases, acronyms


def _is_acronym(n: str) -> bool:
    return " " not in n and 2 <= len(n) <= 12 and n[:1].isupper() and n.upper() == n


@lru_cache(maxsize=1)
def legal_forms() -> frozenset[str]:
    return frozenset(str(w).casefold() for w in reading().get("legal_forms") or [])


@lru_cache(maxsize=1)
def organisation_words() -> frozenset[str]:
    """The words that make a name an organisation's: its types, business words and legal forms (list-reading.yaml)."""
    return frozenset(str(w).casefold() for w in reading().get("organisation_words") or []) | legal_forms()


ACRONYM_IN_BRACKETS = re.compile(r"\s*\(([A-Z][A-Z0-9&-]{1,11}(?: \d{1,4})?)\)")  # (BUAA), (CETC 13)
SKIPPED_IN_ACRONYMS = frozenset({"of", "and", "the", "for", "in", "on", "at", "&"})


def _stands_for(acronym: str, words_before: str) -> bool:
    """Do the acronym's letters follow the initials of the words before it ("BUAA": Beijing
    University of Aeronautics and Astronautics)? "(HK)" after "3HC Semiconductors" does not."""
    initials = [w[0].upper() for w in re.findall(r"[A-Za-z0-9]+", words_before) if w.lower() not in SKIPPED_IN_ACRONYMS]
    letters = [c for c in acronym.split()[0] if c.isalpha()]  # "CETC 13": the letters stand for words
    if not initials or not letters or (letters[0] != initials[0] and letters[0] not in initials):
        return False
    it = iter(initials[initials.index(letters[0]):])
    return all(any(c == i for i in it) for c in letters)


def bracketed_acronyms(name: str) -> tuple[list[str], list[str]]:
    """A name written with its acronym in brackets ("Beijing University of Aeronautics and Astronautics
    (BUAA)"): the name without it, and the acronym when it closes the name. List names are never split
    when matched, so the bare name is kept as another form of the same entry."""
    other, acronyms = [], []
    forms = legal_forms()
    for m in ACRONYM_IN_BRACKETS.finditer(name):
        # the words the acronym stands for: back to the last comma or bracket ("…, Russian Academy of
        # Sciences (RAS)" is the parent's acronym, not the institute's)
        before = re.split(r"[,()]", name[: m.start()])[-1]
        # by the words' initials, or by the letters of longer parts of them where it closes the name, its place
        # aside ("PINSTECH": Pakistan Institute for Nuclear Science and Technology; "NILOP": … Lasers and Optronics)
        placed = _only_places(name[m.end():])
        closes = placed or not name[m.end():].strip(" .,")
        acronym = m.group(1)
        if acronym.casefold() not in forms and (_stands_for(acronym, before) or (closes and aligns(acronym, before))):
            # only its place after it (", Nilore, Islamabad"): the name closes with the bracket
            after = "" if placed else name[m.end():]
            bare = re.sub(r"\s+,", ",", " ".join((name[: m.start()] + " " + after).split())).strip(" ,")
            if bare and bare != name:
                other.append(bare)
            if (closes and before.strip() == name[: m.start()].strip()
                    and not stands_for_a_parent(m.group(1), before)):
                # an acronym of the whole name that closes it; not a parent's after "of" ("20th Research Institute
                # of China Electronic Technology Group Corp (CETC)": CETC is the group's, not the institute's)
                acronyms.append(m.group(1))
    return other, acronyms


def _only_places(rest: str) -> bool:
    """Is what follows a name only its place: one to three parts after a comma, each a word or three without a
    number or an organisation's word (", Nilore, Islamabad")?"""
    if not rest.startswith(","):
        return False
    parts = [p.strip(" .") for p in rest.split(",") if p.strip(" .")]
    words = {w.casefold() for p in parts for w in re.findall(r"[^\W\d_]+", p)}
    return (1 <= len(parts) <= 3 and all(len(p.split()) <= 3 and not any(ch.isdigit() for ch in p) for p in parts)
            and words.isdisjoint(organisation_words()))


def cell(values: Iterable[str]) -> str:
    """Several values in one cell, `|`-separated, each once, in order (a `|` inside a value becomes `/`)."""
    return "|".join(dict.fromkeys(v.replace("|", "/").strip() for v in values if v and v.strip()))


STRAY_SPACE = re.compile(r"(?<=\b[A-Z][a-z]) '(?=[a-z])")  # "Xi 'an", a parse's space inside Xi'an


def tidy(text: str) -> str:
    """Whitespace as one space, and the stray space a parse put inside "Xi'an" taken out."""
    return STRAY_SPACE.sub("'", " ".join(text.split()))


def make_row(prefix: str, ident: str, name: str, aliases: Iterable[str], country: str, source: str, category: str,
             url: str, when: str, local: str = "", risk: str = "", *, kind: str = "", countries: Iterable[str] = (),
             addresses: Iterable[str] = (), legal_basis: str = "", date_added: str = "", measure: str = "") -> dict[str, str]:
    name = tidy(name)
    names = [tidy(a) for a in aliases if a.strip() and tidy(a) != name]
    als, acr = split_acronyms(names, name)
    every = [c for c in countries if c]
    if country and country not in every:
        every.insert(0, country)
    return {"entity_id": f"{prefix}-{slug(ident or name)}", "name": name, "name_local": local,
            "aliases": cell(als), "acronyms": cell(acr), "country": country, "list_source": source, "risk_level": risk,
            "category": category, "source_url": url, "source_date": when, "entity_kind": kind,
            "countries": cell(every) if len(every) > 1 else "", "addresses": cell(" ".join(a.split()) for a in addresses),
            "legal_basis": legal_basis, "date_added": date_added, "measure": measure}


def code_of(name: str) -> str:
    """ISO code of a country as a list prints it ("Russian Federation", "U.A.E.", "Crimea Region of
    Ukraine"); empty when it is not a country."""
    text = " ".join(name.strip().strip(".;,").split())
    if not text:
        return ""
    names: dict[str, str] = reading().get("country_names") or {}
    found = names.get(text) or country_code(text)
    if not found and "(" in text:  # "Turkey (Turkiye)"
        bare = " ".join(re.sub(r"\([^()]*\)", " ", text).split())
        found = names.get(bare) or (country_code(bare) if bare else None)
    return found or ""


HONG_KONG = re.compile(r"\b(hong\s*kong|kowloon|new territories|wan\s*chai|tsim sha tsui|mong kok|kwun tong)\b", re.I)
MACAU = re.compile(r"\bmaca[ou]\b", re.I)


def address_country(address: str) -> str:
    """The country an address line names: its last comma part (or the last two, "Hong Kong, China"),
    with Hong Kong and Macau as HK and MO wherever the address names them."""
    if HONG_KONG.search(address):
        return "HK"
    if MACAU.search(address):
        return "MO"
    text = re.sub(r"\([^()]*\)", " ", address)
    parts = [p.strip(" .;") for p in re.split(r"[,—]", text) if p.strip(" .;")]
    for part in reversed(parts[-2:]):
        # "Moscow, Russia 129164", "Canada H3H2P2", "Germany D-65451": postcodes and numbers left out;
        # then the part, or its last words
        words = [w for w in part.split() if not any(ch.isdigit() for ch in w)]
        # a short word is a country's code only alone and in capitals ("USA", "UK"): not "No." of "No. 601" (Norway),
        # "and" (Andorra), nor the end of a postcode ("United Kingdom W1J7 LS": Lesotho)
        while words and len(words[-1].strip(".")) <= 3 and not (len(words) == 1 and words[0].strip(".").isupper()):
            words.pop()
        for start in range(min(len(words), 4)):
            code = code_of(" ".join(words[start:]))
            if code:
                return code
    return ""


def split_addresses(text: str | None) -> list[str]:
    """The addresses of a listing: the Entity List joins them with "; and", the EU with "; "."""
    if not text:
        return []
    text = re.sub(r"\(\s*see (?:also )?alternate address[^)]*\)", " ", text, flags=re.I)
    parts = re.split(r";\s*(?:and\s+)?|\s+and\s+(?=\d)", text)
    return [" ".join(p.split()).strip(" ;.") for p in parts if p.strip(" ;.")]


def countries_of(addresses: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(c for c in (address_country(a) for a in addresses) if c))


def us_date(text: str) -> str:
    """An ISO date from a US date as the lists print it (11/21/11, 3/6/2023, 03/07/94); empty if none."""
    m = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{2,4})\b", text or "")
    if not m:
        return ""
    month, day, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if year < 100:
        year += 2000 if year < 50 else 1900
    return _iso(year, month, day)


def dotted_date(text: str) -> str:
    """An ISO date from a European date (12.9.2014 or 2014-09-12); empty if none."""
    text = (text or "").strip()
    m = re.match(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if m:
        return _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else ""


def _iso(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""
