"""The one YAML loader every file goes through: the Norway problem, aliases, duplicates, positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from collabguard.errors import CollabguardError, InputError
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


# ---- nesting is checked while the file is read (issue 19): never a RecursionError, however deep


def _flow_sequences(depth: int) -> str:
    return "title: Sonar\nkeywords: " + "[" * depth + "]" * depth + "\n"


def _flow_mappings(depth: int) -> str:
    return "title: Sonar\nabstract: " + "{a: " * depth + "1" + "}" * depth + "\n"


def _block_mappings(depth: int) -> str:
    return "title: Sonar\nabstract:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(depth)) + " " * (depth + 1) + "end\n"


def _block_sequences(depth: int) -> str:
    return "title: Sonar\nkeywords:\n" + "".join("  " * i + "-\n" for i in range(depth)) + "  " * depth + "end\n"


NESTED = {"flow sequences": _flow_sequences, "flow mappings": _flow_mappings,
          "block mappings": _block_mappings, "block sequences": _block_sequences}
# each builds ``depth`` collections inside one another with a scalar in the innermost (the document itself is
# level 0); the 65th level is on the second line in flow style, 65 lines below "abstract:"/"keywords:" in block style
LINE_OF_65TH = {"flow sequences": 2, "flow mappings": 2, "block mappings": 67, "block sequences": 67}


@pytest.mark.parametrize(("style", "depth"), [("flow sequences", 10_000), ("flow mappings", 5_000),
                                              ("block mappings", 2_000), ("block sequences", 1_000),
                                              ("flow sequences", 65), ("block mappings", 65)])
def test_deep_nesting_in_either_style_is_the_64_level_error_at_the_65th_level(style: str, depth: int) -> None:
    with pytest.raises(InputError) as exc:
        loads_yaml(NESTED[style](depth), "p.yaml")
    assert str(exc.value) == f"p.yaml:{LINE_OF_65TH[style]}: nesting deeper than 64 levels"


@pytest.mark.parametrize("style", NESTED)
def test_64_levels_load_in_either_style(style: str) -> None:
    data = loads_yaml(NESTED[style](63), "p.yaml").data  # the document is one level, the value 63 more
    level = data["keywords" if "sequences" in style else "abstract"]
    for _ in range(62):
        level = level[0] if isinstance(level, list) else next(iter(level.values()))
    assert level is not None


@pytest.mark.parametrize("style", NESTED)
def test_the_loader_does_not_recurse_per_level(style: str) -> None:
    # 64 levels read with room for only a few dozen more frames on the stack: the events are read in a
    # loop, so the depth of the file costs no stack (a recursive composer needs two frames per level)
    import inspect
    import sys

    text = NESTED[style](63)
    for parse in (yaml_loader._fast_load, yaml_loader._pure_load):
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(len(inspect.stack(0)) + 60)
        try:
            doc = parse(text, "p.yaml")
        finally:
            sys.setrecursionlimit(limit)
        assert doc is not None and doc.data["title"] == "Sonar"


def _every_yaml_reader(tmp_path: Path, text: str) -> list[tuple[str, str, object]]:
    """Each reader of a YAML file collabguard has, on ``text``: (reader, the file's name, what it raised)."""
    from collabguard.decisions import load_decisions
    from collabguard.engine.answers import load_answers
    from collabguard.io.proposal_loader import load_proposal
    from collabguard.rules.groups import load_groups
    from collabguard.rules.policy import read_policy
    from collabguard.ruleset import load_ruleset
    from tests.conftest import RULES

    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    readers: dict[str, object] = {
        "proposal": lambda: load_proposal(path), "decisions": lambda: load_decisions(path),
        "answers": lambda: load_answers(path), "policy": lambda: read_policy(path), "country groups": lambda: load_groups(path),
        "rule pack": lambda: load_ruleset(RULES, packs=[path]),
    }
    import shutil

    for target in ("areas/au-ct.yaml", "lists/lists.yaml"):  # a taxonomy and the list manifest, in a rules folder
        rules = tmp_path / f"rules-{target.replace('/', '-')}"
        shutil.copytree(RULES, rules)
        shutil.copy(path, rules / target)
        readers[target] = lambda rules=rules: load_ruleset(rules)
    out: list[tuple[str, str, object]] = []
    for name, read in readers.items():
        file = name.rsplit("/", 1)[-1] if name.endswith(".yaml") else path.name
        try:
            read()  # type: ignore[operator]
            out.append((name, file, None))
        except Exception as exc:  # noqa: BLE001 - what each raised is the point
            out.append((name, file, exc))
    return out


@pytest.mark.parametrize("style", NESTED)
def test_every_yaml_reader_gives_the_depth_error(tmp_path: Path, style: str) -> None:
    depth = {"flow sequences": 10_000, "flow mappings": 5_000, "block mappings": 2_000, "block sequences": 1_000}[style]
    for reader, file, raised in _every_yaml_reader(tmp_path, NESTED[style](depth)):
        assert isinstance(raised, CollabguardError), f"{reader}: {raised!r}"
        assert f"{file}:{LINE_OF_65TH[style]}: nesting deeper than 64 levels" in str(raised), f"{reader}: {raised}"


def test_every_yaml_reader_refuses_a_number_too_long_to_read(tmp_path: Path) -> None:
    text = "title: Sonar\nduration_months: " + "9" * 5_000 + "\n"
    for reader, file, raised in _every_yaml_reader(tmp_path, text):
        assert isinstance(raised, CollabguardError), f"{reader}: {raised!r}"
        assert (f"{file}:2:18: duration_months: a number 5,000 digits long cannot be read (at most 4,300 digits)"
                in str(raised)), f"{reader}: {raised}"


@pytest.mark.parametrize(("text", "expected"), [
    ("id: " + "9" * 4_300 + "\n", int("9" * 4_300)),  # as long as Python reads
    ("id: '" + "9" * 5_000 + "'\n", "9" * 5_000),  # quoted: the text it is
    ("id: 1_000\n", 1000),
])
def test_numbers_up_to_4300_digits_load_and_quoted_digits_stay_text(text: str, expected: object) -> None:
    assert loads_yaml(text).data == {"id": expected}


@pytest.mark.parametrize("text", ["id: " + "9" * 4_301 + "\n", "partners:\n  - {name: A, rank: -" + "1" * 5_000 + "}\n"])
def test_a_longer_number_is_one_error_naming_its_place_and_field(text: str) -> None:
    with pytest.raises(InputError, match=r"^p\.yaml:\d+:\d+: (id|partners\[0\]\.rank): a number [\d,]+ digits long cannot be read"):
        loads_yaml(text, "p.yaml")
