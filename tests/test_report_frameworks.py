"""Frameworks in the report (issue #14, item 2): those that apply come first, with their verdicts;
the others are named in one line and their findings folded away (the JSON keeps them, marked
advisory; `--all-frameworks` shows them). A framework that does not apply never shows a verdict in
red: no "escalate" or "critical" beside it, in any view."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.models.report import Report
from collabguard.report.html import render_html
from collabguard.report.markdown import render_markdown
from collabguard.report.terminal import render_terminal
from collabguard.screener import Screener
from tests.conftest import EXAMPLES, TODAY

RED = re.compile(r"escalate|critical|high|do.not.proceed|needs.review|proceed", re.IGNORECASE)
EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    screener = Screener()
    return {name: screener.screen(EXAMPLES / f"{name}.yaml", today=TODAY) for name in EXAMPLE_NAMES}


def terminal(report: Report, **options: bool) -> str:
    out = io.StringIO()
    render_terminal(report, Console(file=out, width=160, no_color=True), **options)
    return out.getvalue()


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_a_framework_that_does_not_apply_never_shows_a_verdict(reports: dict[str, Report], example: str) -> None:
    report = reports[example]
    others = [fw for fw in report.frameworks if not fw.applies]
    text = terminal(report, all_frameworks=True).splitlines()
    md = render_markdown(report, all_frameworks=True).splitlines()
    html = re.findall(r"<tr>.*?</tr>", render_html(report), re.DOTALL)
    for fw in others:
        (row,) = [line for line in text if re.match(rf"\s+{re.escape(fw.id)}\s\s", line)]
        assert "does not apply" in row and not RED.search(row.replace(fw.reason, "")), row
        (row,) = [line for line in md if line.startswith(f"| {fw.title.split(' (')[0]}")]
        assert "does not apply" in row and not RED.search(row.replace(fw.reason, "").replace(fw.title, "")), row
        (row,) = [r for r in html if f"<td>{fw.title.split(' (')[0]}" in r.replace("&#x27;", "'")]
        assert "does not apply" in row and 'class="rec' not in row and 'class="sev' not in row, row


def test_the_frameworks_that_apply_come_first_and_the_others_in_one_line(reports: dict[str, Report]) -> None:
    report = reports["horizon-consortium"]
    applying = [fw.id for fw in report.frameworks if fw.applies]
    assert applying == ["ca-strac", "eu-research-security", "nl-knowledge-security", "no-hkdir"]
    text = terminal(report)
    rows = [line.split()[0] for line in text.splitlines() if re.match(r"\s+(au|ca|eu|nl|no|uk|us)-[a-z-]+\s", line)]
    assert rows == applying  # only those that apply have a row …
    (line,) = [line for line in text.splitlines() if "Not applicable here:" in line]
    assert "au-ufit, ca-nsgrp, uk-trusted-research, us-research-security" in line  # … the others share one line
    everything = terminal(report, all_frameworks=True)
    rows = [line.split()[0] for line in everything.splitlines() if re.match(r"\s+(au|ca|eu|nl|no|uk|us)-[a-z-]+\s", line)]
    assert rows[:len(applying)] == applying and sorted(rows[len(applying):]) == ["au-ufit", "ca-nsgrp", "uk-trusted-research",
                                                                               "us-research-security"]


def test_the_findings_of_frameworks_that_do_not_apply_are_folded_away_and_kept_as_advice(reports: dict[str, Report]) -> None:
    report = reports["listed-partner-sensitive-area"]
    advice = [f for f in report.flags if f.framework != "no-hkdir"]
    assert advice and all(f.advisory for f in advice) and report.advisory_flags == advice  # the JSON keeps them
    path = str(EXAMPLES / "listed-partner-sensitive-area.yaml")
    folded = CliRunner().invoke(app, ["screen", path]).stdout
    assert f"({len(advice)} findings folded away; --all-frameworks shows them)" in " ".join(folded.split())
    assert not any(f.rule_id in folded for f in advice) and not any(f.rule_id in render_markdown(report) for f in advice)
    shown = CliRunner().invoke(app, ["screen", path, "--all-frameworks"]).stdout
    assert all(f.rule_id in shown for f in advice)
    html = render_html(report)
    details = html[html.index("<details><summary>Advice from frameworks that do not apply"):]
    assert all(f.rule_id in details for f in advice)
    # the advice is grey: no severity badge in red for a framework that does not apply
    assert 'class="sev advice"' in details and not re.search(r'class="sev (critical|high)"', details.split("</details>")[0])
