"""Organisations of other countries that the Research Organization Registry registers under a listed institution's
name, read beside the lists (``registry_namesakes`` in ``lists.yaml``, written by ``collabguard lists enrich``).

The ASPI tracker's Northeastern University is in Shenyang (CN); ROR registers another Northeastern University in
Boston (US, https://ror.org/04t5xt781). An address that names the other country and a town of it, and no place of
the listed institution's country, names that namesake: the matcher sets the listed one aside and says which ROR
record the address fits (matching/address_elsewhere.py). Without such a record, an institution of that name abroad
is not known, and a differing country only demotes the name (a listed university's institute abroad, a visiting
address). Only an institution's names count (not a company's: a company works abroad under its group's name), and
only the record's own names (its ROR display name and labels, not its former names or acronyms).

The file is checked against its recorded sha256 like every list; a row whose entry is not loaded, or no longer
bears the name, is not used (write it again with ``lists enrich`` for a new edition).
"""

from __future__ import annotations

from collabguard.identifiers import ror_id
from collabguard.lists import registry_aliases
from collabguard.lists.model import Entity, Namesake, RegistryFile
from collabguard.lists.registry_aliases import rows_of_entries

MANIFEST_KEY = "registry_namesakes"
# one row per (entry, its name or alias, ROR record of an organisation of another country bearing that name)
TITLE = "Research Organization Registry organisations of other countries named as listed institutions"
COLUMNS = ("list_id", "entity_id", "entity_name", "country", "name", "record_id", "record_name", "record_country",
           "record_town", "ror_release", "ror_date")


def problem(row: dict[str, str]) -> str:
    """What is wrong with one row of the file ("" if nothing)."""
    return registry_aliases.missing_in(row, ("name", "entity_id", "record_name", "record_country"))


def apply(entities: list[Entity], info: RegistryFile, rows: list[dict[str, str]]) -> list[Entity]:
    """The entries with their namesakes abroad added (unchanged where the file has none)."""
    rows_of = rows_of_entries(rows)
    out = []
    for e in entities:
        found = [r for r in rows_of(e) if r["name"] in (e.name, *e.aliases)]  # a name the entry still bears
        if not found:
            out.append(e)
            continue
        taken = tuple(Namesake(name=r["name"], record_id=ror_id(r["record_id"]) or "", record_name=r["record_name"].strip(),
                               country=r["record_country"].strip().upper(), town=r.get("record_town", "").strip(),
                               release=r["ror_release"], date=r["ror_date"], file=info.file) for r in found)
        out.append(e.model_copy(update={"namesakes": e.namesakes + taken}))
    return out


def manifest_entry(file_name: str, text: str, edition: str, sources: list[str]) -> str:
    """The ``registry_namesakes`` entry of ``lists.yaml`` for a file just written."""
    return registry_aliases.manifest_entry(file_name, text, edition, sources, MANIFEST_KEY, TITLE)
