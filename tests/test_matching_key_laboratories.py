"""A Chinese key laboratory is asked about by its subject, however its rank, sponsor and host are written: the
1286 list's aliases of its Defense S&T key laboratories, asked of its main names only (issue #15: "National Key
Laboratory of Radar Signal Processing" found nothing), and what must not pair (matching/key_laboratories.py)."""

from __future__ import annotations

import pytest

from collabguard.matching.key_laboratories import lab_subject
from tests.conftest import names_only_matcher


@pytest.mark.parametrize(("name", "subject"), [
    ("Defense S&T Key Laboratory of Radar Signal Processing at Xidian University", {"radar", "signal", "processing"}),
    # the host after "of", a plural, the rank and sponsor: read away
    ("State Key Laboratory of High Power Semiconductor Laser of Changchun University of Science and Technology",
     {"high", "power", "semiconductor", "laser"}),
    ("Antennas and Microwave Technology Key Laboratory of National Defense", {"antenna", "microwave"}),
    ("Science and Technology on Antenna and Microwave Laboratory", {"antenna", "microwave"}),  # the defence form
    ("Chinese Academy of Sciences – Key Laboratory for Quantum Information", {"quantum", "information"}),
    # "at" a place that is no host is part of the subject
    ("Hefei National Laboratory for Physical Sciences at Microscale", {"physical", "microscale"}),
    ("Key Laboratory of Photonics of the Ministry of Education", set()),  # one word says too little
    ("Qingdao Key Laboratory of Marine Science", set()),  # a city is no subject
    ("The High Power Laser Laboratory", set()),  # no rank: no key laboratory
    ("Radar Signal Processing Institute", set()),  # no laboratory
])
def test_a_key_laboratorys_subject(name: str, subject: set[str]) -> None:
    assert lab_subject(name) == frozenset(subject)


@pytest.mark.parametrize(("name", "entity_id", "subject"), [
    ("National Key Laboratory of Radar Signal Processing",
     "dod1286-defense-s-t-key-laboratory-of-radar-signal-processing-at-xidian-university", "radar signal processing"),
    ("Antennas and Microwave Technology Key Laboratory of National Defense",
     "dod1286-defense-s-t-key-laboratory-of-antennas-and-microwave-technology-at-xidian-university", "antenna microwave"),
    ("Key Laboratory of Information Systems Engineering, Changsha 410073, China",
     "dod1286-defense-s-t-key-laboratory-of-information-systems-engineering", "information system"),
])
def test_a_key_laboratory_is_asked_about_by_its_subject(name: str, entity_id: str, subject: str) -> None:
    found = names_only_matcher("us-dod-1286").match(name, "CN")
    assert [(c.entity.entity_id, c.decision, c.stage) for c in found] == [(entity_id, "possible", "key-laboratory")]
    assert f"a key laboratory of the same subject, {subject!r}," in found[0].reasons[0]
    assert "another host may have a laboratory of that subject: confirm" in found[0].reasons[0]


@pytest.mark.parametrize(("name", "country"), [
    ("State Key Laboratory of Integrated Information System Technology", "CN"),  # another subject
    ("Key Laboratory of Signal Processing", "CN"),  # two of three words
    ("Hubei Key Laboratory of High Power Laser", "CN"),  # not the High-Power Semiconductor Lasers laboratory
    # a word more or less is another laboratory's subject, even where three agree (the listed one is "Lightweight,
    # High-strength Structural Materials")
    ("National Key Laboratory for High-strength Structural Materials", "CN"),
    ("Laboratory for Information Systems", "CN"),  # no rank: no key laboratory
    ("National Key Laboratory of Radar Signal Processing", "RU"),  # the country does not agree
    ("National Key Laboratory of Radar Signal Processing", None),  # nor backs it: a subject alone says too little
])
def test_another_laboratory_finds_no_key_laboratory(name: str, country: str | None) -> None:
    assert not [c for c in names_only_matcher("us-dod-1286").match(name, country) if c.stage == "key-laboratory"]


def test_the_key_laboratory_reason_reads_in_bokmal() -> None:
    from collabguard.reference.report_text import reason

    [found] = names_only_matcher("us-dod-1286").match("National Key Laboratory of Radar Signal Processing", "CN")
    nb = reason(found.reasons[0], "nb")
    assert nb.startswith("et nøkkellaboratorium med samme fagfelt, 'radar signal processing', som det listeførte navnet "
                         "'Defense S&T Key Laboratory of Radar Signal Processing at Xidian University': Kinas "), nb
    assert nb.endswith("kan ha et laboratorium med samme fagfelt: bekreft"), nb
