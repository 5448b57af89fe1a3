"""Read an alias file shipped beside the lists (``registry_aliases`` in ``lists.yaml``) and give each
linked entry the names ROR gives it and its units, and, where the entry's own name made the link, its
ROR id and Wikidata item (a link made by one of the entry's aliases is to the record of that alias,
which may be a unit or a former body: its names are the alias's, its identifiers not the entry's).

The file is written by ``collabguard lists enrich`` (:mod:`collabguard.lists.enrich`) and checked
against its recorded sha256 like every list. It never adds an entry: a row whose entry is not loaded,
or whose entry is now named differently (a newer edition of the list), is not used; the link is made
again by running ``lists enrich`` on the new edition. An identifier the list itself gives (its own
``ror`` column) wins over the file's.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from collabguard.identifiers import ror_id, wikidata_id
from collabguard.lists.model import Entity, RegistryFile, RegistryLink, RegistryName

MANIFEST_KEY = "registry_aliases"
# the alias file: one row per name of an entry's ROR record (relation same) or of one of its child
# records (relation part); linked_by is the entry's name or alias that equals a name of the record
COLUMNS = ("list_id", "entity_id", "entity_name", "country", "ror_id", "wikidata", "linked_by", "linked_on", "relation",
           "record_id", "record_name", "name", "name_kind", "lang", "ror_release", "ror_date")
KINDS = ("ror_display", "label", "alias", "acronym")


def read_rows(info: RegistryFile, path: Path, problems: list[str], columns: tuple[str, ...] = COLUMNS,
              check: Callable[[dict[str, str]], str] | None = None, key: str = MANIFEST_KEY) -> list[dict[str, str]]:
    """The file's rows, checked: sha256, columns, and each row (by default: ROR ids, kinds). Problems are one line
    each."""
    check = check or _problem
    if not path.is_file():
        problems.append(f"{path}: file named in lists.yaml ({key}) is missing")
        return []
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != info.sha256:
        problems.append(f"{path}: sha256 {digest} does not match {info.sha256} recorded in lists.yaml; the file "
                        "was changed. Restore it, or write it again with `collabguard lists enrich` and record it.")
        return []
    try:
        reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
        rows = list(reader)
    except (UnicodeDecodeError, csv.Error) as exc:
        problems.append(f"{path}: not a readable CSV file ({exc.__class__.__name__})")
        return []
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        problems.append(f"{path}:1: missing column(s): {', '.join(missing)}")
        return []
    good = []
    for line_no, row in enumerate(rows, start=2):
        problem = check(row)
        if problem:
            problems.append(f"{path}:{line_no}: {problem}")
        else:
            good.append(row)
    return good


def _problem(row: dict[str, str]) -> str:
    for column in ("ror_id", "record_id"):
        if ror_id(row.get(column) or "") is None:
            return f"{column}: {row.get(column)!r} is not a ROR id"
    if (row.get("relation") or "") not in ("same", "part"):
        return f"relation: {row.get('relation')!r} is not same or part"
    if (row.get("name_kind") or "") not in KINDS:
        return f"name_kind: {row.get('name_kind')!r} is not one of {', '.join(KINDS)}"
    if (row.get("linked_on") or "") not in ("name", "alias"):
        return f"linked_on: {row.get('linked_on')!r} is not name or alias"
    if not (row.get("name") or "").strip() or not (row.get("entity_id") or "").strip():
        return "name and entity_id must not be empty"
    return ""


def rows_of_entries(rows: list[dict[str, str]]) -> Callable[[Entity], list[dict[str, str]]]:
    """A file's rows of one entry: by list and entity id, and only where the entry still bears the name the file was
    written for (a newer edition's entry named otherwise gets none)."""
    by_entry: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_entry[(row["list_id"], row["entity_id"])].append(row)
    return lambda e: [r for r in by_entry.get((e.list_id, e.entity_id), ()) if r["entity_name"] == e.name]


def apply_registry(entities: list[Entity], info: RegistryFile, rows: list[dict[str, str]]) -> list[Entity]:
    """The entries with the file's links applied (unchanged where the file has nothing for them)."""
    rows_of = rows_of_entries(rows)
    out = []
    for e in entities:
        found = rows_of(e)
        linked = ror_id(found[0]["ror_id"]) if found else None
        if linked is None or e.registry is not None or (e.ror and e.ror != linked):
            out.append(e)
            continue
        first = found[0]
        names = tuple(RegistryName.model_validate({
            "text": r["name"].strip(), "kind": r["name_kind"], "lang": r["lang"], "relation": r["relation"],
            "record_id": ror_id(r["record_id"]) or "", "record_name": r["record_name"], "release": r["ror_release"],
            "date": r["ror_date"]}) for r in found if ror_id(r["ror_id"]) == linked)
        link = RegistryLink.model_validate({"ror_id": linked, "linked_by": first["linked_by"],
                                            "linked_on": first["linked_on"], "file": info.file, "names": names})
        if link.linked_on == "alias":  # the record of one of the entry's aliases: its names, not the entry's identifiers
            out.append(e.model_copy(update={"registry": link}))
        else:
            out.append(e.model_copy(update={"ror": linked, "wikidata": e.wikidata or wikidata_id(first["wikidata"]) or "",
                                            "registry": link}))
    return out


def missing_in(row: dict[str, str], required: tuple[str, ...]) -> str:
    """What is wrong with one row of a file beside the aliases (acronyms or names ROR gives other organisations):
    its record id is no ROR id, or a required column is empty ("" if nothing)."""
    if ror_id(row.get("record_id") or "") is None:
        return f"record_id: {row.get('record_id')!r} is not a ROR id"
    for column in required:
        if not (row.get(column) or "").strip():
            return f"{column} must not be empty"
    return ""


def manifest_entry(file_name: str, text: str, edition: str, sources: list[str], key: str = MANIFEST_KEY,
                   title: str = "Research Organization Registry names of list entries and of their units") -> str:
    """The entry of ``lists.yaml`` (under ``key``) for a file ``lists enrich`` has just written."""
    quoted = [json.dumps(" ".join(x.split()), ensure_ascii=False) for x in (title, edition, "; ".join(sources))]
    return "\n".join([
        f"{key}:",
        f"  - id: {Path(file_name).stem}",
        f"    file: {file_name}",
        f"    sha256: {hashlib.sha256(text.encode('utf-8')).hexdigest()}",
        f"    title: {quoted[0]}",
        '    publisher: "Research Organization Registry (ROR), ror.org"',
        "    url: https://ror.org/",
        f"    edition: {quoted[1]}",
        f"    copy_of: {quoted[2]}",
        '    licence: "CC0 1.0 (ROR data; attribution to ROR appreciated)"',
    ])
