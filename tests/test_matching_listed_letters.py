"""The letters a listed name is written with at its start or end ("K Logistics (China) Limited"), which the
normaliser leaves out as initials: which count (see collabguard.matching.listed_letters)."""

from __future__ import annotations

import pytest

from collabguard.matching.listed_letters import letter_keys, letters_joined, names_letters, own_letters
from collabguard.matching.normalize import normalize
from collabguard.reference.report_text import reason as report_reason
from collabguard.ruleset import RuleSet
from tests.conftest import names_only_matcher


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


@pytest.mark.parametrize(("name", "joined"), [
    ("D B C Makina Sanayi Ve Ticaret Anonim Sirketi", ("DBC Makina Sanayi Ve Ticaret Anonim Sirketi", "D B C")),
    ("A R Sales Private Ltd", ("AR Sales Private Ltd", "A R")),
    ("K Logistics (China) Limited", None),  # one letter: kept as a word already
    ("P.N. Lebedev Physical Institute", None),  # initials with full stops are a person's
    ("E and I Systems FZE", None),
    ("Harbin Institute of Technology", None),
])
def test_a_name_written_with_its_letters_apart_is_read_with_them_joined(
        name: str, joined: tuple[str, str] | None) -> None:
    found = letters_joined(name)
    assert (found and (found.text, found.letters)) == joined


@pytest.mark.parametrize(("name", "country", "listed"), [
    # the Entity List's alias and another of its names: before, the letters were left out as a person's
    # initials and "Makina Sanayi ve Ticaret" found only another Turkish company as a near miss
    ("D B C Makina Sanayi Ve Ticaret Anonim Sirketi", "TR", "DBC Makina Sanayi ve Ticaret A.S."),
    ("A R Sales Private Ltd", "IN", "AR Sales Pvt Ltd."),
])
def test_a_listed_name_joining_its_letters_is_found_by_a_name_writing_them_apart(name: str, country: str,
                                                                                  listed: str) -> None:
    found = names_only_matcher("us-bis-entity").match(name, country)
    assert found and (found[0].entity.name, found[0].decision) == (listed, "match")
    assert f"read with the letters {letters_joined(name).letters!r} joined" in " ".join(found[0].reasons)  # type: ignore[union-attr]
    assert report_reason(found[0].reasons[1], "nb").startswith("lest med bokstavene")


@pytest.mark.parametrize(("name", "read"), [
    ("Angstrem-T", "angstremt"), ("Angstrem-M", "angstremm"), ("Stroytransgaz-M LLC", "stroytransgazm"),
    ("Angstrem", "angstrem"),
    ("Sepah-e Pasdaran", "sepah pasdaran"), ("Lashkar-e-Taiba", "lashkar taiba"),  # the Persian and Urdu ezafe
    ("Kh-555", "kh 555"),
])
def test_a_letter_hyphened_to_the_end_of_a_word_is_part_of_it(name: str, read: str) -> None:
    assert normalize(name) == read


@pytest.mark.parametrize(("name", "listed"), [
    # three companies of the Entity List: before, each was "the same name" as Angstrem-T
    ("Angstrem-M", "Angstrem-M"), ("Joint Stock Company Angstrem", "Joint Stock Company Angstrem"),
    ("Angstrem-T", "Joint Stock Company Angstrem-T"), ("Stroytransgaz-M LLC", "Stroytransgaz-M LLC"),
])
def test_companies_told_apart_by_a_hyphened_letter_are_found_as_themselves(ruleset: RuleSet, name: str, listed: str) -> None:
    found = [c for c in ruleset.matcher.match(name, "RU") if c.entity.list_id == "us-bis-entity"]
    assert found and (found[0].entity.name, found[0].decision) == (listed, "match")
