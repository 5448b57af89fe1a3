"""The composition root: a rules folder (packs, lists, technology areas, country groups) and an
institution's policy assembled into the :class:`RuleSet` every screening uses, with its matcher and
versions. Loaded once per process (:func:`get_ruleset`); the rule language itself lives in
:mod:`collabguard.rules`.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from collabguard.areas.taxonomy import AreaCatalog, load_catalog
from collabguard.errors import CollabguardError, InputError, RuleFileError
from collabguard.lists import ListSet, load_lists
from collabguard.lists.institutions import Institution, link_institutions
from collabguard.lists.updates import apply_list_updates
from collabguard.matching.matcher import Matcher
from collabguard.models.report import ListVersion, PackVersion, PolicyVersion, Versions
from collabguard.reference.lexicons import lexicon_versions
from collabguard.rules.conditions import Known
from collabguard.rules.groups import CountryGroup, load_groups
from collabguard.rules.loader import NON_PACK_FILES, LoadedPack, load_pack, overlay_rules
from collabguard.rules.policy import apply_groups, load_own_lists, policy_version, read_policy
from collabguard.version import __version__

RULES_ENV = "COLLABGUARD_RULES"
POLICY_ENV = "COLLABGUARD_POLICY"


def default_rules_dir() -> Path:
    """``$COLLABGUARD_RULES``, else the rules shipped with the package."""
    env = os.environ.get(RULES_ENV)
    if env:
        return Path(env)
    from collabguard.shipped import shipped_rules_dir

    return shipped_rules_dir()


def default_policy() -> Path | None:
    """``$COLLABGUARD_POLICY`` when set: the institution's policy every command applies."""
    env = os.environ.get(POLICY_ENV)
    return Path(env) if env else None


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
    def institutions(self) -> dict[tuple[str, str], Institution]:
        """Entries of different lists that name the same body (lists/institutions.py)."""
        return link_institutions(self.lists.entities)

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
        """Tool, packs, lists, taxonomies (with sha256), matcher settings and word lists: computed once."""
        taxonomies = []
        for path in sorted((self.root / "areas").glob("*.yaml")):
            version = next((t.version for t in self.catalog.taxonomies.values() if t.id == path.stem), "")
            taxonomies.append(PackVersion(id=path.stem, version=version, sha256=hashlib.sha256(path.read_bytes()).hexdigest()))
        return Versions(
            tool=__version__,
            packs=[PackVersion(id=p.info.id, version=p.info.version, sha256=p.sha256) for p in self.packs],
            lists=[ListVersion(id=i.id, edition=i.edition, sha256=i.sha256) for i in self.lists.lists.values()]
            + [ListVersion(id=r.id, edition=r.edition, sha256=r.sha256) for r in self.lists.registry],  # ROR names
            taxonomies=taxonomies,
            matcher=self.matcher.config,
            lexicons=lexicon_versions(),
            policy=self.policy,
        )

    def pack(self, pack_id: str) -> LoadedPack:
        for p in self.packs:
            if p.info.id == pack_id:
                return p
        raise KeyError(pack_id)



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
    if overlay is not None and policy is not None:
        pol, pdoc = overlay
        groups, group_changes = apply_groups(pol, pdoc, groups, problems)
        own, list_changes = load_own_lists(pol, pdoc, policy.parent, set(lists.lists), problems)
        if own is not None:
            lists = ListSet(lists={**lists.lists, **own.lists}, entities=lists.entities + own.entities,
                            not_covered=lists.not_covered, retrieved=lists.retrieved, persons=lists.persons + own.persons,
                            registry=lists.registry)
        lists, update_changes = apply_list_updates(pol.list_updates, pdoc, policy.parent, lists, problems)
        changes += group_changes + list_changes + update_changes
    known: Known = {"lists": set(lists.lists), "groups": set(groups), "catalog": catalog}
    files = packs if packs is not None else sorted(p for p in root.glob("*.yaml") if p.name not in NON_PACK_FILES)
    if not files:
        raise RuleFileError([f"{root}: no rule packs (*.yaml) found"])
    loaded: list[LoadedPack] = []
    seen_ids: dict[str, str] = {}
    seen_packs: dict[str, Path] = {}
    for path in files:
        pack = load_pack(path, known, problems, seen_ids)
        if pack is None:
            continue
        if pack.info.id in seen_packs:
            problems.append(f"{pack.doc.where(('pack', 'id'))}: duplicate pack id {pack.info.id!r} (also {seen_packs[pack.info.id]})")
        seen_packs[pack.info.id] = path
        loaded.append(pack)
    if overlay is not None and policy is not None:
        changes += overlay_rules(overlay[0], overlay[1], policy, loaded, known, problems, seen_ids, seen_packs)
    if problems:
        raise RuleFileError(problems)
    version = policy_version(overlay[0], policy, changes) if overlay is not None and policy is not None else None
    return RuleSet(root, loaded, lists, catalog, groups, version, policy.resolve() if policy is not None else None)




@lru_cache(maxsize=8)
def _cached(root: str, policy: str | None, stamp: float) -> RuleSet:
    return load_ruleset(Path(root), policy=Path(policy) if policy else None)


def get_ruleset(rules: Path | str | None = None, policy: Path | str | None = None) -> RuleSet:
    """The rules folder (default: :func:`default_rules_dir`) with an institution's policy on top,
    loaded once per process; reloaded when the policy file or a file beside it (its own lists) changes."""
    root = Path(rules) if rules is not None else default_rules_dir()
    if policy is None:
        return _cached(str(root.resolve()), None, 0.0)
    path = Path(policy).resolve()
    if not path.is_file():
        raise InputError(f"{policy}: policy file not found")
    stamp = max(p.stat().st_mtime for p in path.parent.iterdir() if p.is_file())
    return _cached(str(root.resolve()), str(path), stamp)
