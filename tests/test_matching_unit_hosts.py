"""A unit's name that a list gives one body (an institute, a centre, a laboratory named by its field), found in an
address that names another university or academy and not the listed parent, is a question, not a match: the same
name is often another body's own unit. Found by the sixteenth session's first review, which ran listed short unit
names inside other universities' addresses (all of these were `match` before); the keeps by its second review,
which found the first version demoting listed institutes whose authors name a university beside the academy."""

from __future__ import annotations

import pytest

from collabguard.matching.normalize import normalize
from collabguard.matching.unit_hosts import unit_named
from collabguard.reference.report_text import reason
from collabguard.ruleset import RuleSet


@pytest.mark.parametrize(("name", "list_id", "entity", "said"), [
    ("Institute of Radiation Medicine, Fudan University, Shanghai, China", "us-bis-entity",
     "Academy of Military Medical Sciences, Institute of Radiation and Radiation Medicine",
     "the address names another body, 'Fudan University'"),
    ("Southeast Univ, State Key Lab Millimeter Waves, Antenna Inst, Nanjing 210096, Peoples R China", "us-dod-1286",
     "Defense S&T Key Laboratory of Antennas and Microwave Technology at Xidian University",
     "the address names another body, 'Southeast Univ'"),
    ("Center for International Security and Strategy, Peking University, Beijing, China", "us-dod-1286",
     "Center for International Security and Strategy of Tsinghua University",
     "the address names another body, 'Peking University'"),
    ("Institute of Electric Power, Shanghai University of Electric Power, Shanghai, China", "us-bis-entity",
     "China Aeronautical Radio Electronics Research Institute",
     "the address names another body, 'Shanghai University of Electric Power'"),
    ("Institute of International Relations, Nanjing University, Nanjing, China", "us-dod-1286",
     "University of International Relations", "the address names another body, 'Nanjing University'"),
    # a company with its legal form is a host too
    ("Huawei Technologies Co Ltd, Antenna Inst, Shenzhen 518129, Peoples R China", "us-dod-1286",
     "Defense S&T Key Laboratory of Antennas and Microwave Technology at Xidian University",
     "the address names another body, 'Huawei Technologies Co Ltd'"),
])
def test_a_unit_name_elsewhere_is_a_question(ruleset: RuleSet, name: str, list_id: str, entity: str, said: str) -> None:
    found = [c for c in ruleset.matcher.match(name, None) if c.entity.list_id == list_id and c.entity.name == entity]
    assert found, name
    assert found[0].decision == "possible"
    assert any(r.startswith(said) for r in found[0].reasons), found[0].reasons


@pytest.mark.parametrize(("name", "list_id", "entity"), [
    # the listed host named: the listed laboratory
    ("Antenna Inst, Xidian Univ, Xian 710071, Peoples R China", "us-dod-1286",
     "Defense S&T Key Laboratory of Antennas and Microwave Technology at Xidian University"),
    # the listed parent named: the listed institute, though the address names a university too (second review)
    ("Institute of Computing Technology, Chinese Academy of Sciences, University of Chinese Academy of Sciences, "
     "Beijing 100190, China", "us-bis-entity", "Chinese Academy of Sciences Institute of Computing Technology"),
    ("Rzhanov Institute of Semiconductor Physics, Siberian Branch of the Russian Academy of Sciences, Novosibirsk "
     "State University, Novosibirsk, Russia", "jp-mofa-ru",
     "Rzhanov Institute of Semiconductor Physics, Siberian Branch of Russian Academy of Sciences"),
    # the listed body's own group named beside it
    ("Aviation Industry Corporation of China, China Airborne Missile Academy, Luoyang, China", "us-bis-entity",
     "Aviation Industry Corporation of China 612 Institute"),
    # a host of the listed words and optional ones ("PLA") is the listed host
    ("Institute of Radiation Medicine, Chinese PLA Academy of Military Medical Sciences, Beijing, China", "us-bis-entity",
     "Academy of Military Medical Sciences, Institute of Radiation and Radiation Medicine"),
    # a university's name is its own: another body in its address does not make it that body's unit
    ("Harbin Engineering University, Qingdao Innovation and Development Center, Qingdao, China", "aspi-cdut",
     "Harbin Engineering University"),
    # an academy's institute the list names without its academy
    ("Institute of Solid State Physics, Russian Academy of Sciences, Chernogolovka, Russia", "us-bis-entity",
     "Institute of Solid-State Physics of the Russian Academy of Sciences"),
])
def test_a_unit_name_at_home_is_still_matched(ruleset: RuleSet, name: str, list_id: str, entity: str) -> None:
    found = {c.entity.list_id: c for c in ruleset.matcher.match(name, None)}
    assert found[list_id].entity.name == entity
    assert found[list_id].decision == "match", found[list_id].reasons


@pytest.mark.parametrize(("name", "unit"), [
    ("Institute of Radiation Medicine", True),
    ("Antenna Institute", True),
    # named after a person (the list writes "P.P. Shirshov"): no other body's unit
    ("Shirshov Institute of Oceanology", False),
    # a university's name is its own
    ("University of International Relations", False),
])
def test_which_names_say_they_are_a_unit(ruleset: RuleSet, name: str, unit: bool) -> None:
    forms = [f for f in ruleset.matcher.context().index.exact[normalize(name)] if f.kind in ("name", "alias")]
    assert forms and all(unit_named(f) == unit for f in forms)


def test_the_question_is_said_in_bokmal() -> None:
    said = ("the address names another body, 'Fudan University', which the listed names do not: the name may be that "
            "body's own unit; confirm it is the listed one")
    assert reason(said, "nb") == ("adressen nevner en annen organisasjon, 'Fudan University', som ingen av de listeførte "
                                  "navnene nevner: navnet kan være en enhet under den; bekreft at det er den listeførte")
