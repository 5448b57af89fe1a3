"""The one YAML loader every file goes through: the Norway problem, aliases, duplicates, positions."""

from __future__ import annotations

import pytest

from collabguard.errors import InputError
from collabguard.io.yaml_loader import loads_yaml


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("country: NO", "NO"),  # YAML 1.1 would make this False
        ("country: no", "no"),
        ("answer: yes", "yes"),
        ("answer: off", "off"),
        ("version: 2026.10", "2026.10"),  # stays the string it looks like, not 2026.1
        ("code: 3A001", "3A001"),
        ("flag: true", True),
        ("flag: false", False),
        ("count: 12", 12),
        ("date: 2026-01-01", "2026-01-01"),
        ("quoted: 'true'", "true"),
        ("empty:", None),
    ],
)
def test_scalars_load_as_written(text: str, expected: object) -> None:
    assert loads_yaml(text).data == {text.split(":")[0]: expected}


def test_norway_inside_a_list_of_partners_stays_norway() -> None:
    doc = loads_yaml("partners:\n  - {name: NTNU, country: NO}\n  - {name: Aalto, country: FI}\n")
    assert [p["country"] for p in doc.data["partners"]] == ["NO", "FI"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a: &x [1, 2]\nb: *x\n", "aliases"),
        ('a: &a ["lol","lol"]\nb: &b [*a,*a,*a]\nc: [*b,*b,*b]\n', "aliases"),  # billion laughs
        ("a: 1\na: 2\n", "duplicate key 'a'"),
        ("a: !!python/object:os.system 1\n", "custom YAML tag"),
        ("a: !include other.yaml\n", "custom YAML tag"),
        ("base: {x: 1}\nb:\n  <<: {x: 2}\n", "merge keys"),
        ("a: [1\n", "invalid YAML"),
        ("? [1, 2]\n: x\n", "mapping keys must be plain text"),
    ],
)
def test_unsafe_or_broken_yaml_is_refused_with_its_position(text: str, problem: str) -> None:
    with pytest.raises(InputError) as exc:
        loads_yaml(text, "p.yaml")
    assert problem in str(exc.value)
    assert str(exc.value).startswith("p.yaml:")


def test_positions_point_at_keys_and_items() -> None:
    doc = loads_yaml("title: X\npartners:\n  - name: A\n    country: Narnia\n", "p.yaml")
    assert doc.where(("partners", 0, "country")) == "p.yaml:4:5"
    assert doc.where(("partners", 0, "nonexistent")) == "p.yaml:3:5"  # deepest known node
