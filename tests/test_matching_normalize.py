"""Normalisation and splitting on the paths the matcher takes first: a name of one part, and the words a quick
search lets through untouched (the slower rewrites run only where their trigger is in the name)."""

from __future__ import annotations

import pytest

from collabguard.matching.normalize import segments, tokens
from collabguard.ruleset import RuleSet


@pytest.mark.parametrize(("name", "parts"), [
    ("Harbin Institute of Technology", ["Harbin Institute of Technology"]),
    ("  Harbin   Institute of Technology ", ["Harbin Institute of Technology"]),
    ("Harbin Inst. Technol.", ["Harbin Inst. Technol.", "Harbin Inst. Technol"]),  # and without the final stop
    (".", ["."]),
    ("Beihang University (BUAA)", ["Beihang University (BUAA)", "Beihang University", "BUAA"]),
    ("Dept Phys, Tsinghua Univ", ["Dept Phys, Tsinghua Univ", "Dept Phys", "Tsinghua Univ"]),
    ("Rosatom - VNIIEF", ["Rosatom - VNIIEF", "Rosatom", "VNIIEF"]),
    ("Rosatom | VNIIEF", ["Rosatom | VNIIEF", "Rosatom", "VNIIEF"]),
    ("Rosatom|VNIIEF", ["Rosatom|VNIIEF"]),  # a bar within a word splits nothing
    ("Rosatom-VNIIEF", ["Rosatom-VNIIEF"]),  # nor a hyphen
    ("NPO/Mash", ["NPO/Mash", "NPO", "Mash"]),
])
def test_parts_of_a_name(name: str, parts: list[str]) -> None:
    assert segments(name) == parts


@pytest.mark.parametrize(("name", "words"), [
    ("Nanjing University of Aeronautics andAstronautics", ("nanjing", "university", "aeronautics", "astronautics")),
    ("University ofTianjin", ("university", "tianjin")),
    ("NANJING UNIV AERONAUT & ASTRONAUT", ("nanjing", "university", "aeronautics", "astronautics")),
    ("Defense S&T Key Laboratory", ("defense", "science", "technology", "key", "laboratory")),
    ("Defense S and T Key Laboratory", ("defense", "science", "technology", "key", "laboratory")),
    ("Chengdu M&S Electronics Technology", ("chengdu", "ms", "electronic", "technology")),
    ("E and I Systems FZE", ("ei", "system", "fze")),
    ("P. N. Lebedev Physical Institute", ("lebedev", "physical", "institute")),
    ("Institute of Physics", ("institute", "physics")),
    ("lnstitute of Artificial lntelligence", ("institute", "artificial", "intelligence")),
])
def test_words_of_a_name(name: str, words: tuple[str, ...]) -> None:
    assert tokens(name) == words


def test_results_a_caller_changes_leave_the_next_answer_alone(ruleset: RuleSet) -> None:
    """A list's result of nothing is one object for all queries inside the matcher: what a caller gets is its own."""
    matcher = ruleset.matcher
    first = matcher.results("Harbin Institute of Technology", "CN")
    for result in first:
        result.best = None
        result.rejected = None
        result.list_id = "changed"
    again = matcher.results("Harbin Institute of Technology", "CN")
    assert "changed" not in {r.list_id for r in again}
    assert any(r.best is not None and r.best.decision == "match" for r in again)
    nothing = matcher.results("Norwegian University of Science and Technology", "NO")
    assert all(r.best is None or r.best.decision == "none" for r in nothing)
    assert {r.list_id for r in nothing} == {r.list_id for r in again}
