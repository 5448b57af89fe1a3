"""Converting official downloads into collabguard's list schema, so an office can screen against
the newest official data (sanctions lists included) without waiting for a release.

Formats (layouts in the project's FORMATS.md notes):
- ``csl``: the US Consolidated Screening List CSV (trade.gov): organisations only; country from the
  first address; ``source`` becomes the category (Entity List, SDN …).
- ``opensanctions``: OpenSanctions ``targets.simple.csv``: organisations and companies only.
- ``aspi``: the MISP galaxy JSON copy of ASPI's China Defence Universities Tracker.
- ``csv``: a CSV already in the list schema (checked and normalised).

Nothing is invented: every output row comes from one input row, with its source URL and date.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from collabguard.countries import country_code
from collabguard.errors import InputError
from collabguard.io.yaml_loader import read_text

SCHEMA = ["entity_id", "name", "name_local", "aliases", "acronyms", "country", "list_source", "risk_level",
          "category", "source_url", "source_date"]
ORG_SCHEMAS = {"Organization", "Company", "LegalEntity", "PublicBody"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:90]


def _acronyms(names: Iterable[str]) -> tuple[list[str], list[str]]:
    aliases: list[str] = []
    acronyms: list[str] = []
    for n in names:
        n = n.strip()
        if not n:
            continue
        (acronyms if (" " not in n and 2 <= len(n) <= 12 and n[:1].isupper() and n.upper() == n) else aliases).append(n)
    return aliases, acronyms


def _row(prefix: str, ident: str, name: str, aliases: list[str], country: str, source: str, category: str,
         url: str, when: str, local: str = "", risk: str = "") -> dict[str, str]:
    als, acr = _acronyms(aliases)
    return {"entity_id": f"{prefix}-{_slug(ident or name)}", "name": name.strip(), "name_local": local,
            "aliases": "|".join(dict.fromkeys(als)), "acronyms": "|".join(dict.fromkeys(acr)), "country": country,
            "list_source": source, "risk_level": risk, "category": category, "source_url": url, "source_date": when}


def import_csl(text: str, prefix: str) -> list[dict[str, str]]:
    out = []
    for rec in csv.DictReader(io.StringIO(text, newline="")):
        if (rec.get("type") or "").strip() in ("Individual", "Vessel", "Aircraft") or not (rec.get("name") or "").strip():
            continue
        first_address = (rec.get("addresses") or "").split(";")[0]
        country = country_code(first_address.split(",")[-1].strip()) or "" if first_address else ""
        out.append(_row(prefix, rec.get("_id") or rec["name"], rec["name"], (rec.get("alt_names") or "").split(";"),
                        country, "US Consolidated Screening List", (rec.get("source") or "").strip(),
                        (rec.get("source_list_url") or "https://www.trade.gov/consolidated-screening-list").strip(),
                        (rec.get("start_date") or "").strip()))
    return out


def import_opensanctions(text: str, prefix: str) -> list[dict[str, str]]:
    out = []
    for rec in csv.DictReader(io.StringIO(text, newline="")):
        if rec.get("schema") not in ORG_SCHEMAS or not (rec.get("name") or "").strip():
            continue
        countries = [c.strip().upper() for c in (rec.get("countries") or "").split(";") if c.strip()]
        ident = rec.get("id") or rec["name"]
        out.append(_row(prefix, ident, rec["name"], (rec.get("aliases") or "").split(";"),
                        countries[0] if countries else "", (rec.get("dataset") or "OpenSanctions").strip(),
                        (rec.get("program_ids") or "").strip(), f"https://www.opensanctions.org/entities/{ident}/",
                        (rec.get("last_change") or rec.get("last_seen") or "")[:10]))
    return out


def import_aspi(text: str, prefix: str) -> list[dict[str, str]]:
    data: Any = json.loads(text)
    out = []
    for value in data.get("values", []):
        label = value.get("value", "")
        m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", label)
        name, local = (m.group(1), m.group(2)) if m else (label, "")
        meta = value.get("meta", {})
        refs = meta.get("refs") or ["https://unitracker.aspi.org.au/"]
        if isinstance(refs, str):
            refs = [refs]
        aliases = [a for a in meta.get("aliases", []) if a != local]
        out.append(_row(prefix, refs[0].rstrip("/").rsplit("/", 1)[-1], name, aliases, "CN",
                        "ASPI China Defence Universities Tracker", "|".join(meta.get("categories", [])), refs[0], "",
                        local=local))
    return out


def import_schema_csv(text: str, prefix: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in ("entity_id", "name") if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)}")
    return [{c: (rec.get(c) or "").strip() for c in SCHEMA} for rec in reader]


IMPORTERS = {"csl": import_csl, "opensanctions": import_opensanctions, "aspi": import_aspi, "csv": import_schema_csv}
# the columns that tell one CSV download from another
REQUIRED = {"csl": ("_id", "source", "name", "alt_names"), "opensanctions": ("id", "schema", "name", "countries"),
            "csv": ("entity_id", "name", "country")}


def import_list(path: Path, fmt: str, prefix: str) -> list[dict[str, str]]:
    if fmt not in IMPORTERS:
        raise InputError(f"--format: unknown format {fmt!r}; known: {', '.join(IMPORTERS)}")
    text = read_text(path, "list download")
    if fmt in REQUIRED:
        try:
            header = next(csv.reader(io.StringIO(text, newline="")), [])
        except csv.Error as exc:
            raise InputError(f"{path}:1: not a readable CSV header ({exc})") from None
        missing = [c for c in REQUIRED[fmt] if c not in header]
        if missing:
            raise InputError(f"{path}:1: not a {fmt} file: missing column(s) {', '.join(missing)}")
    try:
        rows = IMPORTERS[fmt](text, prefix)
    except (json.JSONDecodeError, KeyError, AttributeError, TypeError, csv.Error) as exc:
        raise InputError(f"{path}: not a {fmt} file ({type(exc).__name__}: {exc})") from None
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    problems = [f"{path}: entry {i + 1}: {what}" for i, row in enumerate(rows) for what in _check(row)]
    if problems:
        raise InputError(problems[0] + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    seen: dict[str, int] = {}
    for row in rows:  # ids must be unique: number repeats
        n = seen.get(row["entity_id"], 0)
        seen[row["entity_id"]] = n + 1
        if n:
            row["entity_id"] = f"{row['entity_id']}-{n + 1}"
    if not rows:
        raise InputError(f"{path}: no organisations found in this {fmt} file")
    return rows


def _check(row: dict[str, str]) -> list[str]:
    out = []
    if not row["entity_id"] or not row["name"]:
        out.append("entity_id and name are required")
    if row["country"] and country_code(row["country"]) != row["country"].upper():
        out.append(f"country {row['country']!r} is not an ISO 3166 code")
    if row["source_url"] and not row["source_url"].startswith(("https://", "http://", "file:")):
        out.append(f"source_url {row['source_url']!r} is not a URL")
    return out


def list_csv_text(rows: list[dict[str, str]]) -> str:
    """The list CSV; a cell a spreadsheet would run as a formula is neutralised as in batch output."""
    from collabguard.io.tables import csv_text

    return csv_text(SCHEMA, rows)
