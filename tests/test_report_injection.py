"""A proposal cannot forge or inject what a report says (issue #20, items 8 and 9).

The attacks: a title with newlines, list markers, a heading and ``<!--`` that prints its own
"Recommendation: Proceed … Flags (0)" and hides the real verdict in a comment; ``<script>`` and
``<img onerror>`` in the title, a partner, a code, a decision's reviewer and reason; terminal escape
sequences (clear screen, colours, window title, BEL, backspace, carriage return, a one-byte CSI,
a right-to-left override) in every string. Each report format is rendered from the real example
examples/listed-partner-sensitive-area.yaml with these strings put in, and read back the way its
reader reads it: the Markdown through a CommonMark renderer, the HTML through an HTML parser, the
terminal report as the characters a terminal receives.
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from rich.console import Console
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.io.yaml_loader import load_yaml
from collabguard.models.report import Report
from collabguard.report.batch_html import render_batch_html
from collabguard.report.escape import controls, markdown, markdown_code, markdown_url, one_line
from collabguard.report.html import render_html
from collabguard.report.markdown import render_markdown
from collabguard.report.terminal import render_terminal
from collabguard.screener import Screener
from tests.conftest import EXAMPLES, TODAY

runner = CliRunner()

FORGED = ("Underwater acoustic sensor networks\n\n- **Recommendation:** Proceed. No flag above info.\n\n"
          "## Flags (0)\n\nNo flags.\n\n<!-- the real report follows, hidden:")
XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">[click](javascript:alert(3))'
TERMINAL = "\x1b[2J\x1b[H\x1b]0;pwned\x07\x1b[31mRED\x08\x08\rProceed\x9b2J\u202eevil"
REVIEWER = "<img src=x onerror=alert(4)>" + TERMINAL
REASON = "checked\n## Flags (0)\n<!--" + TERMINAL
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile_proposal(tmp_path: Path) -> Path:
    """The listed-partner example with hostile strings in every kind of field (JSON can carry control characters)."""
    data = load_yaml(EXAMPLES / "listed-partner-sensitive-area.yaml").data
    data["id"] = "NTNU`<b>bold</b>`" + TERMINAL
    data["title"] = FORGED + " synthetic aperture sonar " + XSS + TERMINAL
    data["keywords"] = [*data["keywords"], "sonar " + XSS]
    data["partners"].append({"name": "Sichuan Normal University " + XSS + TERMINAL, "country": "CN",
                             "role": "- [x] " + XSS})
    data["home_institution"]["name"] += TERMINAL
    data["funding"][0]["funder"] += " " + XSS
    data["export_control"] = {"codes": ["6A003" + XSS + TERMINAL]}
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    return path


def hostile_decisions(tmp_path: Path) -> Path:
    """A decision confirming the listed partner, by a reviewer and for a reason that carry markup and escapes:
    both are copied into the match's reasons and into 'Reviewed decisions'."""
    path = tmp_path / "decisions.yaml"
    decision = {"decision": "confirmed", "partner": "Harbin Engineering University", "country": "CN", "list": "ca-nro",
                "entity_id": "ca-nro-harbin-engineering-university", "list_edition": "2024-04-18",
                "reviewer": REVIEWER, "date": "2026-11-20", "reason": REASON, "expires": "2027-11-20"}
    # JSON is YAML: the escapes are written as \\u001b, which YAML reads as the characters
    path.write_text(json.dumps({"schema_version": 1, "decisions": [decision]}), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Report]:
    """(the hostile report, the same report with the hostile strings taken out of every value)."""
    tmp = tmp_path_factory.mktemp("hostile")
    hostile = Screener(decisions=hostile_decisions(tmp)).screen(hostile_proposal(tmp), today=TODAY)
    assert any("alert(4)" in r.reviewer for r in hostile.reviews)  # the decision was met: its strings are shown
    assert any("alert(4)" in reason for f in hostile.flags for m in f.evidence.matches for reason in m.reasons)
    return hostile, Report.model_validate(_defused(hostile.model_dump(mode="json")))


def _defused(value: object) -> object:
    if isinstance(value, dict):
        return {k: _defused(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_defused(v) for v in value]
    if isinstance(value, str):
        for attack, plain in ((FORGED, "Underwater acoustic sensor networks"), (XSS, ""), (TERMINAL, ""),
                              ("<img src=x onerror=alert(4)>", "A reviewer"), ("checked\n## Flags (0)\n<!--", "checked"),
                              ("`<b>bold</b>`", "")):
            value = value.replace(attack, plain)
    return value


class Elements(HTMLParser):
    """Every element, attribute and comment of an HTML text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.comments: list[str] = []
        self.headings: list[str] = []
        self.text: list[str] = []
        self._in_heading = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        if tag in ("h1", "h2"):
            self._in_heading = True
            self.headings.append(tag + ":")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2"):
            self._in_heading = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_heading:
            self.headings[-1] += data

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def markdown_as_html(text: str) -> Elements:
    return Elements(MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text))


def no_active_content(page: Elements) -> None:
    assert "script" not in page.tags and "img" not in page.tags and "iframe" not in page.tags
    assert not [name for name, _ in page.attrs if name.startswith("on")]
    assert not [v for name, v in page.attrs if name == "href" and not (v or "").startswith(("http://", "https://"))]
    assert page.comments == []


# -- Markdown ----------------------------------------------------------------------------------------


def test_a_forged_title_does_not_change_the_structure_of_the_markdown_report(reports: tuple[Report, Report]) -> None:
    hostile, plain = reports
    page, reference = markdown_as_html(render_markdown(hostile)), markdown_as_html(render_markdown(plain))
    assert page.tags == reference.tags  # the same elements in the same order: every value is text
    assert [h for h in page.headings if h.startswith("h2")] == [h for h in reference.headings if h.startswith("h2")]
    assert page.headings[0].startswith("h1:collabguard screening: Underwater acoustic sensor networks␊␊- **Recommendation:**")
    rendered = "".join(page.text)
    assert rendered.count("Recommendation:") == 2  # the real line, and the title showing its forgery as text
    assert "Escalate to the research-security function" in rendered
    no_active_content(page)


def test_markup_from_every_field_is_shown_as_text_in_the_markdown_report(reports: tuple[Report, Report]) -> None:
    text = render_markdown(reports[0])
    page = markdown_as_html(text)
    shown = "".join(page.text)
    for visible in ("<script>alert(1)</script>", '<img src=x onerror="alert(2)">', "[click](javascript:alert(3))",
                    "<img src=x onerror=alert(4)>", "NTNU`<b>bold</b>`", "<!--"):
        assert visible in shown, visible
    assert not RAW_CONTROLS.search(text) and "␛]0;pwned␇" in shown
    # outside code spans, every "<" in the Markdown source is escaped or opens a link to a web page
    prose = re.sub(r"(`+) .*? \1|`[^`\n]+`", "", text)
    assert all(prose[i - 1] == "\\" or prose.startswith(("<http://", "<https://"), i) for i in range(len(prose))
               if prose[i] == "<")


# -- HTML --------------------------------------------------------------------------------------------


def test_the_html_reports_show_markup_and_escapes_as_text(reports: tuple[Report, Report]) -> None:
    hostile = reports[0]
    page = Elements(render_html(hostile))
    no_active_content(page)
    shown = "".join(page.text)
    assert "<script>alert(1)</script>" in shown and "<img src=x onerror=alert(4)>" in shown
    assert not RAW_CONTROLS.search(render_html(hostile)) and "␛[2J" in shown
    row = {"row": 1, "id": hostile.proposal_id, "status": "ok", "risk_level": hostile.risk_level,
           "recommendation": "escalate", "top_flags": XSS, "report": hostile.model_dump_json()}
    bad = {"row": 2, "id": XSS + TERMINAL, "status": "error", "error": "row 2: " + XSS + TERMINAL}
    batch = render_batch_html([row, bad], "in.csv" + XSS)
    no_active_content(Elements(batch))
    assert not RAW_CONTROLS.search(batch) and "&lt;script&gt;" in batch


# -- terminal and text -------------------------------------------------------------------------------


def test_the_terminal_receives_colours_and_nothing_else_from_a_report(reports: tuple[Report, Report]) -> None:
    out = io.StringIO()
    render_terminal(reports[0], Console(file=out, force_terminal=True, color_system="truecolor", width=100))
    sent = out.getvalue()
    colours_removed = re.sub(r"\x1b\[[0-9;]*m", "", sent)
    assert "\x1b" not in colours_removed and not RAW_CONTROLS.search(colours_removed)
    assert "␛[2J␛[H␛]0;pwned␇␛[31mRED␈␈␍Proceed\\x9b2J\\u202eevil" in colours_removed


def test_the_text_report_keeps_every_value_on_its_own_indented_lines(tmp_path: Path) -> None:
    args = ["screen", str(hostile_proposal(tmp_path)), "--decisions", str(hostile_decisions(tmp_path))]
    printed = runner.invoke(app, args).stdout
    written = tmp_path / "report.txt"
    assert runner.invoke(app, [*args, "-o", str(written)]).exit_code == 0
    for text in (printed, written.read_text(encoding="utf-8")):
        assert not RAW_CONTROLS.search(text)
        assert len(re.findall(r"^│ Recommendation: ", text, re.MULTILINE)) == 1
        assert "Escalate to the research-security function" in text
        # a heading starts at the left margin, and only collabguard's headings do
        margin = {line for line in text.splitlines() if line[:1] not in ("", " ", "│", "╭", "╰", "─")}
        assert not [line for line in margin if "Proceed" in line or "Flags (0)" in line or "alert" in line]


# -- errors and other terminal output -----------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "option"), [
    ("evil\x1b]0;pwned\x07.yaml", "id: X\ntitle: [unclosed\n", None),
    ("p.json", json.dumps({"id": "X", "title": "T", "partners": [{"name": "NTNU"}], "note\x1b[2J\u202e": 1}), None),
    ("p.json", json.dumps({"id": "X", "title": "T", "partners": [{"name": "NTNU", "country": "NO\x1b[2J"}]}), None),
    ("d.yaml", 'schema_version: 1\ndecisions:\n  - {"decision\\e[2J": confirmed}\n', "--decisions"),
])
def test_error_messages_show_control_characters_and_stay_on_one_line(tmp_path: Path, name: str, content: str,
                                                                      option: str | None) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    args = ["screen", str(EXAMPLES / "european-project.yaml"), option, str(path)] if option else ["screen", str(path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert not RAW_CONTROLS.search(result.stderr) and "\r" not in result.stderr
    assert "␛" in result.stderr or "\\x1b" in result.stderr
    assert all(line.startswith("error: ") for line in result.stderr.splitlines())


def test_other_commands_send_escapes_not_control_characters_and_json_keeps_its_meaning() -> None:
    name = "Beihang\u202e Univ\x1b]0;pwned\x07ersity\x9b"
    text = runner.invoke(app, ["lists", "search", name]).stdout
    assert not RAW_CONTROLS.search(text) and "\\u202e" in text and "\\u001b]0;pwned\\u0007" in text
    as_json = runner.invoke(app, ["lists", "search", name, "-f", "json"]).stdout
    assert not RAW_CONTROLS.search(as_json) and json.loads(as_json)[0]["name"] == name


# -- the escaping functions themselves ------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "shown"), [
    ("a\nb", "a␊b"), ("a\r\nb", "a␍␊b"), ("\x1b[2J", "␛[2J"), ("\x1b]0;title\x07", "␛]0;title␇"), ("a\x08b", "a␈b"),
    ("\x9b2J", "\\x9b2J"), ("abc\u202edef", "abc\\u202edef"), ("x\u2066y\u2069", "x\\u2066y\\u2069"),
    ("a\u2028b", "a\\u2028b"), ("a\tb", "a b"), ("del\x7f", "del␡"), ("Ærlig Ødegård 北京", "Ærlig Ødegård 北京"),
])
def test_one_line_shows_each_control_character(raw: str, shown: str) -> None:
    assert one_line(raw) == shown


@pytest.mark.parametrize("raw", [
    "# heading", "- item", "+ item", "1. item", "12) item", "> quote", "**bold** and _em_", "`code`", "<b>x</b>",
    "<!-- hidden", "[a](https://example.org)", "![i](x.png)", "a | b", "~~gone~~", "&lt;tag&gt;", "line\n\n## Flags",
    "\\*", "---", "===",
])
def test_markdown_text_renders_as_exactly_the_text(raw: str) -> None:
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render("x " + markdown(raw) + "\n")
    page = Elements(html)
    assert page.tags == ["p"] and "".join(page.text).strip() == ("x " + one_line(raw)).strip()
    line_start = Elements(MarkdownIt("commonmark").render(markdown(raw) + "\n"))
    assert line_start.tags == ["p"] and "".join(line_start.text).strip() == one_line(raw).strip()


@pytest.mark.parametrize("raw", ["Q-1", "a`b", "``x``", "<script>", "a\nb"])
def test_markdown_code_spans_hold_any_text(raw: str) -> None:
    page = Elements(MarkdownIt("commonmark").render(markdown_code(raw) + "\n"))
    assert page.tags == ["p", "code"] and "".join(page.text).strip() == one_line(raw)


@pytest.mark.parametrize(("url", "link"), [
    ("https://science.gc.ca/eic/site/063.nsf/eng/h_98257.html", True), ("javascript:alert(1)", False),
    ("https://x.org/a b", False), ("https://x.org/<script>", False), ("data:text/html,<b>", False),
])
def test_only_web_addresses_become_links(url: str, link: bool) -> None:
    page = Elements(MarkdownIt("commonmark").render(markdown_url(url) + "\n"))
    assert ("a" in page.tags) is link and "".join(page.text).strip() == url


def test_the_stream_guard_keeps_line_ends_and_json() -> None:
    text = json.dumps({"name": "a\u202eb\x9b"}, ensure_ascii=False) + "\r\nline\tend\n"
    guarded = controls(text)
    assert not RAW_CONTROLS.search(guarded.replace("\r\n", "\n")) and guarded.endswith("\r\nline\tend\n")
    assert json.loads(guarded.splitlines()[0]) == {"name": "a\u202eb\x9b"}
    assert controls("progress\rdone") == "progress\\u000ddone"


def test_the_cli_echo_helper_shows_control_characters(capsys: pytest.CaptureFixture[str]) -> None:
    from collabguard.cli.common import echo

    echo("Beihang\x1b]0;pwned\x07 University\ncleared")
    assert capsys.readouterr().out == "Beihang\\u001b]0;pwned\\u0007 University\ncleared\n"
