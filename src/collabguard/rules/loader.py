"""Load and check rule packs (the rule language's files) and a policy's own rules.

The rule set a screening uses (packs with lists, areas, groups and the matcher) is assembled in
:mod:`collabguard.ruleset`. Every problem in every file is collected and reported at once as ``file:line:col: message``
(cfn-lint style), so a rule author fixes a file in one pass.
"""

from __future__ import annotations

import hashlib
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from collabguard.errors import CollabguardError
from collabguard.io.pydantic_errors import error_message, field_path
from collabguard.io.yaml_loader import YamlDocument, load_yaml
from collabguard.models.proposal import Proposal
from collabguard.rules.conditions import NATIONALITY_PREDICATES, Known, Node, parse, uses
from collabguard.rules.policy import policy_pack_info
from collabguard.rules.schema import PackFile, PackInfo, Rule

NON_PACK_FILES = {"groups.yaml"}
EXAMPLE_KEYS = {"case", "blocking", "confirmed", "asks"}
PLACEHOLDERS = {"subjects", "entities", "lists", "areas", "countries", "codes", "fields", "framework"}


@dataclass
class LoadedRule:
    rule: Rule
    condition: Node
    pack: PackInfo
    # what screenings derive from the rule alone (its report texts per language: engine/findings.py),
    # built on first use and kept with the rule instead of being rebuilt at every firing
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class LoadedPack:
    info: PackInfo
    rules: list[LoadedRule]
    path: Path
    sha256: str
    doc: YamlDocument
    example_base: dict[str, Any]


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
                known: Known, problems: list[str], seen_ids: dict[str, str], path: Path) -> LoadedRule | None:
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


def load_pack(path: Path, known: Known, problems: list[str], seen_ids: dict[str, str]) -> LoadedPack | None:
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
    raw_base = data.get("example_base")
    example_base: dict[str, Any] = raw_base if isinstance(raw_base, dict) else {}
    rules = [
        r for i, raw in enumerate(data.get("rules") or [])
        if (r := _check_rule(doc, i, raw, pack, example_base, known, problems, seen_ids, path)) is not None
    ]
    if pack is None or len(problems) > before:
        return None
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return LoadedPack(pack, rules, path, digest, doc, example_base)


def overlay_rules(pol: Any, doc: YamlDocument, path: Path, loaded: list[LoadedPack], known: Known,
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
