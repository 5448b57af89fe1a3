"""Sensitive technology area taxonomies: the data model and the loader.

A taxonomy file (``rules/areas/*.yaml``) has two top-level keys::

    taxonomy:            # who published the list, which version, caveats
      id: ca-stra
      title: ...
      publisher: ...
      url: ...
      version: "2024-01-16"
      accessed: "2026-11-28"
      notes: ...         # optional
    areas:
      - id: ca-stra.quantum.sensing     # must start with "<taxonomy id>." (or be the taxonomy id itself)
        name: Quantum sensing           # the publisher's wording
        parent: ca-stra.quantum         # or null
        level: sub-area                 # category | group | sub-area | area
        terms: [quantum sensing, ...]   # collabguard's own matching aids
        note: ...                       # optional

:func:`load_catalog` reads every ``*.yaml`` in a folder and either returns an :class:`AreaCatalog`
or raises one :class:`~collabguard.errors.RuleFileError` listing *every* problem found, each as
``file:line:col: message``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from collabguard.errors import CollabguardError, RuleFileError
from collabguard.io.yaml_loader import YamlDocument, load_yaml

__all__ = ["Area", "AreaCatalog", "Level", "TaxonomyInfo", "load_catalog"]

Level = Literal["category", "group", "sub-area", "area"]

_TAXONOMY_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_AREA_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class TaxonomyInfo(BaseModel):
    """Who published a taxonomy and which version of it is shipped."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, StringConstraints(pattern=_TAXONOMY_ID)]
    title: Text
    publisher: Text
    url: Text
    version: Text
    accessed: Text
    notes: Text | None = None


class _AreaEntry(BaseModel):
    """One area exactly as written in a taxonomy file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, StringConstraints(pattern=_AREA_ID)]
    name: Text
    parent: Annotated[str, StringConstraints(pattern=_AREA_ID)] | None
    level: Level
    terms: tuple[Text, ...]
    ambiguous: tuple[Text, ...] = Field(
        default=(), description="terms that are common outside this area ('quantum', 'drone'): alone they never make a match"
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _ambiguous_are_terms(self) -> _AreaEntry:
        stray = [t for t in self.ambiguous if t not in self.terms]
        if stray:
            raise ValueError(f"ambiguous terms must also be listed in terms: {', '.join(stray)}")
        return self


class Area(_AreaEntry):
    """One sensitive technology area, tagged with the id of the taxonomy it belongs to."""

    taxonomy: str


class AreaCatalog(BaseModel):
    """All loaded taxonomies and their areas (areas in file order, files in name order)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    taxonomies: dict[str, TaxonomyInfo]
    areas: dict[str, Area]

    def children(self, area_id: str) -> list[str]:
        """Direct children of an area, in catalog order."""
        if area_id not in self.areas:
            raise KeyError(f"unknown area id {area_id!r}")
        return [a.id for a in self.areas.values() if a.parent == area_id]

    def descendants(self, area_id: str) -> list[str]:
        """All areas below ``area_id`` (children, grandchildren, ...), in catalog order."""
        if area_id not in self.areas:
            raise KeyError(f"unknown area id {area_id!r}")
        below: set[str] = set()
        frontier = [area_id]
        while frontier:
            current = frontier.pop()
            for child in self.children(current):
                if child not in below:
                    below.add(child)
                    frontier.append(child)
        return [aid for aid in self.areas if aid in below]

    def ancestors(self, area_id: str) -> list[str]:
        """Parent, grandparent, ... of an area (nearest first); ``[]`` for a top-level area."""
        if area_id not in self.areas:
            raise KeyError(f"unknown area id {area_id!r}")
        out: list[str] = []
        parent = self.areas[area_id].parent
        while parent is not None and parent not in out and parent in self.areas:
            out.append(parent)
            parent = self.areas[parent].parent
        return out

    def areas_in(self, taxonomy: str) -> list[str]:
        """Ids of every area of one taxonomy, in catalog order."""
        if taxonomy not in self.taxonomies:
            raise KeyError(f"unknown taxonomy {taxonomy!r}; known: {', '.join(self.taxonomies)}")
        return [a.id for a in self.areas.values() if a.taxonomy == taxonomy]

    def resolve(self, selector: str) -> list[str]:
        """Area ids a selector stands for, in catalog order.

        - ``ca-stra.quantum.sensing``: that area (plus any areas below it; a sub-area has none);
        - ``ca-stra.quantum``: a category means itself plus all its descendants;
        - ``ca-stra.quantum.*``: same as above, written as a pattern;
        - ``ca-stra.*`` or ``ca-stra``: every area of the taxonomy ``ca-stra``;
        - ``*``: every area of every taxonomy.

        Raises ``KeyError`` when the selector matches nothing.
        """
        sel = selector.strip()
        if sel == "*":
            return list(self.areas)
        wildcard = sel.endswith(".*")
        base = sel[:-2] if wildcard else sel
        if "*" in base or not base:
            raise KeyError(f"invalid area selector {selector!r}: '*' is only allowed as a final '.*'")
        if base in self.areas:
            chosen = {base, *self.descendants(base)}
            return [aid for aid in self.areas if aid in chosen]
        if base in self.taxonomies:
            return self.areas_in(base)
        if wildcard:
            found = [aid for aid in self.areas if aid.startswith(base + ".")]
            if found:
                return found
        raise KeyError(f"unknown area selector {selector!r}")


# --------------------------------------------------------------------------------------- loading

_TOP_KEYS = ("taxonomy", "areas")
_WHERE = re.compile(r"^(?P<file>.*):(?P<line>\d+):(?P<col>\d+)$")


def _describe(err: dict[str, Any], what: str) -> str:
    """A one-line message for one pydantic error."""
    loc = err.get("loc", ())
    field = ".".join(str(part) for part in loc)
    kind = err.get("type", "")
    if kind == "missing":
        return f"{what}: missing required key {field!r}"
    if kind == "extra_forbidden":
        return f"{what}: unknown key {field!r}"
    if kind == "string_pattern_mismatch":
        return f"{what}: {field}: {err.get('input')!r} is not a valid id (lower-case letters, digits, '-', '.')"
    if kind == "literal_error":
        return f"{what}: {field}: {err.get('input')!r} is not one of category, group, sub-area, area"
    return f"{what}: {field}: {err.get('msg', 'invalid value')}"


@dataclass
class _RawArea:
    """What is known about one area entry, even when it does not validate."""

    doc: YamlDocument
    index: int
    id: str | None
    parent: str | None
    taxonomy: str | None
    entry: _AreaEntry | None

    def where(self, *path: str | int) -> str:
        return self.doc.where(("areas", self.index, *path))


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")

    def add_validation(self, exc: ValidationError, doc: YamlDocument, base: tuple[str | int, ...], what: str) -> None:
        for err in exc.errors():
            self.add(doc.where(base + tuple(err.get("loc", ()))), _describe(dict(err), what))

    def sorted(self) -> list[str]:
        def key(item: str) -> tuple[str, int, int]:
            m = _WHERE.match(item.split(": ", 1)[0])
            return (m["file"], int(m["line"]), int(m["col"])) if m else (item, 0, 0)

        return sorted(self.items, key=key)


def _load_file(
    path: Path, problems: _Problems, raw_areas: list[_RawArea]
) -> tuple[YamlDocument, TaxonomyInfo] | None:
    """Parse and validate one file: append its problems and its area entries; return its taxonomy info."""
    try:
        doc = load_yaml(path, "taxonomy file")
    except CollabguardError as exc:
        problems.items.append(exc.message)
        return None
    data = doc.data
    if not isinstance(data, dict):
        problems.add(doc.where(()), "a taxonomy file must be a mapping with keys 'taxonomy' and 'areas'")
        return None
    for key in data:
        if key not in _TOP_KEYS:
            problems.add(doc.where((key,)), f"unknown top-level key {key!r} (expected 'taxonomy' and 'areas')")
    for key in _TOP_KEYS:
        if key not in data:
            problems.add(doc.where(()), f"missing top-level key {key!r}")

    info: TaxonomyInfo | None = None
    taxonomy_id: str | None = None
    raw_info = data.get("taxonomy")
    if "taxonomy" in data:
        if not isinstance(raw_info, dict):
            problems.add(doc.where(("taxonomy",)), "'taxonomy' must be a mapping")
        else:
            if isinstance(raw_info.get("id"), str):
                taxonomy_id = raw_info["id"].strip()
            try:
                info = TaxonomyInfo.model_validate(raw_info)
            except ValidationError as exc:
                problems.add_validation(exc, doc, ("taxonomy",), "taxonomy")

    items = data.get("areas")
    if "areas" in data:
        if not isinstance(items, list):
            problems.add(doc.where(("areas",)), "'areas' must be a list")
            items = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                problems.add(doc.where(("areas", i)), f"areas[{i}] must be a mapping")
                continue
            area_id = item["id"].strip() if isinstance(item.get("id"), str) else None
            parent = item["parent"].strip() if isinstance(item.get("parent"), str) else None
            label = f"area {area_id!r}" if area_id else f"areas[{i}]"
            entry: _AreaEntry | None = None
            try:
                entry = _AreaEntry.model_validate(item)
            except ValidationError as exc:
                problems.add_validation(exc, doc, ("areas", i), label)
            raw_areas.append(_RawArea(doc, i, area_id, parent, taxonomy_id, entry))
    if info is None and taxonomy_id is not None:
        # keep the id so the areas' checks still run; the taxonomy's own problems are already listed
        info = TaxonomyInfo.model_construct(id=taxonomy_id, title="", publisher="", url="", version="", accessed="")
    return (doc, info) if info is not None else None


def load_catalog(folder: Path | str) -> AreaCatalog:
    """Load and check every ``*.yaml`` taxonomy file in ``folder``.

    Checks, all collected before raising one :class:`RuleFileError` (problems sorted by file and
    position): YAML syntax, unknown or missing keys, value types, ids (format, duplicates across all
    files, prefix = taxonomy id), duplicate taxonomy ids, parents that do not exist or belong to
    another taxonomy, parent cycles, and duplicate terms within an area.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise RuleFileError([f"{folder}: taxonomy folder not found"])
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise RuleFileError([f"{folder}: no taxonomy files (*.yaml) found"])

    problems = _Problems()
    taxonomies: dict[str, TaxonomyInfo] = {}
    taxonomy_where: dict[str, str] = {}
    raw: list[_RawArea] = []

    for path in files:
        loaded = _load_file(path, problems, raw)
        if loaded is None:
            continue
        doc, info = loaded
        here = doc.where(("taxonomy", "id"))
        if info.id in taxonomies:
            problems.add(here, f"duplicate taxonomy id {info.id!r} (first defined at {taxonomy_where[info.id]})")
        else:
            taxonomies[info.id] = info
            taxonomy_where[info.id] = here

    # Ids: unique across all files, and prefixed by their taxonomy id.
    first: dict[str, _RawArea] = {}
    for ra in raw:
        if ra.id is None:
            continue
        if ra.id in first:
            problems.add(ra.where("id"), f"duplicate area id {ra.id!r} (first defined at {first[ra.id].where('id')})")
        else:
            first[ra.id] = ra
        if ra.taxonomy and not (ra.id == ra.taxonomy or ra.id.startswith(ra.taxonomy + ".")):
            problems.add(ra.where("id"), f"area id {ra.id!r} must start with the taxonomy id {ra.taxonomy + '.'!r}")

    # Terms: no duplicates within an area, each has a letter or digit.
    for ra in raw:
        if ra.entry is None:
            continue
        seen: set[str] = set()
        for t, term in enumerate(ra.entry.terms):
            if term.casefold() in seen:
                problems.add(ra.where("terms", t), f"area {ra.id!r}: duplicate term {term!r}")
            seen.add(term.casefold())
            if not re.search(r"[^\W_]", term):
                problems.add(ra.where("terms", t), f"area {ra.id!r}: term {term!r} has no letters or digits")

    # Parents: must exist, be in the same taxonomy, and not form a cycle.
    for ra in raw:
        if ra.parent is None or ra.id is None or first.get(ra.id) is not ra:
            continue
        parent = first.get(ra.parent)
        if parent is None:
            problems.add(ra.where("parent"), f"area {ra.id!r}: parent {ra.parent!r} does not exist")
        elif parent.taxonomy != ra.taxonomy:
            problems.add(
                ra.where("parent"),
                f"area {ra.id!r}: parent {ra.parent!r} belongs to another taxonomy ({parent.taxonomy!r})",
            )
    for area_id, ra in first.items():
        chain = [area_id]
        parent_id = ra.parent
        while parent_id is not None and parent_id in first:
            if parent_id == area_id:
                problems.add(ra.where("parent"), f"area {area_id!r}: parent cycle {' -> '.join(chain + [area_id])}")
                break
            if parent_id in chain:  # a cycle above this area: reported for the areas on it
                break
            chain.append(parent_id)
            parent_id = first[parent_id].parent

    if problems.items:
        raise RuleFileError(problems.sorted())
    areas = {
        ra.id: Area(**ra.entry.model_dump(), taxonomy=ra.taxonomy)
        for ra in raw
        if ra.entry is not None and ra.id is not None and ra.taxonomy is not None
    }
    return AreaCatalog(taxonomies=taxonomies, areas=areas)
