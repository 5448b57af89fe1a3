"""Several frameworks at once: which apply and why, and each one's own verdict (the report's
`frameworks` key), on the Horizon-style consortium example."""

from __future__ import annotations

from collabguard.screener import Screener
from tests.conftest import EXAMPLES, TODAY


def test_a_horizon_consortium_gets_a_verdict_per_framework_and_they_differ() -> None:
    report = Screener().screen(EXAMPLES / "horizon-consortium.yaml", today=TODAY)
    fw = {f.id: f for f in report.frameworks}
    applies = {k: f.reason for k, f in fw.items() if f.applies}
    assert applies == {
        "no-hkdir": "home institution is in NO",
        "eu-research-security": "funded by European Commission, Horizon Europe",
        "nl-knowledge-security": "partner Delft University of Technology is in NL",
        "ca-strac": "funded by NSERC, Alliance International",
    }
    # NSGRP covers NSERC Alliance grants with a private-sector partner: every partner here is a university
    assert fw["ca-nsgrp"].reason == ("funded by NSERC, Alliance International, but no partner is a private-sector "
                                     "organisation (partner types given)")
    verdicts = {k: fw[k].recommendation for k in applies}
    # STRAC: Zhejiang University is not a Named Research Organization, so its gate does not block
    # (and whether the work aims to advance a STRA is a question for the applicant);
    # the Dutch guidelines weigh content x country x a listed partner together and escalate;
    # Norway asks for the export-control and country questions to be answered first
    assert verdicts["ca-strac"] == "proceed"
    assert verdicts["nl-knowledge-security"] == "escalate"
    assert verdicts["no-hkdir"] == "needs_review"
    assert len(set(verdicts.values())) >= 3
    assert not report.blocking and report.recommendation == "escalate"
    # the overall verdict is the strictest of the frameworks that apply
    assert fw["nl-knowledge-security"].risk_level == "high"


def test_each_framework_verdict_counts_only_its_own_findings() -> None:
    report = Screener().screen(EXAMPLES / "horizon-consortium.yaml", today=TODAY)
    for f in report.frameworks:
        assert f.flags == sum(1 for x in report.flags if x.framework == f.id)
        assert f.blocking == any(x.blocking for x in report.flags if x.framework == f.id)


def test_advice_from_frameworks_that_do_not_apply_is_folded_in_every_format() -> None:
    from typer.testing import CliRunner

    from collabguard.cli.main import app

    runner = CliRunner()
    path = str(EXAMPLES / "listed-partner-sensitive-area.yaml")
    text = runner.invoke(app, ["screen", path]).output
    assert "Not applicable here: au-ufit" in text and "CG-AU-UFIT-001" not in text  # folded away, one line
    shown = runner.invoke(app, ["screen", path, "--all-frameworks"]).output
    assert "Advice from frameworks that do not apply (" in shown and "CG-AU-UFIT-001" in shown
    html = runner.invoke(app, ["screen", path, "-f", "html"]).output
    assert "<details><summary>Advice from frameworks that do not apply" in html
    md = runner.invoke(app, ["screen", path, "-f", "markdown"]).output
    assert "Not applicable here: Australia (au-ufit)" in md and "CG-AU-UFIT-001" not in md
    md = runner.invoke(app, ["screen", path, "-f", "markdown", "--all-frameworks"]).output
    assert md.index("## Advice from frameworks") > md.index("CG-NO-PARTNER-001")
