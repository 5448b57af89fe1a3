"""Units and subsidiaries of listed organisations (issue #15 item 2): reported ``possible`` with the
reason "part of listed organisation …", never ``match`` on the parent; never for a name that only
shares a place or a generic word with a listed one; a listed unit is still matched as itself.
Real names: the issue's examples, ROR records (CC0) and public affiliation lines."""

from __future__ import annotations

import pytest

from collabguard.matching.candidates import Candidate
from collabguard.matching.parts import PART_OF, lexicon
from collabguard.ruleset import RuleSet


def found(ruleset: RuleSet, name: str, country: str | None) -> dict[str, Candidate]:
    return {c.entity.list_id: c for c in ruleset.matcher.match(name, country)}


@pytest.mark.parametrize(("name", "country", "list_id", "parent", "unit"), [
    # "<unit> of LISTED"
    ("The Ningbo Institute of Northwestern Polytechnical University", "CN", "aspi-cdut",
     "Northwestern Polytechnical University", "ningbo institute"),
    ("Qingdao Innovation and Development Center of Harbin Engineering University", "CN", "aspi-cdut",
     "Harbin Engineering University", "qingdao innovation development center"),
    ("The 28th Research Institute of China Electronics Technology Group Corporation", "CN", "aspi-cdut",
     "China Electronics Technology Group Corporation", "28 research institute"),
    ("Qilu Hospital of Shandong University", "CN", "aspi-cdut", "Shandong University", "qilu hospital"),  # ROR 056ef9489
    # "LISTED's Nth Research Institute", and a listed acronym with an ordinal
    ("China Electronics Technology Group Corporation's 28th Research Institute", "CN", "us-dod-1260h",
     "China Electronics Technology Group Corporation", "28 research institute"),
    ("CETC 28th Research Institute", "CN", "aspi-cdut", "China Electronics Technology Group Corporation",
     "28 research institute"),
    # "LISTED <unit>", and a campus in a Chinese city
    ("Beihang University Hangzhou Innovation Institute", "CN", "aspi-cdut", "Beihang University",
     "hangzhou innovation institute"),
    ("Harbin Institute of Technology Shenzhen Graduate School", "CN", "ca-nro", "Harbin Institute of Technology",
     "shenzhen graduate school"),  # ROR 00hwfqh10
    ("Beijing Institute of Technology Zhuhai", "CN", "aspi-cdut", "Beijing Institute of Technology", "zhuhai"),
    # "<unit> LISTED" without a comma
    ("Key Laboratory of Photoelectronic Imaging Technology and System Beijing Institute of Technology", "CN",
     "aspi-cdut", "Beijing Institute of Technology", "key laboratory photoelectronic imaging technology system"),
    ("Xiangya Hospital Central South University", "CN", "aspi-cdut", "Central South University", "xiangya hospital"),
    # a company named by a listed group's name in another country: the country differing does not demote it
    ("Huawei Technologies Sweden AB", "SE", "us-dod-1260h", "Huawei Technologies Co., Ltd.", "sweden ab"),
])
def test_a_unit_of_a_listed_body_is_possible_and_says_whose_part_it_is(
        ruleset: RuleSet, name: str, country: str, list_id: str, parent: str, unit: str) -> None:
    cand = found(ruleset, name, country)[list_id]
    assert (cand.decision, cand.entity.name) == ("possible", parent)
    assert cand.features["matched"] == PART_OF and cand.features["unit"] == unit
    assert any(r.startswith(f"{PART_OF} {parent!r}") for r in cand.reasons), cand.reasons


def test_a_subsidiary_abroad_keeps_its_country_in_the_reasons(ruleset: RuleSet) -> None:
    cand = found(ruleset, "Huawei Technologies Sweden AB", "SE")["us-dod-1260h"]
    assert cand.features["country"] == "differs"
    assert "country SE differs from the listed CN, as a subsidiary's abroad does" in cand.reasons


@pytest.mark.parametrize(("name", "country", "not_parent"), [
    # a place and generic words in common, another body
    ("Beijing University of Technology", "CN", "Beijing Institute of Technology"),
    ("Hong Kong University of Science and Technology", "HK", "University of Science and Technology of China"),
    ("Sichuan University of Science and Engineering", "CN", "Sichuan University"),  # the name runs on with "of"
    ("Shanghai Universities E-Institute for Chemical Biology", "CN", "Shanghai University"),  # ROR 03h7eyw97: plural
    ("Northeastern University Khoury College", "US", "Northeastern University"),  # Boston: the country differs
    ("Continental AG", "DE", "Continental Aerospace Technologies, Inc."),  # a word of a listed company's name, no subsidiary
    ("Institute of Plasma Physics", "CN", "JSC Plasma"),  # a one-word name left by a legal form is no name to find
])
def test_a_name_sharing_only_places_or_generic_words_is_no_part(ruleset: RuleSet, name: str, country: str,
                                                               not_parent: str) -> None:
    assert all(c.entity.name != not_parent for c in ruleset.matcher.match(name, country))


def test_a_listed_unit_is_still_matched_as_itself_and_its_parent_asked_about(ruleset: RuleSet) -> None:
    by_list = found(ruleset, "14th Research Institute of CETC", "CN")
    assert (by_list["us-dod-1260h"].decision, by_list["us-dod-1260h"].entity.name) == ("match", "14th Research Institute of CETC")
    assert by_list["aspi-cdut"].decision == "possible"  # ASPI lists CETC, not its institute
    assert by_list["aspi-cdut"].features["matched"] == PART_OF


def test_a_parent_is_still_not_its_listed_unit(ruleset: RuleSet) -> None:
    # US 1286 lists a defence laboratory *at* Central South University, not the university
    assert "us-dod-1286" not in found(ruleset, "Central South University", "CN")


def test_an_address_line_still_names_the_organisation_itself(ruleset: RuleSet) -> None:
    # "Department, LISTED, City": the affiliation is the listed body (unchanged): match, not part of
    cand = found(ruleset, "School of Optics and Photonics, Beijing Institute of Technology, Beijing 100081, China", None)["aspi-cdut"]
    assert (cand.decision, cand.entity.name) == ("match", "Beijing Institute of Technology")


def test_the_words_that_name_a_unit_come_from_a_versioned_data_file() -> None:
    lex = lexicon()
    assert lex.version and {"institute", "laboratory", "hospital", "center"} <= lex.units
    assert {"ab", "gmbh"} & lex.legal_abroad == {"ab"}  # GmbH is dropped by the normaliser already
