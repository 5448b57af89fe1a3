"""Aliases a list gives an entry that the Research Organization Registry registers as other organisations,
read beside the lists (``registry_names_elsewhere`` in ``lists.yaml``, written by ``collabguard lists enrich``).

The DoD's Section 1286 list (FY2025) gives Xi'an Technological University (西安工业大学) the alias "Xi'an
University of Technology", which is the name of another university (西安理工大学, https://ror.org/038avdt50). The
alias is the list's and stays; a name that is only that alias is not confirmed as the entry: the report keeps it
`possible` and says which other organisation ROR registers under it. An entry's own main name is never read so.

The file is checked against its recorded sha256 like every list; a row whose entry is not loaded, or is now
named differently, is not used (write it again with ``lists enrich`` for a new edition).
"""

from __future__ import annotations

from collabguard.identifiers import ror_id
from collabguard.lists import registry_aliases
from collabguard.lists.model import Entity, NameElsewhere, RegistryFile
from collabguard.lists.registry_aliases import rows_of_entries

MANIFEST_KEY = "registry_names_elsewhere"
# one row per (entry, alias the list gives it, ROR record of another organisation of its country with that name)
TITLE = "Research Organization Registry organisations named as list entries' aliases"
COLUMNS = ("list_id", "entity_id", "entity_name", "country", "name", "record_id", "record_name", "ror_release", "ror_date")


def problem(row: dict[str, str]) -> str:
    """What is wrong with one row of the file ("" if nothing)."""
    return registry_aliases.missing_in(row, ("name", "entity_id", "record_name"))


def apply(entities: list[Entity], info: RegistryFile, rows: list[dict[str, str]]) -> list[Entity]:
    """The entries with the names ROR registers as other organisations added (unchanged where the file has none)."""
    rows_of = rows_of_entries(rows)
    out = []
    for e in entities:
        found = [r for r in rows_of(e) if r["name"] in e.aliases]  # an alias the entry still has
        if not found:
            out.append(e)
            continue
        taken = tuple(NameElsewhere(name=r["name"], record_id=ror_id(r["record_id"]) or "", record_name=r["record_name"].strip(),
                                    release=r["ror_release"], date=r["ror_date"], file=info.file) for r in found)
        out.append(e.model_copy(update={"names_elsewhere": e.names_elsewhere + taken}))
    return out


def manifest_entry(file_name: str, text: str, edition: str, sources: list[str]) -> str:
    """The ``registry_names_elsewhere`` entry of ``lists.yaml`` for a file just written."""
    return registry_aliases.manifest_entry(file_name, text, edition, sources, MANIFEST_KEY, TITLE)
