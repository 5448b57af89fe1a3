"""Converting official downloads into collabguard's list schema, so an office can screen against
the newest official data (sanctions lists included) without waiting for a release. This module picks
the reader for a format and checks what it gives; one module per family of formats reads it.

Formats (layouts in the project's FORMATS.md notes and screening/SOURCES.md):
- ``csl``: the US Consolidated Screening List CSV (trade.gov): organisations only; country from the
  first address; ``source`` becomes the category (Entity List, SDN …).
- ``opensanctions``: OpenSanctions ``targets.simple.csv``: organisations and companies only
  (:mod:`collabguard.lists.import_opensanctions`), filtered by dataset, topic and schema on request.
- ``ftm-json``: FollowTheMoney entities as JSON lines, OpenSanctions' ``entities.ftm.json``, read line
  by line (:mod:`collabguard.lists.import_ftm`); the same filters.
- ``aspi``: the MISP galaxy JSON copy of ASPI's China Defence Universities Tracker (with ASPI's
  rating where the copy has its risk statement).
- ``bis-entity``, ``bis-meu``, ``ofac-cmic``, ``state-isn``: the US lists parsed from the official
  texts into JSON (:mod:`collabguard.lists.import_us`).
- ``un-xml``: the UN Security Council Consolidated List, official XML (:mod:`collabguard.lists.import_un`).
- ``eu-annex``: the EU sanctions regulations' annexes as OpenSanctions transcribes them, a
  consolidated act and the acts amending it (:mod:`collabguard.lists.import_eu`).
- ``csv``: a CSV already in the list schema (checked and normalised).

Persons are kept as rows with ``entity_kind`` person (where the source says, or by the rule of
:mod:`collabguard.lists.entity_kind`); the loader keeps them apart and never matches them.
Nothing is invented: every output row comes from one input row, with its source URL and date.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from collabguard.countries import country_code
from collabguard.errors import InputError
from collabguard.io.yaml_loader import read_text
from collabguard.lists.csv_records import CsvRecords
from collabguard.lists.entity_filter import EntityFilter
from collabguard.lists.import_eu import import_eu
from collabguard.lists.import_ftm import import_ftm
from collabguard.lists.import_opensanctions import import_opensanctions
from collabguard.lists.import_un import import_un
from collabguard.lists.import_us import import_us
from collabguard.lists.rows import SCHEMA, make_row, slug

__all__ = ["FORMATS", "SCHEMA", "import_files", "import_list", "list_csv_text"]
ASPI_RISK = re.compile(r"designated (very high|high|medium|low) risk", re.I)
_slug = slug  # the names this module had before the readers moved


def _row(prefix: str, ident: str, name: str, aliases: list[str], country: str, source: str, category: str,
         url: str, when: str, local: str = "", risk: str = "") -> dict[str, str]:
    return make_row(prefix, ident, name, aliases, country, source, category, url, when, local, risk)


def import_csl(text: str, prefix: str) -> list[dict[str, str]]:
    out = []
    for rec in CsvRecords(text):
        if (rec.get("type") or "").strip() in ("Individual", "Vessel", "Aircraft") or not (rec.get("name") or "").strip():
            continue
        first_address = (rec.get("addresses") or "").split(";")[0]
        country = country_code(first_address.split(",")[-1].strip()) or "" if first_address else ""
        out.append(_row(prefix, rec.get("_id") or rec["name"], rec["name"], (rec.get("alt_names") or "").split(";"),
                        country, "US Consolidated Screening List", (rec.get("source") or "").strip(),
                        (rec.get("source_list_url") or "https://www.trade.gov/consolidated-screening-list").strip(),
                        (rec.get("start_date") or "").strip()))
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
        risk = ASPI_RISK.search(str(meta.get("risk") or ""))  # the first copies keep ASPI's risk statement
        out.append(_row(prefix, refs[0].rstrip("/").rsplit("/", 1)[-1], name, aliases, "CN",
                        "ASPI China Defence Universities Tracker", "|".join(meta.get("categories", [])), refs[0], "",
                        local=local, risk=risk.group(1).lower() if risk else ""))
    return out


def import_schema_csv(text: str, prefix: str) -> list[dict[str, str]]:
    reader = CsvRecords(text)
    missing = [c for c in ("entity_id", "name") if c not in reader.fieldnames]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)}")
    return [{c: (rec.get(c) or "").strip() for c in SCHEMA} for rec in reader]


def _us(fmt: str) -> Callable[[str, str], list[dict[str, str]]]:
    return lambda text, prefix: import_us(text, prefix, fmt)


IMPORTERS: dict[str, Callable[[str, str], list[dict[str, str]]]] = {
    "csl": import_csl, "opensanctions": import_opensanctions, "aspi": import_aspi, "csv": import_schema_csv,
    "bis-entity": _us("bis-entity"), "bis-meu": _us("bis-meu"), "ofac-cmic": _us("ofac-cmic"), "state-isn": _us("state-isn"),
    "un-xml": import_un,
}
FORMATS = (*IMPORTERS, "eu-annex", "ftm-json")  # eu-annex reads several files into one list; ftm-json is streamed
FILTERED = ("opensanctions", "ftm-json")  # the formats --dataset, --topic and --schema apply to
# the columns that tell one CSV download from another
REQUIRED = {"csl": ("_id", "source", "name", "alt_names"), "opensanctions": ("id", "schema", "name", "countries"),
            "csv": ("entity_id", "name", "country")}
# what a reader raises on a file that is not of its format (ValueError: bad JSON, a 4,300-digit number;
# RecursionError: JSON nested too deep)
NOT_THIS_FORMAT = (ValueError, RecursionError, KeyError, AttributeError, TypeError, IndexError, csv.Error)


def import_list(path: Path, fmt: str, prefix: str, edition: str = "",
                filters: EntityFilter | None = None) -> list[dict[str, str]]:
    """One official download in list-schema rows (persons included, marked), checked."""
    return import_files([path], fmt, prefix, edition, filters)


def import_files(paths: Sequence[Path], fmt: str, prefix: str, edition: str = "",
                 filters: EntityFilter | None = None) -> list[dict[str, str]]:
    """The rows of one list from its download(s): one file, or for ``eu-annex`` a consolidated act and
    the acts amending it, in that order. ``filters`` (OpenSanctions formats only) count what they drop."""
    if fmt not in FORMATS:
        raise InputError(f"--format: unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    if not paths:
        raise InputError("no file to import")
    if len(paths) > 1 and fmt != "eu-annex":
        raise InputError(f"--format {fmt} reads one file; only eu-annex combines an act with its amending acts")
    if filters is not None and filters.active and fmt not in FILTERED:
        raise InputError(f"--dataset, --topic and --schema filter OpenSanctions downloads ({', '.join(FILTERED)}), not {fmt}")
    where = paths[0] if len(paths) == 1 else ", ".join(str(p) for p in paths)
    rows = import_ftm(paths[0], prefix, filters) if fmt == "ftm-json" else _read_rows(paths, fmt, prefix, edition, filters)
    return _checked(rows, where, fmt, filters.describe() if filters is not None and filters.active else "")


def _read_rows(paths: Sequence[Path], fmt: str, prefix: str, edition: str, filters: EntityFilter | None) -> list[dict[str, str]]:
    texts = []
    for path in paths:
        text = read_text(path, "list download")
        if fmt in REQUIRED:
            try:
                header = next(csv.reader(io.StringIO(text, newline="")), [])
            except csv.Error as exc:
                raise InputError(f"{path}:1: not a readable CSV header ({exc})") from None
            missing = [c for c in REQUIRED[fmt] if c not in header]
            if missing:
                raise InputError(f"{path}:1: not a {fmt} file: missing column(s) {', '.join(missing)}")
        texts.append((str(path), text))
    where = paths[0] if len(paths) == 1 else ", ".join(str(p) for p in paths)
    try:
        if fmt == "eu-annex":
            return import_eu(texts, prefix, edition)
        if fmt == "opensanctions":
            return import_opensanctions(texts[0][1], prefix, filters)
        return IMPORTERS[fmt](texts[0][1], prefix)
    except NOT_THIS_FORMAT as exc:
        raise InputError(f"{where}: not a {fmt} file ({type(exc).__name__}: {_short(exc)})") from None
    except InputError as exc:
        raise InputError(f"{where}: {exc}" if str(paths[0]) not in str(exc) else str(exc)) from None


def _checked(rows: list[dict[str, str]], where: object, fmt: str, filtered: str = "") -> list[dict[str, str]]:
    """The rows checked (ids, names, countries, URLs), repeated ids numbered; refused without an organisation
    (``filtered``: the filters in words, named in that message, as they may be what left none)."""
    problems = [f"{where}: entry {i + 1}: {what}" for i, row in enumerate(rows) for what in _check(row)]
    if problems:
        raise InputError(problems[0] + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    seen: dict[str, int] = {}
    for row in rows:  # ids must be unique: number repeats
        n = seen.get(row["entity_id"], 0)
        seen[row["entity_id"]] = n + 1
        if n:
            row["entity_id"] = f"{row['entity_id']}-{n + 1}"
    if not any(row.get("entity_kind") != "person" for row in rows):
        kept = f" with {filtered}" if filtered else ""
        raise InputError(f"{where}: no organisations found in this {fmt} file{kept}")
    return rows


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= 120 else text[:117] + "…"


def _check(row: dict[str, str]) -> list[str]:
    out = []
    if not row["entity_id"] or not row["name"]:
        out.append("entity_id and name are required")
    for code in [row["country"], *(row.get("countries") or "").split("|")]:
        if code and country_code(code) != code.upper():
            out.append(f"country {code!r} is not an ISO 3166 code")
    if row["source_url"] and not row["source_url"].startswith(("https://", "http://", "file:")):
        out.append(f"source_url {row['source_url']!r} is not a URL")
    return out


def list_csv_text(rows: list[dict[str, str]]) -> str:
    """The list CSV; a cell a spreadsheet would run as a formula is neutralised as in batch output."""
    from collabguard.io.tables import csv_text

    return csv_text(SCHEMA, rows)
