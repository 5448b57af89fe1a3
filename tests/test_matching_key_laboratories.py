"""A Chinese key laboratory is asked about by its subject, however its rank, sponsor and host are written: the
1286 list's aliases of its Defense S&T key laboratories, asked of its main names only (issue #15: "National Key
Laboratory of Radar Signal Processing" found nothing), and what must not pair (matching/key_laboratories.py)."""

from __future__ import annotations

import pytest

from collabguard.matching.key_laboratories import lab_subject, same_subject
from tests.conftest import names_only_matcher


@pytest.mark.parametrize(("name", "subject"), [
    ("Defense S&T Key Laboratory of Radar Signal Processing at Xidian University", {"radar", "signal", "processing"}),
    # the host after "of", a plural, the rank and sponsor: read away
    ("State Key Laboratory of High Power Semiconductor Laser of Changchun University of Science and Technology",
     {"high", "power", "semiconductor", "laser"}),
    ("Antennas and Microwave Technology Key Laboratory of National Defense", {"antenna", "microwave"}),
    ("Science and Technology on Antenna and Microwave Laboratory", {"antenna", "microwave"}),
    ("Key Laboratory of Photonics of the Ministry of Education", set()),  # one word says too little
    ("Chinese Academy of Sciences – Key Laboratory for Quantum Information", {"quantum", "information"}),
    ("Radar Signal Processing Institute", set()),  # no laboratory
])
def test_a_laboratorys_subject(name: str, subject: set[str]) -> None:
    assert lab_subject(name) == frozenset(subject)


@pytest.mark.parametrize(("query", "listed", "same"), [
    ({"radar", "signal", "processing"}, {"radar", "signal", "processing"}, True),
    # one word more or less where three or more agree ("Lightweight, High-strength Structural Materials")
    ({"high", "strength", "structural", "material"}, {"lightweight", "high", "strength", "structural", "material"}, True),
    # ... not where two do: "Integrated Information System" is another subject than "Information Systems"
    ({"integrated", "information", "system"}, {"information", "system"}, False),
    ({"radar", "signal", "processing"}, {"sonar", "signal", "processing"}, False),  # a word for another
])
def test_same_subject(query: set[str], listed: set[str], same: bool) -> None:
    assert same_subject(frozenset(query), frozenset(listed)) is same


@pytest.mark.parametrize(("name", "entity_id"), [
    ("National Key Laboratory of Radar Signal Processing",
     "dod1286-defense-s-t-key-laboratory-of-radar-signal-processing-at-xidian-university"),
    ("Antennas and Microwave Technology Key Laboratory of National Defense",
     "dod1286-defense-s-t-key-laboratory-of-antennas-and-microwave-technology-at-xidian-university"),
    ("National Key Laboratory for High-strength Structural Materials",
     "dod1286-defense-s-t-key-laboratory-of-lightweight-high-strength-structural-materials-at-central-so"),
    ("Key Laboratory of Information Systems Engineering, Changsha 410073, China",
     "dod1286-defense-s-t-key-laboratory-of-information-systems-engineering"),
])
def test_a_key_laboratory_is_asked_about_by_its_subject(name: str, entity_id: str) -> None:
    found = names_only_matcher("us-dod-1286").match(name, "CN")
    assert [(c.entity.entity_id, c.decision, c.stage) for c in found] == [(entity_id, "possible", "key-laboratory")]
    assert "another host may have a laboratory of that subject: confirm" in found[0].reasons[0]


@pytest.mark.parametrize(("name", "country"), [
    ("State Key Laboratory of Integrated Information System Technology", "CN"),
    ("Key Laboratory of Signal Processing", "CN"),  # two of three words
    ("National Key Laboratory of Radar Signal Processing", "RU"),  # no Chinese laboratory's name
])
def test_another_subject_finds_no_key_laboratory(name: str, country: str) -> None:
    assert not [c for c in names_only_matcher("us-dod-1286").match(name, country) if c.stage == "key-laboratory"]
