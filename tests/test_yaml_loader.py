"""The one YAML loader every file goes through: the Norway problem, aliases, duplicates, positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from collabguard.errors import InputError
from collabguard.io import yaml_loader
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


# libyaml parses first; the pure-Python loader is the reference (see the module docstring)

def _pure(text: str) -> object:
    try:
        doc = yaml_loader._pure_load(text, "p.yaml")
    except InputError as exc:
        return str(exc)
    return doc.data, doc.positions


def _typed(x: object) -> object:
    if isinstance(x, dict):
        return {k: _typed(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_typed(v) for v in x]
    return (type(x).__name__, x)


def _loaded(text: str) -> object:
    try:
        doc = loads_yaml(text, "p.yaml")
    except InputError as exc:
        return str(exc)
    return doc.data, doc.positions


REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("path", sorted(p for d in ("rules", "examples", "src/collabguard") for p in (REPO / d).rglob("*.yaml")),
                         ids=lambda p: str(p.relative_to(REPO)))
def test_libyaml_gives_every_shipped_file_exactly_as_the_pure_python_loader(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    fast = yaml_loader._fast_load(text, "p.yaml")
    assert fast is not None  # the fast path serves the files collabguard ships
    pure = _pure(text)
    assert not isinstance(pure, str)
    assert (_typed(fast.data), fast.positions) == (_typed(pure[0]), pure[1])


@pytest.mark.parametrize("text", [
    "a:\tb\n", "a: b\t# c\n", "a: [b,\tc]\n",  # libyaml accepts these tabs, the pure-Python loader does not
    "a: [Research? Council]\n", "a: {name: b?c}\n",  # nor "?" inside a plain scalar of a flow collection
    "a: {b: f\ufeffalse, c: 1}\n",  # a byte-order mark inside the text: libyaml counts columns differently
    "a: &x [1]\nb: *x\n", "a: &x x\nb: [*x]\n", "a: &a [*a]\n",  # aliases
    "a: 1\na: 2\n", "a: !foo 1\n", "a: [1\n", "- a\n- " + "[" * 70 + "]" * 70 + "\n",
    "a: [b ?c]\n", "a: {? b : c}\n", "a: b\rc: d\r", "a: b\x85c: d\n", "question: Is it? Yes.\n", "",
])
def test_what_libyaml_and_the_pure_python_loader_see_differently_goes_to_the_pure_python_loader(text: str) -> None:
    expected = _pure(text)
    got = _loaded(text)
    if isinstance(expected, str):
        assert got == expected
    else:
        assert not isinstance(got, str)
        assert (_typed(got[0]), got[1]) == (_typed(expected[0]), expected[1])
