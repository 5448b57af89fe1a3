"""The annexes of the EU sanctions regulations as OpenSanctions transcribes them (``eu-annex``;
`datasets/eu/journal_sanctions/data/` and its FORMAT.md): a consolidated act
(``celex,recordId,programKey,annex,measure,startDate,…,schema,name,alias,…,address,…``) and,
optionally, amending acts published after it (``amendedCelex,amendmentCelex,…`` instead of
``celex``), which add records or replace them (same act, annex and record id).

The files say who is a person (``schema`` Person) and who an organisation (LegalEntity, Company,
Organization); vessels and other assets are left out. Per entry this keeps names and aliases (native
script included), the countries (the country and jurisdiction columns, else the addresses; Hong Kong
as HK), the addresses, the regulation and annex as the legal basis, the listing date and the annex's
measure. Delistings after the consolidated version are not in these files (SOURCES.md).

Licence: the transcriptions are CC BY-NC 4.0 (OpenSanctions); the acts are EU law. collabguard imports
them on request and does not ship them (README, "What a match on each list means").
"""

from __future__ import annotations

import re

from collabguard.errors import InputError
from collabguard.lists.csv_records import CsvRecords
from collabguard.lists.rows import code_of, countries_of, dotted_date, make_row, reading

ORGANISATIONS = {"LegalEntity", "Company", "Organization", "PublicBody"}
LEFT_OUT = {"Vessel", "Asset", "Airplane", "Security"}
CONSOLIDATED = ("celex", "recordId", "annex", "schema", "name")
AMENDMENT = ("amendedCelex", "amendmentCelex", "recordId", "annex", "schema", "name")
CELEX = re.compile(r"^3(\d{4})R(\d{4})$")


def regulation(celex: str) -> str:
    """A regulation's number as it is cited: 833/2014 before 2015, (EU) 2024/2642 from 2015."""
    m = CELEX.match(celex.strip())
    if not m:
        return celex
    year, number = int(m.group(1)), int(m.group(2))
    return f"Council Regulation (EU) No {number}/{year}" if year < 2015 else f"Council Regulation (EU) {year}/{number}"


def _many(cell: str | None) -> list[str]:
    return [v.strip() for v in (cell or "").split("; ") if v.strip()]


def _records(text: str, where: str) -> list[tuple[tuple[str, str, str], dict[str, str]]]:
    try:
        reader = CsvRecords(text)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    header = reader.fieldnames
    amending = "amendmentCelex" in header
    missing = [c for c in (AMENDMENT if amending else CONSOLIDATED) if c not in header]
    if missing:
        raise InputError(f"{where}:1: not an EU annex transcription: missing column(s) {', '.join(missing)}")
    out = []
    try:
        records = list(reader.numbered())
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    for line, rec in records:
        act = (rec.get("amendedCelex") if amending else rec.get("celex")) or ""
        rec["_act"], rec["_amended_by"] = act.strip(), (rec.get("amendmentCelex") or "").strip() if amending else ""
        # a record without an id (some annexes number none) is its own entry, named by its name
        record = (rec.get("recordId") or "").strip() or f"{where}:{line}:{rec.get('name') or ''}"
        out.append(((rec["_act"], (rec.get("annex") or "").strip(), record), rec))
    return out


def import_eu(texts: list[tuple[str, str]], prefix: str, edition: str = "") -> list[dict[str, str]]:
    """One list from one consolidated act and the acts amending it (``(where, text)`` pairs, in order:
    a later record with the same act, annex and record id replaces the earlier one)."""
    spec = reading()["formats"]["eu-annex"]
    merged: dict[tuple[str, str, str], dict[str, str]] = {}
    for where, text in texts:
        for key, rec in _records(text, where):
            merged[key] = rec
    out = []
    for (act, annex, record), rec in merged.items():
        schema = (rec.get("schema") or "").strip()
        name = " ".join((rec.get("name") or "").split())
        if schema in LEFT_OUT or not name:
            continue
        if schema not in ORGANISATIONS and schema != "Person":
            raise InputError(f"record {act} {annex} {record}: unknown schema {schema!r}")
        addresses = _many(rec.get("address"))
        stated = [code_of(c) for c in _many(rec.get("country")) + _many(rec.get("jurisdiction"))]
        countries = list(dict.fromkeys([c for c in stated if c] + countries_of(addresses)))
        aliases = _many(rec.get("alias")) + _many(rec.get("weakAlias")) + _many(rec.get("previousName"))
        basis = f"{regulation(act)}, Annex {annex}" + (f", as amended by {regulation(rec['_amended_by'])}" if rec["_amended_by"] else "")
        url = f"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{rec['_amended_by'] or act}"
        ident = f"{act}-{annex}-{rec.get('recordId') or name}"
        out.append(make_row(prefix, ident, name, aliases, countries[0] if countries else "",
                            spec["title"], f"Annex {annex}" if annex else "", url, edition,
                            kind="person" if schema == "Person" else "organisation", countries=countries,
                            addresses=addresses, legal_basis=basis, date_added=dotted_date(rec.get("startDate") or ""),
                            measure=(rec.get("measure") or "").strip() or spec["measure"]))
    return out
