"""A newer edition of a list in use, loaded under the same list id, so every rule that names the list
uses it without forking the rules folder.

An office keeps the edition's CSV (collabguard's list schema, e.g. written by ``lists import``) beside
its policy file and names it there::

    list_updates:
      - id: ca-nro                       # a list in use (shipped, or one of the policy's own lists)
        file: ca-nro-2026-01-15.csv      # beside the policy file
        edition: "2026-01-15"
        source: "https://science.gc.ca/… (downloaded 2026-02-01 by the research office)"
        sha256: 3f…                      # optional: when given, the file must have it
        reason: "The Government of Canada published a new edition."

The list keeps its title, meaning, severity table and citation; its edition, file, sha256 and
provenance (``copy_of``) become the update's, so reports' ``versions.lists`` and coverage name the
edition used. ``collabguard lists install`` checks a file and writes the entry.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from collabguard.io.yaml_loader import YamlDocument
from collabguard.lists.loader import read_entities, split_persons
from collabguard.lists.model import Entity, ListInfo, ListSet


class ListUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="the id of a list in use: the new edition replaces it")
    file: str = Field(min_length=1, description="the edition's CSV in collabguard's list schema, beside the policy file")
    edition: str = Field(min_length=1)
    published: str | None = Field(default=None, description="when the edition was published, if the edition is not a date")
    source: str = Field(min_length=1, description="where the edition came from: URL, download date, who")
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    complete: bool | None = Field(default=None, description="whether the edition is the whole list (default: as before)")
    reason: str = Field(min_length=1)


def updated_info(old: ListInfo, update: ListUpdate, digest: str) -> ListInfo:
    """The list as before (title, meaning, severity, citation) at the new edition, with its provenance."""
    return old.model_copy(update={
        "file": update.file, "sha256": digest, "edition": update.edition, "published": update.published,
        "copy_of": f"{update.source} (installed by the institution's policy)",
        "complete": old.complete if update.complete is None else update.complete,
        "cite": _cite(old.cite, old.edition, update.edition),
        "cite_unrated": _cite(old.cite_unrated, old.edition, update.edition),
        "translations": {lang: t.model_copy(update={"cite": _cite(t.cite, old.edition, update.edition, lang),
                                                    "cite_unrated": _cite(t.cite_unrated, old.edition, update.edition, lang)})
                         for lang, t in old.translations.items()},
    })


def _cite(text: str | None, old: str, new: str, lang: str = "en") -> str | None:
    """A citation names the edition it was written for: the new one takes its place."""
    from collabguard.reference.report_text import text as words

    if not text:
        return text
    return text.replace(old, new) if old in text else text + words("list.edition", lang, edition=new)


def apply_list_updates(updates: list[ListUpdate], doc: YamlDocument, base: Path, lists: ListSet,
                       problems: list[str]) -> tuple[ListSet, list[str]]:
    """``lists`` with each update's edition in place of the list it names; the changes, in words."""
    changes: list[str] = []
    infos = dict(lists.lists)
    replaced: dict[str, tuple[tuple[Entity, ...], tuple[Entity, ...]]] = {}
    for i, update in enumerate(updates):
        where = doc.where(("list_updates", i))
        if update.id not in infos:
            problems.append(f"{where}: list_updates[{i}].id: no list {update.id!r} is in use; known: {', '.join(sorted(infos))} "
                            "(a new list goes under `lists:`)")
            continue
        if update.id in replaced:
            problems.append(f"{where}: list_updates[{i}].id: {update.id!r} is updated twice; keep one edition")
            continue
        path = base / update.file
        if not path.is_file():
            problems.append(f"{doc.where(('list_updates', i, 'file'))}: list_updates[{i}].file: {path} not found")
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if update.sha256 and update.sha256 != digest:
            problems.append(f"{doc.where(('list_updates', i, 'sha256'))}: list_updates[{i}].sha256: {path} has sha256 {digest}, "
                            f"not {update.sha256}: the file was changed after it was installed")
            continue
        old = infos[update.id]
        info = updated_info(old, update, digest)
        before = len(problems)
        entries = read_entities(info, path, problems, verify=False)
        if len(problems) > before:
            continue
        organisations, persons = split_persons(entries)
        if not organisations:
            problems.append(f"{where}: list_updates[{i}].file: {path} has no organisation to match")
            continue
        infos[update.id] = info
        replaced[update.id] = (organisations, persons)
        changes.append(f"list {update.id}: edition {old.edition} replaced by {update.edition} ({len(organisations)} entries, "
                       f"sha256 {digest[:12]}…, from {update.source}): {update.reason}")
    if not replaced:
        return lists, changes
    entities = [e for e in lists.entities if e.list_id not in replaced]
    people = [e for e in lists.persons if e.list_id not in replaced]
    for organisations, persons in replaced.values():
        entities += organisations
        people += persons
    return ListSet(lists=infos, entities=tuple(entities), not_covered=lists.not_covered, retrieved=lists.retrieved,
                   persons=tuple(people), registry=lists.registry), changes
