"""An abbreviation that stands for several words is read as each ("Beijing Univ Chem Technol" is Beijing
University of Chemical Technology, though "Chem" is written out as chemistry): where the name as written out
finds nothing, at most ``possible``, the reason saying how it was read (issue #15: real Web of Science
addresses of listed bodies missed, "extra word 'chemistry'", "extra word 'science'")."""

from __future__ import annotations

import pytest

from collabguard.lists import load_lists
from collabguard.matching.abbreviation_readings import MAX_READINGS, abbreviation_readings
from collabguard.matching.matcher import Matcher
from collabguard.reference.report_text import reason as report_reason
from tests.conftest import RULES, names_only_matcher


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_lists(RULES / "lists"))


@pytest.mark.parametrize(("written", "readings"), [
    ("Beijing Univ Chem Technol", [("Beijing Univ chemical Technol", "'Chem' as 'chemical'")]),
    ("Lebedev Phys. Inst.", [("Lebedev physical. Inst.", "'Phys' as 'physical'")]),
    ("Inst Elect Engn", [("Inst electrical Engn", "'Elect' as 'electrical'"), ("Inst electric Engn", "'Elect' as 'electric'")]),
    # written out in full, or a word that only begins like an abbreviation: nothing to read otherwise
    ("Beijing University of Chemical Technology", []),
    ("Chemnitz University of Technology", []),
    ("Bank Melli Iran", []),
])
def test_an_abbreviation_is_read_as_each_other_word_it_stands_for(written: str, readings: list[tuple[str, str]]) -> None:
    assert [(r.text, r.said) for r in abbreviation_readings(written)] == readings


def test_fewest_changes_first_and_a_bounded_few() -> None:
    found = abbreviation_readings("Cent Sci Res Inst Chem & Mech")
    assert [r.changed for r in found] == [1, 1, 2]
    assert found[0].reason == "read with 'Sci' as 'scientific', another word the abbreviation stands for"
    assert found[2].reason == ("read with 'Sci' as 'scientific', 'Chem' as 'chemical', other words the abbreviations "
                               "stand for")
    assert len(abbreviation_readings("Sci Tech Elect Chem Phys Med Technol")) == MAX_READINGS


def test_technol_is_not_read_as_technological(matcher: Matcher) -> None:
    # Xi'an University of Technology (西安理工大学, "Xian Univ Technol") is not Xi'an Technological University
    # (西安工业大学, "Xian Technol Univ"), which the ASPI tracker and the NRO list carry
    assert abbreviation_readings("Xian Univ Technol") == []
    aspi = names_only_matcher("aspi-cdut")
    assert not any("abbreviation" in " ".join(c.reasons) for c in aspi.match("Xian Univ Technol", "CN"))


@pytest.mark.parametrize(("name", "country", "entity_id", "said"), [
    # Web of Science's address of a university the ASPI tracker rates (a think tank's rating, not a designation)
    ("Beijing Univ Chem Technol", "CN", "aspi-beijing-university-of-chemical-technology", "'Chem' as 'chemical'"),
    ("Coll Mat Sci & Engn, Beijing Univ Chem Technol, Beijing 100029, Peoples R China", None,
     "aspi-beijing-university-of-chemical-technology", "'Chem' as 'chemical'"),
    # TsNIIKhM, on the Entity List: "Sci" written out as science found nothing
    ("Cent Sci Res Inst Chem & Mech", "RU",
     "us-bis-entity-ru-federal-state-unitary-enterprise-central-scientific-research-institute-of-chemistry-and",
     "'Sci' as 'scientific'"),
    ("Federal State Enterprise Aleksinsky Chem Plant", "RU",
     "us-bis-entity-ru-federal-state-enterprise-aleksinsky-chemical-plant", "'Chem' as 'chemical'"),
])
def test_a_listed_body_abbreviated_is_asked_about(matcher: Matcher, name: str, country: str | None, entity_id: str,
                                                   said: str) -> None:
    found = {c.entity.entity_id: c for c in matcher.match(name, country)}
    assert entity_id in found, sorted(found)
    assert found[entity_id].decision == "possible"  # asked: the writer may have meant the other word
    assert any(r.startswith(f"read with {said}") and r.endswith("confirm it is the body meant")
               for r in found[entity_id].reasons), found[entity_id].reasons


@pytest.mark.parametrize(("name", "country"), [
    # real Web of Science addresses of bodies on no list, with abbreviations of several words
    ("Dept Chem Engn, Norwegian Univ Sci & Technol, Trondheim, Norway", None),
    ("Inst Elect Engn, Chinese Acad Sci, Beijing, Peoples R China", None),
    ("Sch Chem & Chem Engn, Shanghai Jiao Tong Univ, Shanghai 200240, Peoples R China", None),
    # a name of generic words stays one: "Inst Phys" is an institute of physics, not the Lebedev "Physical
    # Institute of the Russian Academy of Sciences"
    ("Inst Phys", "RU"),
    ("Kazan Fed Univ, Inst Phys, Kazan 420008, Russia", None),
])
def test_an_unlisted_body_abbreviated_is_not_flagged(matcher: Matcher, name: str, country: str | None) -> None:
    assert not any("another word the abbreviation stands for" in " ".join(c.reasons) or
                   "other words the abbreviations stand for" in " ".join(c.reasons)
                   for c in matcher.match(name, country))


def test_a_name_found_as_written_out_is_not_read_otherwise(matcher: Matcher) -> None:
    # "Phys" written out as physics finds the listed name: the other reading is not tried
    found = matcher.match("Southwest Inst Nucl Phys & Chem", "CN")
    assert found and not any("the abbreviation stands for" in " ".join(c.reasons) for c in found)


def test_the_reason_reads_in_bokmal() -> None:
    assert report_reason("read with 'Chem' as 'chemical', another word the abbreviation stands for: confirm it is "
                         "the body meant", "nb") == ("lest med 'Chem' som 'chemical', et annet ord forkortelsen står "
                                                     "for: bekreft at det er denne organisasjonen som menes")
    assert report_reason("read with 'Sci' as 'scientific', 'Chem' as 'chemical', other words the abbreviations stand "
                         "for: confirm it is the body meant", "nb").startswith(
        "lest med 'Sci' som 'scientific', 'Chem' som 'chemical', andre ord forkortelsene står for: bekreft")
