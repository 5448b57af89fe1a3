"""The names ROR gives list entries, in matching (issue #15 item 1): a display name or label only ROR
knows is a ``match`` with its provenance in the reason; ROR's aliases (former and informal names,
which another body may bear today), acronyms and generic names stay ``possible``; a ROR child
of a linked record is ``possible``, "part of listed organisation …", never a match on the parent; a
partner given with a ROR id matches the linked entry by the identifier."""

from __future__ import annotations

from pathlib import Path

import pytest

from collabguard.engine.screen import build_context
from collabguard.errors import RuleFileError
from collabguard.lists import load_lists
from collabguard.lists.loader import load_list_file
from collabguard.lists.model import ListSet, RegistryName
from collabguard.matching.matcher import Matcher
from collabguard.models.proposal import Proposal
from collabguard.ruleset import RuleSet
from tests.conftest import RULES


@pytest.fixture(scope="module")
def without_ror() -> Matcher:
    return Matcher(load_lists(RULES / "lists", registry_names=False))


def _best(matcher: Matcher, name: str, country: str | None, **kw: str) -> dict[str, tuple[str, str, str]]:
    return {c.entity.list_id: (c.decision, c.entity.name, "; ".join(c.reasons)) for c in matcher.match(name, country, **kw)}


@pytest.mark.parametrize(("query", "list_id", "entity", "decision", "provenance"), [
    # former names ROR keeps as aliases: found, but a question, since a former name may be another body's now
    ("Nanjing College of Aviation Industry", "us-dod-1286", "Nanjing University of Aeronautics and Astronautics", "possible",
     "via ROR alias 'Nanjing College of Aviation Industry' (https://ror.org/01scyh794, ROR release v1.54, data of 2026-06-23)"),
    ("Ninth Institute of Second Ministry of Mechanical Industry", "aspi-cdut", "Chinese Academy of Engineering Physics", "possible",
     "via ROR alias 'Ninth Institute of Second Ministry of Mechanical Industry' (https://ror.org/039vqpp67"),
    ("Beijing Institute of Geology", "aspi-cdut", "China University of Geosciences (Wuhan)", "possible",
     "ROR's aliases include former and informal names, which another body may use today: confirm"),
    # a label in the local script that none of the lists gives: the body's own name in its language
    ("中国核工业集团公司", "us-dod-1260h", "China National Nuclear Corporation", "match",
     "via ROR label '中国核工业集团公司' (https://ror.org/01d5ymp84"),
])
def test_a_name_only_ror_knows_is_found_and_says_where_it_came_from(
        ruleset: RuleSet, without_ror: Matcher, query: str, list_id: str, entity: str, decision: str, provenance: str) -> None:
    assert _best(ruleset.matcher, query, "CN")[list_id][:2] == (decision, entity)
    assert provenance in _best(ruleset.matcher, query, "CN")[list_id][2]
    assert without_ror_decision(without_ror, query, list_id) == "none"  # the lists alone do not find it


def without_ror_decision(matcher: Matcher, query: str, list_id: str) -> str:
    return _best(matcher, query, "CN").get(list_id, ("none", "", ""))[0]


def test_an_acronym_from_ror_stays_possible(ruleset: RuleSet) -> None:
    decision, name, reasons = _best(ruleset.matcher, "BUAA", "CN")["us-dod-1286"]
    assert (decision, name) == ("possible", "Beihang University")
    assert "an acronym alone never confirms an identity" in reasons and "via ROR acronym 'BUAA'" in reasons


def test_a_generic_name_from_ror_never_makes_a_match(ruleset: RuleSet) -> None:
    listed = next(e for e in ruleset.lists.entities if e.entity_id == "aspi-beihang-university")
    assert listed.registry is not None
    generic = RegistryName(text="Institute of Physics", kind="alias", record_id=listed.registry.ror_id, release="v1.0")
    entity = listed.model_copy(update={"registry": listed.registry.model_copy(update={"names": (generic,)})})
    matcher = Matcher(ListSet(lists={"aspi-cdut": ruleset.lists.lists["aspi-cdut"]}, entities=(entity,)))
    (cand,) = matcher.match("Institute of Physics", "CN")
    assert cand.decision == "possible" and "generic name" in cand.reasons[0]


@pytest.mark.parametrize(("query", "list_id", "parent", "child"), [
    ("State Key Laboratory of Virology", "aspi-cdut", "Wuhan University", "https://ror.org/05sqd2v93"),
    ("病毒学国家重点实验室", "aspi-cdut", "Wuhan University", "https://ror.org/05sqd2v93"),
    ("天目山实验室", "us-dod-1286", "Beihang University", "https://ror.org/03smwa682"),
])
def test_a_ror_child_of_a_listed_organisation_is_possible_part_of_it_never_a_match(
        ruleset: RuleSet, query: str, list_id: str, parent: str, child: str) -> None:
    found = _best(ruleset.matcher, query, "CN")
    decision, name, reasons = found[list_id]
    assert (decision, name) == ("possible", parent)
    assert f"part of listed organisation {parent!r}" in reasons and f"ROR record {child}" in reasons
    assert all(d != "match" for d, _, _ in found.values())


def test_the_linked_entries_carry_their_identifiers(ruleset: RuleSet) -> None:
    by_id = {e.entity_id: e for e in ruleset.lists.entities}
    beihang = by_id["aspi-beihang-university"]
    assert (beihang.ror, beihang.wikidata) == ("https://ror.org/00wk2mp56", "Q2299797")
    # ASPI lists China Academy of Space Technology as an alias of CASC: ROR's names of that record come
    # with the alias, but CAST's identifiers are not CASC's
    casc = by_id["aspi-china-aerospace-science-and-technology-corporation"]
    assert casc.registry is not None and (casc.registry.linked_on, casc.ror) == ("alias", "")


def test_a_partner_given_with_a_ror_id_matches_the_linked_entry(ruleset: RuleSet) -> None:
    proposal = Proposal.model_validate({
        "id": "P-1", "title": "Flight control", "partners": [
            {"name": "BH Flight Control Group", "country": "CN", "ror": "https://ror.org/00wk2mp56"},
            {"name": "BH Flight Control Group", "country": "CN"}]})
    by_id, by_name = build_context(proposal, ruleset).subjects[:2]
    matched = {c.entity.list_id: c for c in by_id.matches}
    assert {lid for lid, c in matched.items() if c.decision == "match"} >= {"aspi-cdut", "ca-nro", "us-dod-1286", "us-bis-entity"}
    assert "the partner's ROR id https://ror.org/00wk2mp56 is this entry's" in matched["aspi-cdut"].reasons[0]
    assert by_name.matches == []  # the name alone says nothing


def test_a_partner_ror_id_that_is_mistyped_is_refused() -> None:
    with pytest.raises(ValueError, match="'00wk2mp57' is not a ROR id"):
        Proposal.model_validate({"id": "P", "title": "T", "partners": [{"name": "X", "ror": "00wk2mp57"}]})


def test_a_list_may_give_ror_ids_itself(tmp_path: Path) -> None:
    path = tmp_path / "office.csv"
    path.write_text("entity_id,name,name_local,aliases,acronyms,country,source_url,source_date,ror\n"
                    "o-1,Example Aero Institute,,,,CN,https://example.org,2026-01-01,ror.org/00wk2mp56\n", encoding="utf-8")
    matcher = Matcher(load_list_file(path))
    (cand,) = matcher.match("Some other name", "CN", ror="https://ror.org/00wk2mp56")
    assert (cand.decision, cand.entity.ror) == ("match", "https://ror.org/00wk2mp56")
    path.write_text(path.read_text(encoding="utf-8").replace("ror.org/00wk2mp56", "00wk2mp5"), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"office\.csv:2: ror: '00wk2mp5' is not a ROR id"):
        load_list_file(path)


@pytest.mark.parametrize(("query", "decision"), [
    # two universities of one name in two cities: the listed one is in Wuhan
    ("China University of Geosciences (Beijing)", "none"),  # its own place, not the listed one's
    ("中国地质大学(北京)", "none"),
    ("China University of Geosciences", "possible"),  # ROR's name without the place: which one is meant?
    ("China University of Geosciences (Wuhan)", "match"),
    ("中国地质大学（武汉）", "match"),
])
def test_a_university_named_with_another_city_is_not_the_listed_one(ruleset: RuleSet, query: str, decision: str) -> None:
    found = _best(ruleset.matcher, query, "CN").get("aspi-cdut", ("none", "", ""))
    assert found[0] == decision, found
    if decision != "none":
        assert found[1] == "China University of Geosciences (Wuhan)"


def test_a_place_the_listed_name_does_not_carry_makes_it_a_question(ruleset: RuleSet) -> None:
    decision, name, reasons = _best(ruleset.matcher, "China University of Mining and Technology (Beijing)", "CN")["aspi-cdut"]
    assert (decision, name) == ("possible", "China University of Mining and Technology")
    assert "the name says 'Beijing', which the listed name" in reasons


def test_a_record_linked_on_one_of_its_other_names_does_not_confirm_with_its_own(ruleset: RuleSet) -> None:
    """ROR's "Sensetime (China)" gives the Entity List's Beijing subsidiary only as an alias: the group's
    name "SenseTime" is a question for the subsidiary's entry, while the 1260H list's own alias still
    confirms the group."""
    found = _best(ruleset.matcher, "SenseTime", "CN")
    assert found["us-bis-entity"][:2] == ("possible", "Beijing Sensetime Technology Development Co., Ltd.")
    assert "may be a larger body" in found["us-bis-entity"][2]
    assert found["us-dod-1260h"][0] == "match"


def test_a_city_in_brackets_after_a_name_that_is_not_national_is_still_the_name(ruleset: RuleSet) -> None:
    decision, name, _ = _best(ruleset.matcher, "Tsinghua University (Beijing, China)", "CN")["aspi-cdut"]
    assert (decision, name) == ("match", "Tsinghua University")


@pytest.mark.parametrize(("name", "list_id", "entry", "other"), [
    # the 1286 list's alias of Xi'an Technological University (西安工业大学) is another university's name (西安理工大学)
    ("Xi'an University of Technology", "us-dod-1286", "Xi’an Technological University", "https://ror.org/038avdt50"),
    ("Suzhou University", "aspi-cdut", "Soochow University", "https://ror.org/02bz8aa76"),
])
def test_a_listed_alias_that_ror_registers_as_another_organisation_is_asked_never_confirmed(
        ruleset: RuleSet, name: str, list_id: str, entry: str, other: str) -> None:
    results = {c.entity.list_id: c for c in ruleset.matcher.match(name, "CN")}
    assert all(c.decision != "match" for c in results.values())
    found = results[list_id]
    assert (found.entity.name, found.decision) == (entry, "possible")
    assert "ROR registers that name as another organisation of its country" in found.reasons[0] and other in found.reasons[0]
    # the entry's own name is still a match
    [own] = [c for c in ruleset.matcher.match(entry, "CN") if c.entity.list_id == list_id]
    assert own.decision == "match"


def test_no_acronym_is_derived_from_an_alias_ror_registers_as_another_organisation(ruleset: RuleSet) -> None:
    """XAUT and XUT are the initials of "Xi'an University of Technology", another university's name in ROR: not
    Xi'an Technological University's acronyms, though the 1286 list gives it that alias."""
    for acronym in ("XAUT", "XUT"):
        assert not [c for c in ruleset.matcher.match(acronym, "CN") if c.entity.name == "Xi’an Technological University"]
