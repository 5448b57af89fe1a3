"""Areas in use: export-control entry numbers, the `areas` command, non-English text, and STRAC's
combination rule on a listed partner in and out of a sensitive area."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from collabguard.areas.codes import detect_codes
from collabguard.areas.language import not_english
from collabguard.cli.main import app
from collabguard.engine.screen import screen
from collabguard.models.proposal import Proposal
from collabguard.ruleset import RuleSet
from tests.conftest import EXAMPLES, TODAY

runner = CliRunner()


@pytest.mark.parametrize(
    ("texts", "codes", "areas"),
    [
        ({"abstract": "Cameras controlled under 6A003.b.4 and software 6D003."}, [], {"eu-dualuse.cat6"}),
        ({}, ["3A001", "9E003.a.1"], {"eu-dualuse.cat3", "eu-dualuse.cat9"}),
        ({"abstract": "Postcode 3A0012 and ISBN 978-3A001X are not entries."}, [], set()),
        ({}, ["ML4"], {"eu-cml.ml4"}),  # Norway's List I / EU Common Military List
        ({"abstract": "Technology under ML22.a for items in ML10.c."}, [], {"eu-cml.ml22", "eu-cml.ml10"}),
        ({"abstract": "ML23, HTML5, XML1, ml4 and ML 4 models are not military-list entries."}, [], set()),
        ({}, ["ml5", "ML-4", "ML 10"], {"eu-cml.ml5", "eu-cml.ml4", "eu-cml.ml10"}),  # declared loosely
    ],
)
def test_export_control_entry_numbers_name_their_category(ruleset: RuleSet, texts: dict[str, str], codes: list[str],
                                                   areas: set[str]) -> None:
    hits = detect_codes(texts, codes, ruleset.catalog)
    assert {h.area_id for h in hits} == areas
    assert all(h.decision == "match" for h in hits)


def test_a_bare_military_entry_in_running_text_is_only_possible(ruleset: RuleSet) -> None:
    hits = {h.area_id: h for h in detect_codes({"abstract": "We compare two pipelines, ML1 and ML2, for crop yields."}, [],
                                               ruleset.catalog)}
    assert {k: (h.decision, h.score) for k, h in hits.items()} == {"eu-cml.ml1": ("possible", 40), "eu-cml.ml2": ("possible", 40)}


def test_areas_command_on_a_proposal_and_on_text() -> None:
    out = runner.invoke(app, ["areas", str(EXAMPLES / "export-control-code.yaml"), "-f", "json"]).output
    rows = json.loads(out)
    cat6 = next(r for r in rows if r["area_id"] == "eu-dualuse.cat6")
    assert {"field": "export_control", "term": "6A003", "start": 0, "end": 5, "text": "6A003"} in cat6["evidence"]
    text = runner.invoke(app, ["areas", "Synthetic aperture sonar for seabed mapping", "-t", "ca-stra"]).output
    assert "Synthetic aperture sonar (SAS) [ca-stra.sensing.sas]" in text
    assert "us-cet" not in text


def test_areas_command_says_when_text_is_not_english() -> None:
    result = runner.invoke(app, ["areas", "Kvanteteknologi og sensorer for undervannsnavigasjon i norske fjorder og "
                                          "havområder, med fokus på nye metoder og samarbeid"])
    assert result.exit_code == 0
    assert "no sensitive technology area found" in result.output
    assert "does not look like English" in result.output


@pytest.mark.parametrize("text", ["", "x" * 3_000_000, "\x00\x01\x02 control \x1b[31m characters"])
def test_odd_text_gives_a_result_not_a_crash(text: str) -> None:
    result = runner.invoke(app, ["areas", text[:100_000]])
    assert result.exit_code == 0


def test_not_english_is_quiet_on_short_or_english_text() -> None:
    assert not_english("Quantum sensing") is None
    assert not_english("We develop new methods for the inertial navigation of underwater vehicles using quantum "
                       "sensors, and we test them in the fjords of Norway with our partners.") is None


STRAC: dict[str, Any] = {
    "id": "s", "home_institution": {"name": "University of Waterloo", "country": "CA"},
    "personnel": [{"role": "co-applicant", "affiliations": [{"name": "Sichuan University", "country": "CN"}]}],
    "funding": [{"funder": "NSERC", "country": "CA"}],
}


@pytest.mark.parametrize(
    ("title", "abstract", "advances", "blocking", "outcome"),
    [
        # the applicant determined that the work aims to advance a STRA: barred with the NRO affiliation
        ("Synthetic aperture sonar for autonomous underwater vehicles", "", True, True, "flag CG-CA-STRAC-001"),
        # a sensitive topic in the text but no determination: the applicant is asked (critical), no block
        ("Synthetic aperture sonar for autonomous underwater vehicles", "", None, False, "asks strac.advances_stra"),
        # the applicant determined that it does not: not barred, the NRO affiliation is still flagged
        ("Synthetic aperture sonar for autonomous underwater vehicles", "", False, False, "flag CG-CA-STRAC-002"),
        ("Carbon pricing and household welfare", "An environmental economics study of carbon taxes.", False, False,
         "flag CG-CA-STRAC-002"),
        # one ambiguous word in the title only touches an area: the determination is asked, never assumed
        ("Honey bee drone congregation areas", "Field observations of apiaries.", None, False, "asks strac.advances_stra"),
    ],
)
def test_strac_bars_a_grant_only_on_the_applicants_determination_and_a_listed_affiliation(
        ruleset: RuleSet, title: str, abstract: str, advances: bool | None, blocking: bool, outcome: str) -> None:
    data = {**STRAC, "title": title, "abstract": abstract, "strac": {"advances_stra": advances}}
    report = screen(Proposal.model_validate(data), ruleset, today=TODAY)
    assert report.blocking is blocking
    kind, what = outcome.split(" ")
    if kind == "flag":
        assert what in {f.rule_id for f in report.flags}
    else:
        assert not any(f.rule_id.startswith("CG-CA-STRAC") for f in report.flags)
        q = next(q for q in report.checklist if q.target.get("field") == what)
        assert q.severity == "critical" and report.recommendation == "needs_review"


def test_a_text_of_several_megabytes_is_handled_with_bounded_evidence(ruleset: RuleSet) -> None:
    from collabguard.areas.detect import MAX_EVIDENCE_PER_TERM, detect_areas

    text = "We study synthetic aperture sonar for autonomous underwater vehicles. " * 40_000  # about 2.8 MB
    hits = {h.area_id: h for h in detect_areas({"abstract": text}, ruleset.catalog)}
    sas = hits["ca-stra.sensing.sas"]
    assert sas.decision == "match" and len(sas.evidence) <= MAX_EVIDENCE_PER_TERM
