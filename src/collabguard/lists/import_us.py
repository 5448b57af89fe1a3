"""US lists as parsed from the official texts into JSON (the layout of the `phagehunter/nsfreg`
exports; shared/data/lists/screening/SOURCES.md): the BIS Entity List (``bis-entity``), the BIS
Military End-User List (``bis-meu``), OFAC's NS-CMIC list (``ofac-cmic``) and the State Department's
nonproliferation sanctions table (``state-isn``).

One JSON object ``{list_id, source_file, extracted, count, entities[]}``; each entity
``{name, aliases[], country, address, status, effective_date, federal_register, notes}``. Per entry
this keeps the names, the country heading (Hong Kong addresses as HK) and every country the addresses
name, the addresses (with those the edition prints inside an alias: :mod:`collabguard.lists.alias_addresses`),
the Federal Register citation (or programme) as the legal basis, the date added,
and what the listing means. People are told apart by :mod:`collabguard.lists.entity_kind` (these
lists do not flag them). Nothing is added: every row comes from one entity of the file.
"""

from __future__ import annotations

import json
import re
from typing import Any

from collabguard.errors import InputError
from collabguard.lists.alias_addresses import split_aliases
from collabguard.lists.entity_kind import KindReader
from collabguard.lists.rows import bracketed_acronyms, code_of, countries_of, make_row, reading, split_addresses, us_date

SUBORDINATE = re.compile(r"^(?P<parent>.*?)\s+subordinate institutions?:\s*(?P<child>.*)$", re.I)
ALIAS_PREFIX = re.compile(r"^(?:and\s+)?(?:also known as:?\s*|a\.k\.a\.,?\s*)?", re.I)
FOLLOWING_ALIASES = re.compile(r",?\s*(?:a\.k\.a\.,?\s*)?the following \w+ alias(?:es)?:?\s*$", re.I)
SAID_PERSON = re.compile(r"\([^()]*\bindividual\b[^()]*\)", re.I)  # ISN: "Han Dejian (PRC individual)"
CMIC_DATE = re.compile(r"Listing Date \(CMIC\):\s*(\d{1,2} \w{3} \d{4})")
CMIC_FIELD = re.compile(r"(Target Type|Program):\s*([^;]+)")
ISN_ACTION = re.compile(r"Authority:\s*(?P<authority>[^;]+);\s*imposed\s*(?P<imposed>[^;]+);\s*status:\s*(?P<status>[^;]+)")
MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def _entities(text: str, fmt: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    data: Any = json.loads(text)
    spec = reading()["formats"][fmt]
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise InputError("not a parsed US list: expected a JSON object with an 'entities' array")
    if data.get("list_id") != spec["list_id"]:
        raise InputError(f"list_id is {data.get('list_id')!r}, not {spec['list_id']!r}: not a {fmt} file")
    bad = next((i for i, e in enumerate(data["entities"]) if not isinstance(e, dict) or not isinstance(e.get("name"), str)), None)
    if bad is not None:
        raise InputError(f"entities[{bad}]: an entity needs a 'name' text")
    return data, data["entities"]


def _aliases(raw: Any) -> list[str]:
    out = []
    for a in raw if isinstance(raw, list) else []:
        # "National Development Complex (NDC), a.k.a., the following two aliases:": the words that introduce the
        # next aliases are no part of this one
        a = FOLLOWING_ALIASES.sub("", ALIAS_PREFIX.sub("", str(a))).strip(" ;,")
        if a:
            out.append(a)
    return out


def _country(heading: str | None, addresses: list[str]) -> tuple[str, list[str]]:
    """The heading's country, except Hong Kong (HK) or Macau (MO) where every address is there;
    and every country the heading and addresses name."""
    code = code_of(heading or "")
    found = countries_of(addresses)
    if code == "CN" and found and set(found) <= {"HK"}:
        code = "HK"
    elif code == "CN" and found and set(found) <= {"MO"}:
        code = "MO"
    return code, [c for c in dict.fromkeys([code, *found]) if c]


def _name(entity: dict[str, Any], aliases: list[str]) -> tuple[str, list[str], str]:
    """The entry's own name; a subordinate institution written after its parent ("CETC 13 subordinate
    institution: Envoltek") is named as itself, with its parent as its category."""
    name = " ".join(entity["name"].split())
    m = SUBORDINATE.match(name)
    if not m:
        return name, aliases, ""
    child = m.group("child").strip(" :")
    if not child and aliases:
        child, aliases = aliases[0], aliases[1:]
    return (child or name), aliases, f"subordinate institution of {m.group('parent').strip()}"


def _cmic_date(notes: str) -> str:
    m = CMIC_DATE.search(notes)
    if not m:
        return ""
    day, month, year = m.group(1).split()
    n = MONTHS.get(month.lower()[:3])
    return f"{int(year):04d}-{n:02d}-{int(day):02d}" if n else ""


def import_us(text: str, prefix: str, fmt: str) -> list[dict[str, str]]:
    data, entities = _entities(text, fmt)
    spec = reading()["formats"][fmt]
    edition = str(data.get("extracted") or "")[:10]
    reader = KindReader(e["name"] for e in entities)
    out = []
    for e in entities:
        # the addresses the edition prints after an entry's last alias (alias_addresses.py)
        aliases, printed = split_aliases(_aliases(e.get("aliases")))
        name, aliases, category = _name(e, aliases)
        addresses = split_addresses(e.get("address"))
        addresses += [a for a in printed if a not in addresses]
        country, countries = _country(e.get("country"), addresses)
        notes = str(e.get("notes") or "")
        fr = " ".join(str(e.get("federal_register") or "").split())
        legal_basis, date_added, measure = (f"Federal Register {fr}" if fr else ""), us_date(fr), spec["measure"]
        if fmt == "bis-entity" and notes:
            measure = f"licence requirement: {notes}"
        elif fmt == "bis-meu" and notes.lower().startswith("subordinate"):
            category = category or notes
        elif fmt == "ofac-cmic":
            fields = dict(CMIC_FIELD.findall(notes))
            legal_basis = f"OFAC programme {fields['Program'].strip()}" if "Program" in fields else ""
            date_added = _cmic_date(notes) or str(e.get("effective_date") or "")[:10]
            category = fields.get("Target Type", "").strip()
        elif fmt == "state-isn":
            actions = [m.groupdict() for m in ISN_ACTION.finditer(notes)]
            legal_basis = "; ".join(dict.fromkeys(a["authority"].strip() for a in actions)) or legal_basis
            date_added = str(e.get("effective_date") or "")[:10] or date_added
            active = any(a["status"].strip().lower().startswith("active") or "remain" in a["status"].lower() for a in actions)
            category = "active" if active else ("ended" if actions else "")
            measure = "; ".join(f"{a['authority'].strip()}: imposed {a['imposed'].strip()}, {a['status'].strip()}" for a in actions) or measure
        kind = "person" if SAID_PERSON.search(name) else reader.kind(name, aliases)
        for text in [name, *aliases]:  # "… (BUAA)": the name without the bracketed acronym, and the acronym
            bare, acronyms = bracketed_acronyms(text)
            aliases += bare + acronyms
        out.append(make_row(prefix, f"{country} {name}", name, aliases, country, spec["title"], category, spec["url"],
                            edition, kind=kind, countries=countries, addresses=addresses, legal_basis=legal_basis,
                            date_added=date_added, measure=measure))
    return out
