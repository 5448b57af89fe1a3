"""Load the shipped sensitivity lists, verifying each file against its recorded sha256."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from pydantic import ValidationError

from collabguard.errors import RuleFileError
from collabguard.identifiers import ror_id, wikidata_id
from collabguard.io.pydantic_errors import error_message, field_path
from collabguard.io.yaml_loader import load_yaml, read_text
from collabguard.lists import registry_acronyms, registry_names_elsewhere, registry_namesakes
from collabguard.lists.company_names import named_as_company
from collabguard.lists.model import Entity, EntryKind, ListInfo, ListSet, NotCovered, RegistryFile, SeverityTable
from collabguard.lists.registry_aliases import MANIFEST_KEY, apply_registry, read_rows

MANIFEST = "lists.yaml"
REQUIRED_COLUMNS = ("entity_id", "name", "name_local", "aliases", "acronyms", "country", "source_url", "source_date")
# optional columns (lists written before them have none): entity_kind, countries, addresses, legal_basis,
# date_added, measure, ror, wikidata; an empty entity_kind is an organisation (or a programme, by category)
ENTRY_KINDS = ("", "organisation", "person")


def _split(cell: str) -> tuple[str, ...]:
    # Lists use "|" between names; never split on commas (many names contain them).
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def read_entities(info: ListInfo, path: Path, problems: list[str], verify: bool = True) -> list[Entity]:
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if verify and digest != info.sha256:
        problems.append(
            f"{path}: sha256 {digest} does not match {info.sha256} recorded in {MANIFEST}; "
            "the list file was changed. Restore it or update the manifest with its provenance."
        )
        return []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(f"{path}:{line}: not valid UTF-8 text")
        return []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:
        problems.append(f"{path}:{reader.line_num}: not a readable CSV row ({exc})")
        return []
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        problems.append(f"{path}:1: missing column(s): {', '.join(missing)} (the list schema is: {', '.join(REQUIRED_COLUMNS)}, …)")
        return []
    entities: list[Entity] = []
    seen: dict[str, int] = {}
    for line_no, row in enumerate(rows, start=2):
        entity_id = (row.get("entity_id") or "").strip()
        name = (row.get("name") or "").strip()
        if not entity_id:
            problems.append(f"{path}:{line_no}: entity_id: empty")
            continue
        if not name:
            problems.append(f"{path}:{line_no}: name: empty")
            continue
        if entity_id in seen:
            problems.append(f"{path}:{line_no}: entity_id: duplicate {entity_id!r} (first on row {seen[entity_id]})")
            continue
        seen[entity_id] = line_no
        category = (row.get("category") or "").strip()
        entry_kind = (row.get("entity_kind") or "").strip().lower()
        if entry_kind not in ENTRY_KINDS:
            problems.append(f"{path}:{line_no}: entity_kind: {entry_kind!r} is not one of: {', '.join(k for k in ENTRY_KINDS if k)}")
            continue
        country = (row.get("country") or "").strip().upper()
        aliases = _split(row.get("aliases") or "")
        kind: EntryKind = "company" if info.kind == "companies" or named_as_company((name, *aliases), country) else "institution"
        if entry_kind == "person":
            kind = "person"
        elif info.programme_category_prefix and category.startswith(info.programme_category_prefix):
            kind = "programme"
        ror = (row.get("ror") or "").strip()
        if ror and ror_id(ror) is None:
            problems.append(f"{path}:{line_no}: ror: {ror!r} is not a ROR id (https://ror.org/ and nine characters)")
            continue
        entities.append(
            Entity(
                entity_id=entity_id,
                list_id=info.id,
                name=name,
                name_local=(row.get("name_local") or "").strip(),
                aliases=aliases,
                acronyms=_split(row.get("acronyms") or ""),
                country=country,
                kind=kind,
                risk_level=(row.get("risk_level") or "").strip(),
                category=category,
                source_url=(row.get("source_url") or "").strip() or info.url,
                source_date=(row.get("source_date") or "").strip(),
                countries=tuple(c.upper() for c in _split(row.get("countries") or "")) or ((country,) if country else ()),
                addresses=_split(row.get("addresses") or ""),
                legal_basis=(row.get("legal_basis") or "").strip(),
                date_added=(row.get("date_added") or "").strip(),
                measure=(row.get("measure") or "").strip(),
                ror=ror_id(ror) or "",
                wikidata=wikidata_id(row.get("wikidata") or "") or "",
            )
        )
    return entities


def split_persons(entities: list[Entity]) -> tuple[tuple[Entity, ...], tuple[Entity, ...]]:
    """Organisations and programmes (matched) apart from named individuals (kept, never matched)."""
    return (tuple(e for e in entities if e.kind != "person"), tuple(e for e in entities if e.kind == "person"))


def load_lists(folder: Path, registry_names: bool = True) -> ListSet:
    """Load ``folder/lists.yaml`` and the list files it names; all problems reported at once. The
    alias files it names (ROR names of entries) too, unless ``registry_names`` is false (as when
    they are being written again)."""
    manifest_path = folder / MANIFEST
    doc = load_yaml(manifest_path, "list manifest")
    data = doc.data if isinstance(doc.data, dict) else {}
    problems: list[str] = []
    infos: dict[str, ListInfo] = {}
    for i, raw in enumerate(data.get("lists") or []):
        try:
            info = ListInfo.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                loc = ("lists", i) + tuple(err["loc"])
                problems.append(f"{doc.where(loc)}: {field_path(loc)}: {error_message(err)}")
            continue
        if info.id in infos:
            problems.append(f"{doc.where(('lists', i, 'id'))}: duplicate list id {info.id!r}")
            continue
        infos[info.id] = info
    not_covered = []
    for i, raw in enumerate(data.get("not_covered") or []):
        try:
            not_covered.append(NotCovered.model_validate(raw))
        except ValidationError as exc:
            problems.append(f"{doc.where(('not_covered', i))}: not_covered[{i}]: {error_message(exc.errors()[0])}")
    entities: list[Entity] = []
    for info in infos.values():
        path = folder / info.file
        if not path.exists():
            problems.append(f"{path}: list file named in {MANIFEST} is missing")
            continue
        read_text(path, "list file")  # one-line errors for empty/binary files
        entities.extend(read_entities(info, path, problems))
    registry: list[RegistryFile] = []
    for i, raw in enumerate((data.get(MANIFEST_KEY) or []) if registry_names else []):  # ROR names (lists enrich)
        try:
            reg = RegistryFile.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                loc = (MANIFEST_KEY, i) + tuple(err["loc"])
                problems.append(f"{doc.where(loc)}: {field_path(loc)}: {error_message(err)}")
            continue
        entities = apply_registry(entities, reg, read_rows(reg, folder / reg.file, problems))
        registry.append(reg)
    # acronyms derived from listed names that ROR gives other organisations, aliases the lists give entries that ROR
    # registers as other organisations, and organisations of other countries ROR registers under listed institutions'
    # names (all written by lists enrich beside the names)
    for side in (registry_acronyms, registry_names_elsewhere, registry_namesakes) if registry_names else ():
        for i, raw in enumerate(data.get(side.MANIFEST_KEY) or []):
            try:
                reg = RegistryFile.model_validate(raw)
            except ValidationError as exc:
                for err in exc.errors():
                    loc = (side.MANIFEST_KEY, i) + tuple(err["loc"])
                    problems.append(f"{doc.where(loc)}: {field_path(loc)}: {error_message(err)}")
                continue
            rows = read_rows(reg, folder / reg.file, problems, side.COLUMNS, side.problem, side.MANIFEST_KEY)
            entities = side.apply(entities, reg, rows)
            registry.append(reg)
    if problems:
        raise RuleFileError(problems)
    organisations, persons = split_persons(entities)
    return ListSet(
        lists=infos,
        entities=organisations,
        not_covered=tuple(not_covered),
        retrieved=str(data.get("retrieved") or ""),
        persons=persons,
        registry=tuple(registry),
    )


def load_list_file(path: Path) -> ListSet:
    """A list CSV in the shipped schema that is not part of the shipped set (``--list FILE``).
    Its id is the file name; provenance comes from its rows (source_url, source_date, list_source)."""
    read_text(path, "list file")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        try:
            first = next(reader, None) or {}
        except csv.Error as exc:
            raise RuleFileError([f"{path}:{reader.line_num}: not a readable CSV row ({exc})"]) from None
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    info = ListInfo(
        id=path.stem, file=path.name, sha256=digest, title=(first.get("list_source") or path.stem).strip(),
        publisher="(user-supplied list)", url=(first.get("source_url") or "").strip() or path.resolve().as_uri(),
        edition=(first.get("source_date") or "").strip() or "unknown", copy_of=str(path), licence="unknown",
        kind="institutions", complete=True, meaning="A list supplied by the user.", severity=SeverityTable(default="high"),
    )
    problems: list[str] = []
    entities = read_entities(info, path, problems, verify=False)
    if problems:
        raise RuleFileError(problems)
    organisations, persons = split_persons(entities)
    return ListSet(lists={info.id: info}, entities=organisations, persons=persons)
