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

from collabguard.identifiers import ror_id
from collabguard.lists import registry_aliases
from collabguard.lists.model import AcronymElsewhere, Entity, RegistryFile
from collabguard.lists.registry_aliases import rows_of_entries

MANIFEST_KEY = "registry_acronyms"
# one row per (entry, acronym derived from its name, another ROR record of its country with that acronym)
TITLE = "Research Organization Registry acronyms of other organisations that collabguard derives from list entries' names"
COLUMNS = ("list_id", "entity_id", "entity_name", "country", "acronym", "record_id", "record_name", "ror_release",
           "ror_date")


def problem(row: dict[str, str]) -> str:
    """What is wrong with one row of the file ("" if nothing)."""
    return registry_aliases.missing_in(row, ("acronym", "entity_id", "record_name"))


def apply(entities: list[Entity], info: RegistryFile, rows: list[dict[str, str]]) -> list[Entity]:
    """The entries with the acronyms ROR gives other organisations added (unchanged where the file has none)."""
    rows_of = rows_of_entries(rows)
    out = []
    for e in entities:
        found = rows_of(e)
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
    return registry_aliases.manifest_entry(file_name, text, edition, sources, MANIFEST_KEY, TITLE)
