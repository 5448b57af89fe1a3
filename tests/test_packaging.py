"""Packaging: the declared minimum versions are the ones scripts/check_minimums.sh installs
(constraints-min.txt), and the package finds its rules with no symlink in the source tree."""

from __future__ import annotations

import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from collabguard.shipped import shipped_rules_dir
from tests.conftest import REPO


def _declared() -> dict[str, Requirement]:
    """Every requirement in pyproject.toml: the build backend, the dependencies and every extra."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    lines = list(project["build-system"]["requires"]) + list(project["project"]["dependencies"])
    for extra in project["project"].get("optional-dependencies", {}).values():
        lines += extra
    requirements = [Requirement(line) for line in lines]
    return {canonicalize_name(r.name): r for r in requirements}


def _pins() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for number, raw in enumerate((REPO / "constraints-min.txt").read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        assert sep and name.strip() and version.strip(), f"constraints-min.txt:{number}: not 'name==version': {raw!r}"
        pins[canonicalize_name(name.strip())] = Version(version.strip())
    return pins


def _lower_bound(requirement: Requirement) -> Version | None:
    bounds = [Version(s.version) for s in requirement.specifier if s.operator == ">="]
    return bounds[0] if len(bounds) == 1 else None


def test_every_dependency_declares_one_lower_bound() -> None:
    missing = [str(r) for r in _declared().values() if _lower_bound(r) is None]
    assert not missing, f"give these a single '>=' lower bound in pyproject.toml: {missing}"


def test_the_lower_bounds_are_the_pins_in_constraints_min() -> None:
    declared, pins = _declared(), _pins()
    assert sorted(pins) == sorted(declared), (
        "constraints-min.txt pins exactly the requirements of pyproject.toml (build backend, dependencies, extras): "
        f"not pinned {sorted(set(declared) - set(pins))}, pinned but not declared {sorted(set(pins) - set(declared))}")
    drift = {name: (str(r), f"=={pins[name]}") for name, r in declared.items() if _lower_bound(r) != pins[name]}
    assert not drift, f"pyproject.toml lower bound and constraints-min.txt pin differ: {drift}"


def test_each_pin_satisfies_its_declared_range() -> None:
    pins = _pins()
    outside = [str(r) for name, r in _declared().items() if name in pins and not r.specifier.contains(pins[name], prereleases=True)]
    assert not outside, f"the pins in constraints-min.txt fall outside these ranges: {outside}"


def test_the_source_tree_has_no_symlink() -> None:
    # a checkout without symlinks (as on Windows) must build the same wheel: the rules are copied at build time
    links = [str(p.relative_to(REPO)) for p in (REPO / "src").rglob("*") if p.is_symlink()]
    assert not links, f"symlinks in src/: {links}"


def test_the_shipped_rules_are_found() -> None:
    found = shipped_rules_dir()
    assert (found / "groups.yaml").is_file(), found
    assert (found / "lists" / "lists.yaml").is_file(), found
    packaged = found.parent.name == "collabguard" and found.name == "shipped_rules"  # installed from a wheel or sdist
    assert packaged or found == REPO / "rules", found


def test_the_notice_names_every_shipped_list_and_its_licence() -> None:
    """NOTICE names each shipped dataset's source and licence (issue 16): a list added to the manifest
    without its entry in NOTICE fails here."""
    import yaml

    root = REPO
    notice = (root / "NOTICE").read_text(encoding="utf-8")
    manifest = yaml.safe_load((root / "rules" / "lists" / "lists.yaml").read_text(encoding="utf-8"))
    shipped = [entry for entry in manifest["lists"] if "file" in entry]
    assert shipped
    for entry in shipped:
        assert f"- {entry['id']} ({entry['file']})" in notice
        assert entry["licence"] in notice
    assert "Apache License" in (root / "LICENSE").read_text(encoding="utf-8")
