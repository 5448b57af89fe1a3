"""A report an officer reads in two minutes (issue #14, item 4): the text report of the quick-start
example fits in 80 lines at 100 columns and the Horizon consortium in 140; the Markdown report is
as compact; the details (every near miss, every list's evidence, every mitigation) are in the HTML
and JSON, and in the terminal behind --details. Wrapped lines keep their indent; web addresses are
never broken."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from rich.text import Text
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.report.html import render_html
from collabguard.report.labels import near_miss_lines
from collabguard.report.terminal_text import at
from collabguard.screener import Screener
from tests.conftest import EXAMPLES, TODAY

runner = CliRunner()
# (example, most lines of the text report at 100 columns, most lines of the Markdown report)
BUDGETS = [("listed-partner-sensitive-area", 80, 70), ("horizon-consortium", 140, 100)]
URL = re.compile(r"https?://\S+")
HEADING = re.compile(r"^(Frameworks|Flags \(|Advice from frameworks|Checklist: open questions|Answered questions|"
                     r"Reviewed decisions|Warnings|Sensitive technology areas|Names checked|Coverage)")


def screen(*args: str, columns: int = 100) -> str:
    result = runner.invoke(app, ["screen", *args], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(("example", "text_lines", "markdown_lines"), BUDGETS)
def test_the_report_fits_its_length_budget(example: str, text_lines: int, markdown_lines: int) -> None:
    text = screen(str(EXAMPLES / f"{example}.yaml"))
    assert len(text.splitlines()) <= text_lines
    markdown = screen(str(EXAMPLES / f"{example}.yaml"), "-f", "markdown")
    assert len(markdown.splitlines()) <= markdown_lines
    before = {"listed-partner-sensitive-area": 242, "horizon-consortium": 547}[example]  # at 80 columns, before #14
    assert len(screen(str(EXAMPLES / f"{example}.yaml"), columns=80).splitlines()) < before / 2


@pytest.mark.parametrize("example", sorted(p.stem for p in EXAMPLES.glob("*.yaml")))
@pytest.mark.parametrize("columns", [80, 100, 120])
def test_every_line_fits_the_width_and_only_headings_start_at_the_margin(example: str, columns: int) -> None:
    for args in ((), ("--details", "--all-frameworks")):
        for line in screen(str(EXAMPLES / f"{example}.yaml"), *args, columns=columns).splitlines():
            assert len(line) <= columns or URL.search(line), line  # only a web address may run past the width
            if line[:1] not in ("", " ", "│", "╭", "╰"):
                assert HEADING.match(line), line


def test_a_wrapped_line_keeps_its_indent_and_a_web_address_is_never_broken() -> None:
    out = io.StringIO()
    url = "https://hkdir.no/en/guidelines-and-tools-for-responsible-international-knowledge-cooperation/concepts-needs"
    at(Console(file=out, width=40, no_color=True), 6, Text(f"→ Plan a midway assessment, see {url} (2026-11-28), and "
                                                          "record the criteria for ending the cooperation."), first=4)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("    → ") and all(line.startswith("      ") and line[6] != " " for line in lines[1:])
    assert [line.strip() for line in lines if "https://" in line] == [url]  # whole, on a line of its own
    assert all(len(line) <= 40 for line in lines if url not in line)


def test_every_detail_is_behind_details_and_in_the_html() -> None:
    path = EXAMPLES / "horizon-consortium.yaml"
    report = Screener().screen(path, today=TODAY)
    near = near_miss_lines(report)
    sources = {m.source_url for f in report.flags for m in f.evidence.matches}
    guidelines = {f.guideline.url for f in report.counted_flags}
    assert near and sources and guidelines
    short, details, html = screen(str(path)), screen(str(path), "--details", columns=80), render_html(report)
    for line in near:
        assert line not in short and line in " ".join(details.split()) and line.replace("'", "&#x27;") in html
    for url in sources | guidelines:  # every list's evidence and every guideline, each address whole on one line
        assert url not in short and any(url in line for line in details.splitlines()) and url in html
    assert all(m in " ".join(details.split()) for f in report.counted_flags for m in f.mitigations)
