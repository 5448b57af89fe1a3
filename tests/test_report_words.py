"""Words, not internals (issue #14, item 5): a report never prints a field path or a Python value
("agreement.ipr = False", "True", "personnel[0]"); it says what is missing in words."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from rich.console import Console

from collabguard.models.report import Report
from collabguard.report.html import render_html
from collabguard.report.markdown import render_markdown
from collabguard.report.terminal import render_terminal
from collabguard.report.wording import fields_in_words, in_words
from collabguard.screener import Screener
from tests.conftest import EXAMPLES, TODAY

INTERNALS = re.compile(r"\b(agreement|data|strac|export_control)\.[a-z_]+\b|\bduration_months\b|\b(True|False|None)\b"
                       r"|\b(partners|personnel|funding|travel)\[\d+\]|\b[a-z_]+ = ")


@pytest.mark.parametrize(("raw", "words"), [
    ("(activity = research, agreement.written = True, agreement.termination = False)",
     "(a research cooperation, there is a written agreement, the agreement does not say how the cooperation can be ended)"),
    ("The cooperation is long (duration_months = 48): plan", "The cooperation is long (48 months): plan"),
    ("(data.personal_data = True)", "(the proposal says it collects or processes personal data)"),
    ("(agreement.written = False)", "(there is no written agreement)"),
    ("(agreement.ipr = False)", "(the agreement does not settle intellectual property rights)"),
    ("a person (personnel = personnel[0] (visiting PhD student): guest) to work",
     "a person (team member 1 (visiting PhD student) as a guest) to work"),
    ("a programme (talent_programmes = ['personnel[0]', 'personnel[2]'])", "a programme (declared by team member 1, team member 3)"),
    ("Which country is travel[1] in?", "Which country is trip 2 in?"),
    ("Is 'BUAA' (personnel[0].affiliations[1]) the listed …?", "Is 'BUAA' (team member 1's affiliation 2) the listed …?"),
    ("What kind of organisation is partners[2] (Acme)?", "What kind of organisation is partner 3 (Acme)?"),
    ("touches Quantum sensing (ca-stra.quantum.sensing, match), Satellites (ca-stra.aerospace.satellites, possible) and",
     "touches Quantum sensing, Satellites (possibly) and"),
])
def test_field_paths_and_values_are_put_in_words(raw: str, words: str) -> None:
    assert in_words(raw) == words


def test_a_rules_facts_are_said_in_words() -> None:
    fields = {"activity": "research", "agreement.written": True, "agreement.publication": False}
    assert fields_in_words(fields) == ("the agreement does not settle publication and authorship; "  # what is missing first
                                       "a research cooperation; there is a written agreement")
    assert fields_in_words({}) == "—"
    message = "The agreement leaves out publication (activity = research, agreement.written = True, agreement.publication = False)."
    assert in_words(message, fields) == f"The agreement leaves out publication ({fields_in_words(fields)})."


def views(report: Report) -> dict[str, str]:
    short, full = io.StringIO(), io.StringIO()
    render_terminal(report, Console(file=short, width=100, no_color=True))
    render_terminal(report, Console(file=full, width=100, no_color=True), details=True, all_frameworks=True)
    html = unescape(re.sub(r"<[^>]+>", " ", render_html(report)))
    return {"terminal": short.getvalue(), "terminal --details --all-frameworks": full.getvalue(),
            "markdown": render_markdown(report, details=True, all_frameworks=True), "html": html,
            "summary": report.summary.model_dump_json()}


@pytest.mark.parametrize("example", sorted(p.stem for p in EXAMPLES.glob("*.yaml")))
def test_no_view_prints_a_field_path_or_a_python_value(example: str) -> None:
    report = Screener().screen(EXAMPLES / f"{example}.yaml", today=TODAY)
    for view, text in views(report).items():
        found = [m.group(0) for m in INTERNALS.finditer(" ".join(text.split()))]
        assert not found, (view, found)


def test_what_is_missing_is_said_in_words_in_the_report() -> None:
    report = Screener().screen(EXAMPLES / "listed-partner-sensitive-area.yaml", today=TODAY)
    (flag,) = [f for f in report.flags if f.rule_id == "CG-NO-AGREEMENT-002"]
    assert flag.evidence.fields == {"activity": "research", "agreement.written": True, "agreement.termination": False}
    said = "the agreement does not say how the cooperation can be ended"
    assert all(said in " ".join(text.split()) for text in views(report).values() if "CG-NO-AGREEMENT-002" in text)
