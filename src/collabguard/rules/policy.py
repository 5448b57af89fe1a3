"""An institution's own policy on top of the shipped frameworks (``policy.yaml``).

A policy file can add the institution's own rules (same format as a pack's rules; they always
apply), change a rule's severity, disable a rule, extend or add country groups, add the
institution's own lists, and put a newer edition of a list in use in place of the shipped one. Every change needs a reason, and every change is recorded: in the report's
``versions.policy`` and in ``collabguard rules list --policy FILE``. Errors name file, line and
field, all at once::

    schema_version: 1
    policy: {id: no-ntnu-policy, title: ..., owner: ..., version: "2026.1", date: "2026-10-01", url: ...}
    severity:
      - {rule: CG-NO-COUNTRY-001, severity: medium, reason: "..."}
    disable:
      - {rule: CG-NO-TRAVEL-001, reason: "..."}
    extend_groups:
      - {group: us-fcoc, add: [HK, MO], reason: "..."}
    groups: {}            # new groups, in the format of rules/groups.yaml
    lists:                # own lists: CSV files in the shipped list schema, next to the policy file
      - {id: ntnu-watch, file: watch.csv, title: ..., publisher: ..., url: ..., edition: "2026-10-01",
         meaning: ..., severity: high}
    list_updates:         # a newer edition of a list in use, same id (collabguard.lists.updates)
      - {id: ca-nro, file: ca-nro-2026-01-15.csv, edition: "2026-01-15", source: ..., reason: ...}
    example_base: {}      # as in a pack
    rules: []             # as in a pack; guideline.framework is the policy id
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from collabguard.errors import CollabguardError, RuleFileError
from collabguard.io.pydantic_errors import error_message, field_path
from collabguard.io.yaml_loader import YamlDocument, load_yaml
from collabguard.lists.loader import read_entities, split_persons
from collabguard.lists.model import Entity, ListInfo, ListSet, SeverityTable
from collabguard.lists.updates import ListUpdate
from collabguard.models.common import Severity
from collabguard.models.report import PolicyVersion
from collabguard.rules.groups import CountryGroup
from collabguard.rules.schema import PACK_ID_PATTERN, AppliesWhen, PackInfo, _codes


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PolicyInfo(_Strict):
    id: str = Field(pattern=PACK_ID_PATTERN, description="e.g. no-ntnu-policy (country code, then a name)")
    title: str = Field(min_length=1)
    owner: str = Field(min_length=1, description="who keeps the policy (office, committee)")
    version: str = Field(min_length=1)
    date: str = Field(min_length=1, description="when this version was adopted")
    url: str = Field(pattern=r"^https?://", description="where staff read the policy")
    description: str = ""


class SeverityChange(_Strict):
    rule: str
    severity: Severity
    reason: str = Field(min_length=1)


class Disable(_Strict):
    rule: str
    reason: str = Field(min_length=1)


class GroupExtension(_Strict):
    group: str
    add: Annotated[list[str], AfterValidator(_codes)] = Field(min_length=1)
    reason: str = Field(min_length=1)


class OwnList(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    file: str
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    url: str = Field(min_length=1)
    edition: str = Field(min_length=1)
    meaning: str = Field(min_length=1, description="what being on the list means, in the institution's words")
    severity: Severity = "high"
    kind: Literal["institutions", "companies", "programmes"] = "institutions"


class PolicyFile(_Strict):
    schema_version: Literal[1]
    policy: PolicyInfo
    severity: list[SeverityChange] = Field(default_factory=list)
    disable: list[Disable] = Field(default_factory=list)
    extend_groups: list[GroupExtension] = Field(default_factory=list)
    groups: dict[str, CountryGroup] = Field(default_factory=dict)
    lists: list[OwnList] = Field(default_factory=list)
    list_updates: list[ListUpdate] = Field(default_factory=list, description=(
        "newer editions of lists in use, under the same id (collabguard.lists.updates): every rule naming the list uses them"))
    example_base: dict[str, Any] = Field(default_factory=dict)
    rules: list[Any] = Field(default_factory=list)


def read_policy(path: Path) -> tuple[PolicyFile, YamlDocument]:
    """The policy file, validated as a whole: every problem at once as file:line:col."""
    try:
        doc = load_yaml(path, "policy file")
    except CollabguardError as exc:
        raise RuleFileError([str(exc)]) from None
    try:
        return PolicyFile.model_validate(doc.data), doc
    except ValidationError as exc:
        raise RuleFileError([f"{doc.where(tuple(e['loc']))}: {field_path(tuple(e['loc']))}: {error_message(e)}"
                             for e in exc.errors()]) from None


def policy_pack_info(policy: PolicyInfo) -> PackInfo:
    """The policy's own rules form a pack that always applies (the institution's own rules)."""
    return PackInfo(id=policy.id, title=policy.title, publisher=policy.owner, url=policy.url,
                    version=policy.version, guideline_version=policy.date, accessed=policy.date, binding="mandatory",
                    description=policy.description or "The institution's own policy.", applies_when=AppliesWhen(always=True))


def apply_groups(policy: PolicyFile, doc: YamlDocument, groups: dict[str, CountryGroup],
                 problems: list[str]) -> tuple[dict[str, CountryGroup], list[str]]:
    """Groups with the policy's extensions and new groups; the changes, in words."""
    out = dict(groups)
    changes = []
    for i, ext in enumerate(policy.extend_groups):
        if ext.group not in out:
            problems.append(f"{doc.where(('extend_groups', i, 'group'))}: extend_groups[{i}].group: unknown country group "
                            f"{ext.group!r}; known: {', '.join(sorted(out))}")
            continue
        g = out[ext.group]
        added = [c for c in ext.add if c not in g.countries]
        out[ext.group] = g.model_copy(update={"countries": [*g.countries, *added],
                                              "why": f"{g.why} Extended by {policy.policy.id}: {ext.reason}".strip()})
        changes.append(f"group {ext.group}: added {', '.join(added) or 'nothing new'} ({ext.reason})")
    for name, group in policy.groups.items():
        if name in out:
            problems.append(f"{doc.where(('groups', name))}: groups.{name}: a group {name!r} exists already; "
                            "use extend_groups to add countries to it")
            continue
        out[name] = group
        changes.append(f"group {name}: new, {len(group.countries)} countries ({group.source})")
    return out, changes


def load_own_lists(policy: PolicyFile, doc: YamlDocument, base: Path, known: set[str],
                   problems: list[str]) -> tuple[ListSet | None, list[str]]:
    """The institution's own lists, read like shipped lists (provenance from the policy file)."""
    infos: dict[str, ListInfo] = {}
    entities: list[Entity] = []
    persons: list[Entity] = []
    changes: list[str] = []
    for i, own in enumerate(policy.lists):
        where = doc.where(("lists", i))
        if own.id in known or own.id in infos:
            problems.append(f"{where}: lists[{i}].id: a list {own.id!r} exists already")
            continue
        path = base / own.file
        if not path.is_file():
            problems.append(f"{doc.where(('lists', i, 'file'))}: lists[{i}].file: {path} not found")
            continue
        info = ListInfo(id=own.id, file=own.file, sha256=hashlib.sha256(path.read_bytes()).hexdigest(), title=own.title,
                        publisher=own.publisher, url=own.url, edition=own.edition, copy_of=str(path), licence="institution's own",
                        kind=own.kind, complete=True, meaning=own.meaning, severity=SeverityTable(default=own.severity))
        before = len(problems)
        found = read_entities(info, path, problems, verify=False)
        if len(problems) == before:
            organisations, people = split_persons(found)
            infos[own.id] = info
            entities += organisations
            persons += people
            changes.append(f"list {own.id}: {len(organisations)} entries from {own.file} ({own.title}, {own.edition})")
    return (ListSet(lists=infos, entities=tuple(entities), persons=tuple(persons)) if infos else None), changes


def policy_version(policy: PolicyFile, path: Path, changes: list[str]) -> PolicyVersion:
    return PolicyVersion(id=policy.policy.id, title=policy.policy.title, version=policy.policy.version,
                         date=policy.policy.date, sha256=hashlib.sha256(path.read_bytes()).hexdigest(), changes=changes)
