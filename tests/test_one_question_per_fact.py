"""One question per fact (#14 item 3): a name that possibly matches the same body on several lists
is asked about once, and one answer settles every list's entry; one area question per mention."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.console import Console

from collabguard.engine.answers import load_answers
from collabguard.engine.questions import question_id
from collabguard.engine.screen import screen
from collabguard.io.proposal_loader import load_proposal
from collabguard.lists.institutions import link_institutions
from collabguard.lists.model import Entity
from collabguard.models.proposal import Proposal
from collabguard.report.summary import summarise
from collabguard.report.terminal import render_terminal
from collabguard.ruleset import RuleSet
from tests.conftest import EXAMPLES, TODAY

BEIHANG_LISTS = {"aspi-cdut", "ca-nro", "us-dod-1286", "us-bis-entity"}

BUAA = {"id": "T-BUAA", "title": "Lightweight composite structures for drones",
        "abstract": "We study composite wing structures for unmanned aerial vehicles.",
        "home_institution": {"name": "University of Oslo", "country": "NO"},
        "partners": [{"name": "BUAA", "country": "CN", "type": "university"}]}


def answers_file(tmp_path: Path, *items: dict[str, Any]) -> Path:
    f = tmp_path / "answers.yaml"
    f.write_text(yaml.safe_dump({"schema_version": 1, "reviewer": "K. Nordmann", "date": "2026-11-28", "answers": list(items)}))
    return f


def identity_questions(report: Any) -> list[Any]:
    return [q for q in report.checklist if q.reason == "confirm_identity"]


def test_an_acronym_on_four_lists_is_asked_about_once_naming_every_list(ruleset: RuleSet) -> None:
    report = screen(Proposal.model_validate(BUAA), ruleset, today=TODAY)
    asked = identity_questions(report)
    assert len(asked) == 1, [q.question for q in asked]  # before: one per list, four in all
    q = asked[0]
    assert q.target == {"partner": "BUAA", "country": "CN", "institution": "CN:beihang university"}
    for list_id in BEIHANG_LISTS:  # every list, in words an officer reads: no internal entry id
        assert list_id in q.question
    assert "dod1286-beihang-university" not in q.question
    assert "'Beihang University'" in q.question and "Beijing University of Aeronautics and Astronautics" in q.question
    # the headline names the body once, with every list
    summary = summarise(report)
    assert [(m.entity, {x.id for x in m.lists}) for m in summary.matches] == [("Beihang University", BEIHANG_LISTS)]
    assert summary.matches[0].also_listed_as == ["Beijing University of Aeronautics and Astronautics (BUAA)"]
    assert summary.decided_by == q.id


def test_one_yes_confirms_the_entry_on_every_list(ruleset: RuleSet, tmp_path: Path) -> None:
    proposal = Proposal.model_validate(BUAA)
    q = identity_questions(screen(proposal, ruleset, today=TODAY))[0]
    final = screen(proposal, ruleset, today=TODAY,
                   answers=load_answers(answers_file(tmp_path, {"id": q.id, "answer": "yes", "note": "former name"})))
    matched = {m.list: m.decision for f in final.flags for m in f.evidence.matches}
    assert matched.keys() >= BEIHANG_LISTS and set(matched.values()) == {"match"}
    assert not identity_questions(final)
    assert all(f.confirmed for f in final.flags if f.evidence.matches)
    assert [a.id for a in final.answers] == [q.id]
    # the evidence line no longer contradicts itself: every list of the body is a match
    console = Console(width=100, record=True, file=io.StringIO())
    render_terminal(final, console)
    text = console.export_text()
    assert "possible" not in " ".join(line for line in text.splitlines() if "→" in line)


def test_one_no_sets_every_entry_aside(ruleset: RuleSet, tmp_path: Path) -> None:
    proposal = Proposal.model_validate(BUAA)
    q = identity_questions(screen(proposal, ruleset, today=TODAY))[0]
    final = screen(proposal, ruleset, today=TODAY,
                   answers=load_answers(answers_file(tmp_path, {"id": q.id, "answer": "no", "note": "another BUAA"})))
    assert not any(m.list in BEIHANG_LISTS for f in final.flags for m in f.evidence.matches)
    assert not identity_questions(final)


def test_an_answer_to_one_lists_old_question_still_counts_for_that_entry(ruleset: RuleSet, tmp_path: Path) -> None:
    # a report from before entries were linked asked per list; its answers keep their meaning
    old_id = question_id("confirm_identity", "", "", {"partner": "BUAA", "country": "CN", "list": "ca-nro",
                                                        "entity_id": "ca-nro-beihang-university"})
    final = screen(Proposal.model_validate(BUAA), ruleset, today=TODAY,
                   answers=load_answers(answers_file(tmp_path, {"id": old_id, "answer": "yes"})))
    decisions = {m.list: m.decision for f in final.flags for m in f.evidence.matches}
    assert decisions["ca-nro"] == "match" and decisions["us-bis-entity"] == "possible"
    assert not any("no such question" in w for w in final.warnings)


def test_the_same_words_touching_areas_of_three_taxonomies_ask_once(ruleset: RuleSet, tmp_path: Path) -> None:
    proposal = Proposal.model_validate(BUAA)
    first = screen(proposal, ruleset, today=TODAY)
    asked = [q for q in first.checklist if q.reason == "confirm_area"]
    drones = [q for q in asked if "'drones' in title" in q.question]
    assert len(drones) == 1, [q.question for q in asked]
    areas = drones[0].target["areas"].split(",")
    assert len(areas) >= 2 and len({a.split(".")[0] for a in areas}) == len(areas)
    final = screen(proposal, ruleset, today=TODAY,
                   answers=load_answers(answers_file(tmp_path, {"id": drones[0].id, "answer": "no"})))
    assert not {a.area_id for a in final.areas} & set(areas)
    assert not any(q.id == drones[0].id for q in final.checklist)


def entry(list_id: str, name: str, aliases: tuple[str, ...] = (), country: str = "CN") -> Entity:
    return Entity(entity_id=f"{list_id}-{name}", list_id=list_id, name=name, aliases=aliases, country=country)


@pytest.mark.parametrize(("a", "b", "linked"), [
    # the same full name on two lists, a trailing acronym in brackets left out
    (entry("l1", "National University of Defense Technology (NUDT)"), entry("l2", "National University of Defense Technology"), True),
    # each one's name among the other's aliases
    (entry("l1", "Beijing University of Aeronautics and Astronautics (BUAA)", ("Beihang University",)),
     entry("l2", "Beihang University", ("Beijing University of Aeronautics and Astronautics",)), True),
    # one-sided alias evidence: a research institute given its parent group's name as an alias
    (entry("l1", "CASIC 3rd Academy, 33 Research Institute", ("China Aerospace Science and Industry Corporation",)),
     entry("l2", "China Aerospace Science and Industry Corporation"), False),
    # same name, another country
    (entry("l1", "Institute of Applied Physics", country="RU"), entry("l2", "Institute of Applied Physics", country="CN"), False),
    # two entries of one list stay the list's own two entries
    (entry("l1", "Beijing Tianhua"), entry("l1", "Beijing Tianhua"), False),
    # an acronym alone never links
    (entry("l1", "BIT"), entry("l2", "BIT"), False),
    # Hong Kong and the mainland count as one, as in matching
    (entry("l1", "Sky Rise Technology Ltd.", country="HK"), entry("l2", "Sky Rise Technology", country="CN"), True),
])
def test_entries_are_linked_only_on_evidence_of_one_body(a: Entity, b: Entity, linked: bool) -> None:
    found = link_institutions([a, b])
    assert ((a.list_id, a.entity_id) in found and found.get((a.list_id, a.entity_id)) is found.get((b.list_id, b.entity_id))) == linked


def test_real_lists_link_beihang_but_not_a_parent_with_its_institute(ruleset: RuleSet) -> None:
    inst = ruleset.institutions
    beihang = inst[("us-bis-entity", "us-bis-entity-cn-beijing-university-of-aeronautics-and-astronautics-buaa")]
    assert set(beihang.lists) == BEIHANG_LISTS and beihang.name == "Beihang University"
    # ASPI gives CAEP the Beijing Computational Science Research Center as an alias: a part, not the same body
    caep = inst[("aspi-cdut", "aspi-chinese-academy-of-engineering-physics")]
    assert all("computational" not in e for _, e in caep.entries)
    # no institution holds two entries of one list
    for i in set(inst.values()):
        assert len(i.lists) == len(set(i.lists))


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_no_checklist_asks_one_fact_twice(ruleset: RuleSet, example: str) -> None:
    report = screen(load_proposal(EXAMPLES / example), ruleset, today=TODAY)
    ids = [q.id for q in report.checklist]
    assert len(ids) == len(set(ids))
    partners_asked = [(q.target.get("partner"), q.target.get("institution")) for q in identity_questions(report)
                      if q.target.get("institution")]
    assert len(partners_asked) == len(set(partners_asked))


def test_a_flag_message_names_the_body_once_with_every_list_after_it(ruleset: RuleSet) -> None:
    """"Harbin Engineering University (name match), on the Entity List …; on the 1286 list …", not the
    name and "(name match)" again before each of its four lists."""
    report = screen(load_proposal(EXAMPLES / "listed-partner-sensitive-area.yaml"), ruleset, today=TODAY)
    message = next(f.message for f in report.flags if f.rule_id == "CG-NO-PARTNER-001")
    assert message.count("Harbin Engineering University (name match)") == 1
    for cite in ("Entity List", "Section 1286 list", "Named Research Organizations", "China Defence Universities Tracker"):
        assert cite in message


def test_a_list_that_spells_the_body_otherwise_says_how(ruleset: RuleSet) -> None:
    proposal = Proposal.model_validate({**BUAA, "partners": [{"name": "Korea Mining Development Trading Corporation",
                                                             "country": "KP", "type": "company"}]})
    message = next(f.message for f in screen(proposal, ruleset, today=TODAY).flags if f.rule_id == "CG-NO-PARTNER-001")
    assert message.count("(name match)") == 1
    # the body named as the partner's name is written (the UN list's), the other list's spelling after it
    assert message.count("KOREA MINING DEVELOPMENT TRADING CORPORATION (name match), on the UN Security Council") == 1
    assert "as 'Korea Mining Development Trading Corp.' on the US State Department" in message
