"""Acronyms the Research Organization Registry gives other organisations, read beside the lists
(``registry_acronyms`` in ``lists.yaml``, written by ``collabguard lists enrich``).

collabguard derives acronyms from listed names: "CAS" from the Treasury's "China Avionics Systems Company
Limited". The list never gives that acronym; ROR gives it, in the same country, to the Chinese Academy of
Sciences, whose institutes sign their affiliations "…, CAS". A name that is such an acronym alone is not
reported on the entry: the report keeps it as a near miss that says whose registered acronym it is. An
acronym the list itself gives, or ROR gives the entry's own record, is never set aside.

The file is checked against its recorded sha256 like every list; a row whose entry is not loaded, or is
now named differently, is not used (write it again with ``lists enrich`` for a new edition).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

from collabguard.identifiers import ror_id
from collabguard.lists.model import AcronymElsewhere, Entity, RegistryFile

MANIFEST_KEY = "registry_acronyms"
# one row per (entry, acronym derived from its name, another ROR record of its country with that acronym)
COLUMNS = ("list_id", "entity_id", "entity_name", "country", "acronym", "record_id", "record_name", "ror_release",
           "ror_date")


def problem(row: dict[str, str]) -> str:
    """What is wrong with one row of the file ("" if nothing)."""
    if ror_id(row.get("record_id") or "") is None:
        return f"record_id: {row.get('record_id')!r} is not a ROR id"
    for column in ("acronym", "entity_id", "record_name"):
        if not (row.get(column) or "").strip():
            return f"{column} must not be empty"
    return ""


def apply_acronyms(entities: list[Entity], info: RegistryFile, rows: list[dict[str, str]]) -> list[Entity]:
    """The entries with the acronyms ROR gives other organisations added (unchanged where the file has none)."""
    by_entry: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_entry[(row["list_id"], row["entity_id"])].append(row)
    out = []
    for e in entities:
        found = [r for r in by_entry.get((e.list_id, e.entity_id), ()) if r["entity_name"] == e.name]
        if not found:
            out.append(e)
            continue
        taken = tuple(AcronymElsewhere(acronym=r["acronym"].strip().upper(), record_id=ror_id(r["record_id"]) or "",
                                       record_name=r["record_name"].strip(), release=r["ror_release"], date=r["ror_date"],
                                       file=info.file) for r in found)
        out.append(e.model_copy(update={"acronyms_elsewhere": e.acronyms_elsewhere + taken}))
    return out


def manifest_entry(file_name: str, text: str, edition: str, sources: list[str]) -> str:
    """The ``registry_acronyms`` entry of ``lists.yaml`` for a file just written."""
    quoted = [json.dumps(" ".join(x.split()), ensure_ascii=False) for x in (edition, "; ".join(sources))]
    return "\n".join([
        f"{MANIFEST_KEY}:",
        f"  - id: {Path(file_name).stem}",
        f"    file: {file_name}",
        f"    sha256: {hashlib.sha256(text.encode('utf-8')).hexdigest()}",
        '    title: "Research Organization Registry acronyms of other organisations that collabguard derives from list entries\' names"',
        '    publisher: "Research Organization Registry (ROR), ror.org"',
        "    url: https://ror.org/",
        f"    edition: {quoted[0]}",
        f"    copy_of: {quoted[1]}",
        '    licence: "CC0 1.0 (ROR data; attribution to ROR appreciated)"',
    ])
