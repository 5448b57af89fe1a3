"""``collabguard lists install``: put a newer edition of a list in use into an office's policy file.

The edition's CSV is checked (collabguard's list schema, readable, at least one organisation), copied
beside the policy file as ``<id>-<edition>.csv``, and a ``list_updates`` entry with its sha256 and
provenance is written into the policy file (see :mod:`collabguard.lists.updates`). The policy is then
loaded with the rules: if anything is wrong, the policy file and the folder are left as they were.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from collabguard.errors import InputError, RuleFileError
from collabguard.io.atomic import write_text
from collabguard.lists.changes import ListChange, diff_lists
from collabguard.lists.loader import read_entities, split_persons
from collabguard.lists.model import ListInfo
from collabguard.rules.policy import read_policy

EMPTY_KEY = re.compile(r"^list_updates:\s*(\[\s*\])?\s*(#.*)?$")


@dataclass(frozen=True)
class Installed:
    list_id: str
    edition: str
    file: Path
    sha256: str
    entries: int
    persons: int
    previous_edition: str
    changes: list[ListChange]


def _entry(list_id: str, file: str, edition: str, source: str, digest: str, reason: str, published: str | None) -> list[str]:
    q = json.dumps  # a JSON string is a YAML double-quoted scalar
    lines = [f"- id: {list_id}", f"  file: {q(file)}", f"  edition: {q(edition)}"]
    if published:
        lines.append(f"  published: {q(published)}")
    return [*lines, f"  source: {q(source, ensure_ascii=False)}", f"  sha256: {digest}", f"  reason: {q(reason, ensure_ascii=False)}"]


def _with_entry(text: str, policy: Path, entry: list[str]) -> str:
    """The policy text with the entry first under ``list_updates`` (the key added at the end if absent)."""
    _, doc = read_policy(policy)
    lines = text.splitlines()
    if ("list_updates",) not in doc.positions:
        return text.rstrip("\n") + "\n\n# Newer editions of lists in use (collabguard lists install).\nlist_updates:\n" + "\n".join(
            _entry_lines(entry, "  ")) + "\n"
    if ("list_updates", 0) in doc.positions:
        line, col = doc.positions[("list_updates", 0)]
        indent = " " * max(col - 3, 0)
        return "\n".join(lines[: line - 1] + _entry_lines(entry, indent) + lines[line - 1:]) + "\n"
    line, _ = doc.positions[("list_updates",)]
    if not EMPTY_KEY.match(lines[line - 1]):
        raise InputError(f"{policy}:{line}: list_updates: write it as a block list (`list_updates:` then `- id: …` lines) "
                         "for lists install to add to it")
    return "\n".join(lines[: line - 1] + ["list_updates:"] + _entry_lines(entry, "  ") + lines[line:]) + "\n"


def _entry_lines(entry: list[str], indent: str) -> list[str]:
    return [indent + line for line in entry]


def install_edition(policy: Path, download: Path, list_id: str, edition: str, source: str, reason: str,
                    published: str | None = None, rules: Path | None = None) -> Installed:
    """Check ``download``, copy it beside ``policy`` and name it there as the new edition of ``list_id``."""
    from collabguard.ruleset import default_rules_dir, load_ruleset

    if not policy.is_file():
        raise InputError(f"{policy}: policy file not found (a policy file is where an office's list editions are recorded; "
                         "see examples/office/policy.yaml)")
    root = rules if rules is not None else default_rules_dir()
    current = load_ruleset(root, policy=policy)
    if list_id not in current.lists.lists:
        raise InputError(f"--id: no list {list_id!r} is in use; known: {', '.join(current.lists.lists)}")
    pol, doc = read_policy(policy)
    for i, update in enumerate(pol.list_updates):
        if update.id == list_id:
            raise InputError(f"{doc.where(('list_updates', i))}: {policy} already installs {list_id} edition {update.edition}; "
                             "remove that entry (and its file) first")
    old = current.lists.lists[list_id]
    raw = download.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    problems: list[str] = []
    entries = read_entities(ListInfo.model_validate({**old.model_dump(), "file": download.name, "sha256": digest}), download,
                            problems, verify=False)
    if problems:
        raise InputError(problems[0] + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    organisations, persons = split_persons(entries)
    if not organisations:
        raise InputError(f"{download}: no organisation to match: not an edition of {list_id}")
    target = policy.parent / f"{list_id}-{re.sub(r'[^A-Za-z0-9.-]+', '-', edition)}.csv"
    if target.exists() and target.read_bytes() != raw:
        raise InputError(f"{target}: a different file is there already; move it away first")
    old_path = next((p for p in (root / "lists" / old.file, policy.parent / old.file) if p.is_file()), None)
    changes = diff_lists(old_path, download) if old_path is not None else []
    original = policy.read_text(encoding="utf-8")
    copied = not target.exists()
    if copied:
        shutil.copyfile(download, target)
    try:
        write_text(_with_entry(original, policy, _entry(list_id, target.name, edition, source, digest, reason, published)), policy)
        load_ruleset(root, policy=policy)
    except (RuleFileError, InputError):
        write_text(original, policy)
        if copied:
            target.unlink(missing_ok=True)
        raise
    return Installed(list_id, edition, target, digest, len(organisations), len(persons), old.edition, changes)
