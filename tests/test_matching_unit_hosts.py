"""A unit's name that a list gives one body (an institute, a centre, a laboratory named by its field), found in an
address that names another university or academy, or another town than the list's address, is a question, not a
match: the same name is often another body's own unit. Found by the sixteenth session's second review, which ran
listed short unit names inside other universities' addresses (all of these were `match` before)."""

from __future__ import annotations

import pytest

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
    # the list gives the Novosibirsk institute the alias of the Pushchino one
    ("Institute of Cell Biophysics RAS, Pushchino, Russia", "us-bis-entity",
     "Federal State Budgetary Institution of Science Institute of Molecular and Cell Biology, Siberian Branch of the "
     "Russian Academy of Sciences",
     "the address places it in Pushchino, and the list gives the listed body's address in Novosibirsk"),
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
    # the town of the list's address
    ("Institute of Molecular and Cellular Biology SB RAS, Novosibirsk, Russia", "us-bis-entity",
     "Federal State Budgetary Institution of Science Institute of Molecular and Cell Biology, Siberian Branch of the "
     "Russian Academy of Sciences"),
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


def test_the_question_is_said_in_bokmal() -> None:
    said = ("the address names another body, 'Fudan University', which the listed names do not: the name may be that "
            "body's own unit; confirm it is the listed one")
    assert reason(said, "nb") == ("adressen nevner en annen organisasjon, 'Fudan University', som ingen av de listeførte "
                                  "navnene nevner: navnet kan være en enhet under den; bekreft at det er den listeførte")
    said = ("the address places it in Pushchino, and the list gives the listed body's address in Novosibirsk: another "
            "body may go by this name; confirm it is the listed one")
    assert reason(said, "nb").startswith("adressen plasserer den i Pushchino, og listen oppgir adressen til den "
                                         "listeførte i Novosibirsk")
