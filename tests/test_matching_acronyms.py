"""Acronyms: derived the way institutions abbreviate themselves, and never more than ``possible``;
one that fits several listed entries names them all instead of being dropped."""

from __future__ import annotations

import pytest

from collabguard.matching.index import derived_acronyms
from collabguard.matching.matcher import Matcher
from tests.conftest import names_only_matcher


@pytest.mark.parametrize(("name", "acronym", "not_acronym"), [
    ("Hunan University", "HNU", "HAU"),  # hu-nan: a syllable inside a word starts with a consonant
    ("Xi'an Technological University", "XATU", None),  # the apostrophe separates xi and an
    ("Yangtze Memory Technologies Co., Ltd.", "YMTC", None),  # "Co." gives a letter ...
    ("Contemporary Amperex Technology Co., Ltd.", "CAT", None),  # ... or none
    ("China Three Gorges Corporation", "CTG", None),  # a final "Corporation" may be left out
    ("China Communications Construction Company Limited", "CCCC", None),
    ("China Electronics Technology Group Corporation", "CETGC", "CCETGC"),  # "China" is not pinyin
])
def test_derived_acronyms_of_chinese_institutions_and_companies(name: str, acronym: str, not_acronym: str | None) -> None:
    found = derived_acronyms(name, chinese=True)
    assert acronym in found
    assert not_acronym not in found


def _names_only(*entity_ids: str) -> Matcher:
    """Real entries of the shipped ASPI list with their aliases and acronyms taken away, so that only
    acronyms derived from the names can match."""
    return names_only_matcher("aspi-cdut", entity_ids)


def test_an_acronym_that_fits_two_listed_entries_names_both() -> None:
    matcher = _names_only("aspi-harbin-institute-of-technology", "aspi-heilongjiang-institute-of-technology")
    [found] = matcher.match("HIT", "CN")
    fits = {found.entity.name, *(e.name for e in found.also)}
    assert found.decision == "possible"
    assert fits == {"Harbin Institute of Technology", "Heilongjiang Institute of Technology"}
    assert found.features["ambiguous"] == "fits 2 entries of this list"
    assert any("confirm which, if any, is meant" in r for r in found.reasons)


def test_an_ambiguous_acronym_from_another_country_is_not_reported() -> None:
    matcher = _names_only("aspi-harbin-institute-of-technology", "aspi-heilongjiang-institute-of-technology")
    assert matcher.match("HIT", "NO") == []


def test_an_acronym_that_fits_one_entry_names_no_others() -> None:
    matcher = _names_only("aspi-hunan-university", "aspi-harbin-institute-of-technology")
    [found] = matcher.match("HNU", "CN")
    assert (found.entity.name, found.decision, found.also) == ("Hunan University", "possible", [])


def test_an_acronym_alias_with_a_slash_is_an_acronym_not_a_name(ruleset) -> None:  # type: ignore[no-untyped-def]
    # bug: the NRO alias "A/SEU" of Space Engineering University normalised to "seu" and made the
    # acronym SEU (Southeast University's) an exact-name *match* for Space Engineering University
    for found in ruleset.matcher.match("SEU", "CN"):
        assert found.decision == "possible"
        assert found.features["matched"] != "exact alias"
    [found] = ruleset.matcher.match("A/SEU", "CN", lists=["ca-nro"])
    assert (found.entity.name, found.decision, found.features["matched"]) == ("Space Engineering University", "possible", "acronym")


@pytest.mark.parametrize(("name", "acronym"), [("Peking University", "PKU"), ("Tsinghua University", "THU")])
def test_acronyms_of_names_in_older_romanisations(name: str, acronym: str) -> None:
    assert acronym in derived_acronyms(name, chinese=True)


def test_a_listed_acronym_of_another_country_does_not_silence_a_derived_one(ruleset) -> None:  # type: ignore[no-untyped-def]
    # ARI is listed for Iran's Aerospace Research Institute; in China it reads as the Army Research Institute
    found = {c.entity.name for c in ruleset.matcher.match("ARI", "CN", lists=["ca-nro"])}
    assert found == {"Army Research Institute"}


def test_no_acronym_is_derived_from_a_name_too_long_to_have_one() -> None:
    """A 200,000-character name in a list CSV made the pinyin reading of its one huge word run for
    minutes (issue 19): such a name gets no derived acronym; an ordinary one still does."""
    from collabguard.matching.index import derived_acronyms

    assert derived_acronyms("Zhongguo" * 25_000, chinese=True) == []
    assert derived_acronyms("Chongqing University", chinese=True) == ["CQU"]
