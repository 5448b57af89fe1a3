"""The letters a listed name is written with at its start or end ("K Logistics (China) Limited"), which the
normaliser leaves out as initials: which count (see collabguard.matching.listed_letters)."""

from __future__ import annotations

import pytest

from collabguard.matching.listed_letters import letter_keys, names_letters, own_letters


@pytest.mark.parametrize(("listed", "letters"), [
    ("K Logistics (China) Limited", "k"), ("A R Sales Private Ltd", "ar"),
    ("D B C Makina Sanayi Ve Ticaret Anonim Sirketi", "dbc"), ("Shetab G", "g"), ("I JET GLOBAL DMCC", "i"),
    ("M/S TROJANS", ""),  # "M/S": Messrs, not the name's letters
    ("PAO Aviatsionny Kompleks IM. S.V. Ilyushin a", ""),  # an eponym's initials with full stops; "a" in lower case
    ("Andrey V Gromadskih", ""),  # a middle initial
    ("E and I Systems FZE", ""),  # letters joined by "and" are read as one word
    ("Harbin Institute of Technology", ""),
])
def test_the_letters_a_listed_name_is_written_with(listed: str, letters: str) -> None:
    assert own_letters(listed) == letters


@pytest.mark.parametrize(("name", "letters", "named"), [
    ("AR Sales Pvt Ltd", "ar", True), ("A R Sales", "ar", True), ("A.R. Sales", "ar", True),
    ("Sales Private Limited", "ar", False), ("Logistics Hong Kong", "k", False), ("K Logistics", "k", True),
])
def test_a_name_carries_the_letters_joined_apart_or_with_full_stops(name: str, letters: str, named: bool) -> None:
    assert names_letters(name, letters) is named


@pytest.mark.parametrize(("listed", "norm", "keys"), [
    ("A R Sales Private Ltd", "sales private", ["ar sales private", "arsales private"]),
    ("I JET GLOBAL DMCC", "jet global dmcc", ["i jet global dmcc", "ijet global dmcc"]),
    ("Shetab G", "shetab", ["shetab g"]),
    ("Harbin Institute of Technology", "harbin institute technology", []),
])
def test_a_listed_name_is_also_found_as_names_keeping_its_letters_write_it(listed: str, norm: str,
                                                                           keys: list[str]) -> None:
    assert letter_keys(listed, norm) == keys


def test_letters_joined_to_the_next_listed_word_count() -> None:
    assert names_letters("IJet Global DMCC", "i", "I JET GLOBAL DMCC")
    assert not names_letters("Jet Global DMCC", "i", "I JET GLOBAL DMCC")
