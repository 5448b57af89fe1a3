"""Load a rules folder: rule packs, lists, technology areas and country groups.

Every problem in every file is collected and reported at once as ``file:line:col: message``
(cfn-lint style), so a rule author fixes a file in one pass.
"""

from __future__ import annotations

import hashlib
import string
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from collabguard.areas.taxonomy import AreaCatalog, load_catalog
from collabguard.errors import CollabguardError, RuleFileError
from collabguard.io.pydantic_errors import error_message, field_path
from collabguard.io.yaml_loader import YamlDocument, load_yaml
from collabguard.lists import ListSet, load_lists
from collabguard.matching.matcher import Matcher
from collabguard.models.proposal import Proposal
from collabguard.models.report import ListVersion, PackVersion, PolicyVersion, Versions
from collabguard.rules.conditions import NATIONALITY_PREDICATES, Node, parse, uses
from collabguard.rules.groups import CountryGroup, load_groups
from collabguard.rules.policy import apply_groups, load_own_lists, policy_pack_info, policy_version, read_policy
from collabguard.rules.schema import PackFile, PackInfo, Rule
from collabguard.version import __version__

NON_PACK_FILES = {"groups.yaml"}
EXAMPLE_KEYS = {"case", "blocking", "confirmed", "asks"}
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
    policy: PolicyVersion | None = None
    policy_path: Path | None = None

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher(self.lists)

    @cached_property
    def entity_keys(self) -> set[tuple[str, str]]:
        """(list id, entity id) of every entry in use."""
        return {(e.list_id, e.entity_id) for e in self.lists.entities}

    @cached_property
    def entry_counts(self) -> dict[str, int]:
        return dict(Counter(e.list_id for e in self.lists.entities))

    @cached_property
    def taxonomy_labels(self) -> list[str]:
        return [f"{t.id} ({t.title}, {t.version})" for t in self.catalog.taxonomies.values()]

    @cached_property
    def versions(self) -> Versions:
        """Tool, packs, lists, taxonomies (with sha256) and matcher settings: computed once."""
        taxonomies = []
        for path in sorted((self.root / "areas").glob("*.yaml")):
            version = next((t.version for t in self.catalog.taxonomies.values() if t.id == path.stem), "")
            taxonomies.append(PackVersion(id=path.stem, version=version, sha256=hashlib.sha256(path.read_bytes()).hexdigest()))
        return Versions(
            tool=__version__,
            packs=[PackVersion(id=p.info.id, version=p.info.version, sha256=p.sha256) for p in self.packs],
            lists=[ListVersion(id=i.id, edition=i.edition, sha256=i.sha256) for i in self.lists.lists.values()],
            taxonomies=taxonomies,
            matcher=self.matcher.config,
            policy=self.policy,
        )

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


def example_data(example_base: dict[str, Any], rule_id: str, kind: str, index: int, example: dict[str, Any]) -> dict[str, Any]:
    """An example proposal: the pack's ``example_base`` with the example's fields merged in."""
    data = deep_merge(example_base, {k: v for k, v in example.items() if k not in EXAMPLE_KEYS})
    data.setdefault("id", f"{rule_id}-{kind}-{index}")
    return data


def _check_template(text: str | None, where: str, label: str, problems: list[str]) -> None:
    if not text:
        return
    try:
        names = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
    except ValueError as exc:
        problems.append(f"{where}: {label}: bad template: {exc}")
        return
    unknown = names - PLACEHOLDERS
    if unknown:
        problems.append(f"{where}: {label}: unknown placeholder(s) {', '.join('{' + u + '}' for u in sorted(unknown))}; "
                        f"known: {', '.join('{' + p + '}' for p in sorted(PLACEHOLDERS))}")


def _pydantic_problems(doc: YamlDocument, prefix: tuple[Any, ...], exc: ValidationError, problems: list[str]) -> None:
    for err in exc.errors():
        loc = prefix + tuple(err["loc"])
        problems.append(f"{doc.where(loc)}: {field_path(loc)}: {error_message(err)}")


def _check_rule(doc: YamlDocument, i: int, raw: Any, pack: PackInfo | None, example_base: dict[str, Any],
                known: dict[str, set[str]], problems: list[str], seen_ids: dict[str, str], path: Path) -> LoadedRule | None:
    """Validate one rule; every problem is collected, and the condition is checked even when
    other fields of the rule are wrong, so one pass shows everything."""
    base = ("rules", i)
    rule: Rule | None = None
    try:
        rule = Rule.model_validate(raw)
    except ValidationError as exc:
        _pydantic_problems(doc, base, exc, problems)
    node = None
    if isinstance(raw, dict) and "when" in raw:
        cond_problems: list[tuple[tuple[Any, ...], str]] = []
        node = parse(raw["when"], base + ("when",), cond_problems, known)
        for loc, msg in cond_problems:
            problems.append(f"{doc.where(loc)}: {field_path(loc)}: {msg}")
    if rule is None:
        return None
    if rule.id in seen_ids:
        problems.append(f"{doc.where(base + ('id',))}: duplicate rule id {rule.id!r} (also in {seen_ids[rule.id]})")
    seen_ids[rule.id] = str(path)
    if pack is not None and rule.guideline.framework != pack.id:
        problems.append(f"{doc.where(base + ('guideline', 'framework'))}: guideline.framework must be the pack id {pack.id!r}")
    if rule.kind == "flag" and not rule.message:
        problems.append(f"{doc.where(base)}: rule {rule.id}: a flag rule needs a 'message'")
    if rule.kind == "question" and not rule.question:
        problems.append(f"{doc.where(base)}: rule {rule.id}: a question rule needs a 'question'")
    if rule.blocking and rule.kind == "question":
        problems.append(f"{doc.where(base + ('blocking',))}: rule {rule.id}: a question cannot be blocking")
    if node is not None and not rule.legal_gate and uses(node, NATIONALITY_PREDICATES):
        problems.append(f"{doc.where(base + ('when',))}: rule {rule.id}: nationality may only be used by a legal gate "
                        "defined by it (mark the rule legal_gate: true); risk rules use affiliations, funding and partners")
    _check_template(rule.message, doc.where(base + ("message",)), f"rules[{i}].message", problems)
    _check_template(rule.question, doc.where(base + ("question",)), f"rules[{i}].question", problems)
    for lang, text in rule.translations.items():
        for key in ("message", "question"):
            where = base + ("translations", lang, key)
            _check_template(getattr(text, key), doc.where(where), f"rules[{i}].translations.{lang}.{key}", problems)
    for kind in ("must_fire", "must_not_fire"):
        for j, example in enumerate(getattr(rule.examples, kind)):
            try:
                Proposal.model_validate(example_data(example_base, rule.id, kind, j, example))
            except ValidationError as exc:
                _pydantic_problems(doc, base + ("examples", kind, j), exc, problems)
    if node is None or pack is None:
        return None
    return LoadedRule(rule, node, pack)


def _load_pack(path: Path, known: dict[str, set[str]], problems: list[str], seen_ids: dict[str, str]) -> LoadedPack | None:
    try:
        doc = load_yaml(path, "rule pack")
    except CollabguardError as exc:
        problems.append(str(exc))
        return None
    data = doc.data
    if not isinstance(data, dict):
        problems.append(f"{path}:1:1: a rule pack is a mapping with schema_version, pack and rules")
        return None
    before = len(problems)
    # the header first (rules left raw), then every rule on its own
    header: PackFile | None = None
    try:
        header = PackFile.model_validate(data)
    except ValidationError as exc:
        _pydantic_problems(doc, (), exc, problems)
    pack = header.pack if header is not None else None
    example_base = data.get("example_base") if isinstance(data.get("example_base"), dict) else {}
    rules = [
        r for i, raw in enumerate(data.get("rules") or [])
        if (r := _check_rule(doc, i, raw, pack, example_base, known, problems, seen_ids, path)) is not None
    ]
    if pack is None or len(problems) > before:
        return None
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return LoadedPack(pack, rules, path, digest, doc, example_base)


def load_ruleset(root: Path, packs: list[Path] | None = None, policy: Path | None = None) -> RuleSet:
    """Load ``root`` (lists/, areas/, groups.yaml and every pack) or only the given pack files, with
    an institution's ``policy`` file on top (see :mod:`collabguard.rules.policy`)."""
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
    overlay = read_policy(policy) if policy is not None else None
    changes: list[str] = []
    if overlay is not None:
        pol, pdoc = overlay
        groups, group_changes = apply_groups(pol, pdoc, groups, problems)
        own, list_changes = load_own_lists(pol, pdoc, policy.parent, set(lists.lists), problems)  # type: ignore[union-attr]
        if own is not None:
            lists = ListSet(lists={**lists.lists, **own.lists}, entities=lists.entities + own.entities,
                            not_covered=lists.not_covered, retrieved=lists.retrieved)
        changes += group_changes + list_changes
    known = {"lists": set(lists.lists), "groups": set(groups), "catalog": catalog}
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
    if overlay is not None:
        changes += _overlay_rules(overlay[0], overlay[1], policy, loaded, known, problems, seen_ids, seen_packs)  # type: ignore[arg-type]
    if problems:
        raise RuleFileError(problems)
    version = policy_version(overlay[0], policy, changes) if overlay is not None and policy is not None else None
    return RuleSet(root, loaded, lists, catalog, groups, version, policy.resolve() if policy is not None else None)


def _overlay_rules(pol: Any, doc: YamlDocument, path: Path, loaded: list[LoadedPack], known: dict[str, Any],
                   problems: list[str], seen_ids: dict[str, str], seen_packs: dict[str, Path]) -> list[str]:
    """The policy's own rules (a pack that always applies), then its severity changes and disabled
    rules, in place; the changes in words."""
    changes: list[str] = []
    info = policy_pack_info(pol.policy)
    if info.id in seen_packs:
        problems.append(f"{doc.where(('policy', 'id'))}: policy.id: {info.id!r} is the id of a pack ({seen_packs[info.id]})")
    own = [r for i, raw in enumerate(doc.data.get("rules") or [])
           if (r := _check_rule(doc, i, raw, info, pol.example_base, known, problems, seen_ids, path)) is not None]
    if own:
        loaded.append(LoadedPack(info, own, path, hashlib.sha256(path.read_bytes()).hexdigest(), doc, pol.example_base))
        changes += [f"rule {r.rule.id}: added ({r.rule.title})" for r in own]
    where = {lr.rule.id: (p, j) for p in loaded for j, lr in enumerate(p.rules)}
    for i, change in enumerate(pol.severity):
        if change.rule not in where:
            problems.append(f"{doc.where(('severity', i, 'rule'))}: severity[{i}].rule: unknown rule {change.rule!r}")
            continue
        p, j = where[change.rule]
        old = p.rules[j].rule
        if old.severity_from == "matches":
            problems.append(f"{doc.where(('severity', i, 'rule'))}: severity[{i}].rule: {change.rule} takes its severity from "
                            "the list that matched (severity_from: matches), which a policy cannot set; add an own rule "
                            "instead, or disable this one with a reason")
            continue
        p.rules[j] = LoadedRule(old.model_copy(update={"severity": change.severity, "severity_from": "rule"}),
                                p.rules[j].condition, p.rules[j].pack)
        changes.append(f"rule {change.rule}: severity {old.severity} -> {change.severity} ({change.reason})")
    for i, off in enumerate(pol.disable):
        if off.rule not in where:
            problems.append(f"{doc.where(('disable', i, 'rule'))}: disable[{i}].rule: unknown rule {off.rule!r}")
            continue
        p, j = where[off.rule]
        p.rules[j] = LoadedRule(p.rules[j].rule.model_copy(update={"status": "disabled"}), p.rules[j].condition, p.rules[j].pack)
        changes.append(f"rule {off.rule}: disabled ({off.reason})")
    return changes
