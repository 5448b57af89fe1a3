"""Load a rules folder: rule packs, lists, technology areas and country groups.

Every problem in every file is collected and reported at once as ``file:line:col: message``
(cfn-lint style), so a rule author fixes a file in one pass.
"""

from __future__ import annotations

import hashlib
import string
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from collabguard.areas.taxonomy import AreaCatalog, load_catalog
from collabguard.errors import CollabguardError, RuleFileError
from collabguard.io.yaml_loader import YamlDocument, load_yaml
from collabguard.lists import ListSet, load_lists
from collabguard.matching.matcher import Matcher
from collabguard.models.proposal import Proposal
from collabguard.rules.conditions import Node, parse
from collabguard.rules.groups import CountryGroup, load_groups
from collabguard.rules.schema import PackFile, PackInfo, Rule

NON_PACK_FILES = {"groups.yaml"}
EXAMPLE_KEYS = {"case", "blocking", "confirmed"}
PLACEHOLDERS = {"subjects", "entities", "lists", "areas", "countries", "codes", "fields", "framework"}


@dataclass
class LoadedRule:
    rule: Rule
    condition: Node
    pack: PackInfo


@dataclass
class LoadedPack:
    info: PackInfo
    rules: list[LoadedRule]
    path: Path
    sha256: str
    doc: YamlDocument
    example_base: dict[str, Any]


@dataclass
class RuleSet:
    """Everything a screening needs, loaded and validated once."""

    root: Path
    packs: list[LoadedPack]
    lists: ListSet
    catalog: AreaCatalog
    groups: dict[str, CountryGroup]
    lists_sha256: dict[str, str] = field(default_factory=dict)

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher(self.lists)

    def pack(self, pack_id: str) -> LoadedPack:
        for p in self.packs:
            if p.info.id == pack_id:
                return p
        raise KeyError(pack_id)


def deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Example proposals: mappings merge key by key, anything else replaces."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _fmt(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _check_template(text: str | None, where: str, problems: list[str]) -> None:
    if not text:
        return
    try:
        names = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
    except ValueError as exc:
        problems.append(f"{where}: bad template: {exc}")
        return
    unknown = names - PLACEHOLDERS
    if unknown:
        problems.append(f"{where}: unknown placeholder(s) {', '.join('{' + u + '}' for u in sorted(unknown))}; "
                        f"known: {', '.join('{' + p + '}' for p in sorted(PLACEHOLDERS))}")


def _load_pack(path: Path, known: dict[str, set[str]], problems: list[str], seen_ids: dict[str, str]) -> LoadedPack | None:
    try:
        doc = load_yaml(path, "rule pack")
    except CollabguardError as exc:
        problems.append(str(exc))
        return None
    try:
        parsed = PackFile.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(f"{doc.where(tuple(err['loc']))}: {_fmt(tuple(err['loc']))}: {err['msg']}")
        return None
    rules: list[LoadedRule] = []
    for i, rule in enumerate(parsed.rules):
        base = ("rules", i)
        if rule.id in seen_ids:
            problems.append(f"{doc.where(base + ('id',))}: duplicate rule id {rule.id!r} (also in {seen_ids[rule.id]})")
        seen_ids[rule.id] = str(path)
        if rule.guideline.framework != parsed.pack.id:
            problems.append(f"{doc.where(base + ('guideline', 'framework'))}: guideline.framework must be the pack id {parsed.pack.id!r}")
        if rule.kind == "flag" and not rule.message:
            problems.append(f"{doc.where(base)}: rule {rule.id}: a flag rule needs a 'message'")
        if rule.kind == "question" and not rule.question:
            problems.append(f"{doc.where(base)}: rule {rule.id}: a question rule needs a 'question'")
        if rule.blocking and rule.kind == "question":
            problems.append(f"{doc.where(base + ('blocking',))}: rule {rule.id}: a question cannot be blocking")
        _check_template(rule.message, doc.where(base + ("message",)), problems)
        _check_template(rule.question, doc.where(base + ("question",)), problems)
        cond_problems: list[tuple[tuple[Any, ...], str]] = []
        node = parse(rule.when, base + ("when",), cond_problems, known)
        for loc, msg in cond_problems:
            problems.append(f"{doc.where(loc)}: {_fmt(loc)}: {msg}")
        for kind in ("must_fire", "must_not_fire"):
            for j, example in enumerate(getattr(rule.examples, kind)):
                loc = base + ("examples", kind, j)
                data = deep_merge(parsed.example_base, {k: v for k, v in example.items() if k not in EXAMPLE_KEYS})
                try:
                    Proposal.model_validate(data)
                except ValidationError as exc:
                    for err in exc.errors():
                        eloc = loc + tuple(err["loc"])
                        problems.append(f"{doc.where(eloc)}: {_fmt(eloc)}: {err['msg']}")
        if node is not None:
            rules.append(LoadedRule(rule, node, parsed.pack))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return LoadedPack(parsed.pack, rules, path, digest, doc, parsed.example_base)


def load_ruleset(root: Path, packs: list[Path] | None = None) -> RuleSet:
    """Load ``root`` (lists/, areas/, groups.yaml and every pack) or only the given pack files."""
    if not root.is_dir():
        raise CollabguardError(f"{root}: rules folder not found")
    problems: list[str] = []
    lists = catalog = None
    groups: dict[str, CountryGroup] = {}
    try:
        lists = load_lists(root / "lists")
    except RuleFileError as exc:
        problems += exc.problems
    try:
        catalog = load_catalog(root / "areas")
    except RuleFileError as exc:
        problems += exc.problems
    try:
        groups = load_groups(root / "groups.yaml")
    except RuleFileError as exc:
        problems += exc.problems
    if problems or lists is None or catalog is None:
        raise RuleFileError(problems)
    known = {"lists": set(lists.lists), "groups": set(groups), "areas": set(catalog.areas)}
    files = packs if packs is not None else sorted(p for p in root.glob("*.yaml") if p.name not in NON_PACK_FILES)
    if not files:
        raise RuleFileError([f"{root}: no rule packs (*.yaml) found"])
    loaded: list[LoadedPack] = []
    seen_ids: dict[str, str] = {}
    seen_packs: dict[str, Path] = {}
    for path in files:
        pack = _load_pack(path, known, problems, seen_ids)
        if pack is None:
            continue
        if pack.info.id in seen_packs:
            problems.append(f"{pack.doc.where(('pack', 'id'))}: duplicate pack id {pack.info.id!r} (also {seen_packs[pack.info.id]})")
        seen_packs[pack.info.id] = path
        loaded.append(pack)
    if problems:
        raise RuleFileError(problems)
    shas = {info.id: info.sha256 for info in lists.lists.values()}
    return RuleSet(root, loaded, lists, catalog, groups, shas)
