"""The HTML report is readable: every severity badge (white text on its colour) and every coloured
text on the white page reaches the WCAG 2.1 AA contrast of 4.5:1 (issue #20). The colours are read
from the CSS of a rendered report, so a colour changed there is checked here."""

from __future__ import annotations

import re

import pytest

from collabguard.report.html import render_html
from collabguard.screener import Screener
from tests.conftest import EXAMPLES, TODAY

AA = 4.5
SEVERITIES = ("critical", "high", "medium", "low", "info", "none")
COLOURED_TEXT = ("proceed", "proceed_with_mitigations", "needs_review", "escalate", "do_not_proceed", "unconfirmed",
                 "meta", "tag", "small")


def _luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of #rgb or #rrggbb."""
    hexes = colour.lstrip("#")
    if len(hexes) == 3:
        hexes = "".join(c * 2 for c in hexes)
    channels = [int(hexes[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(scope="module")
def css() -> dict[str, dict[str, str]]:
    """``{".medium": {"background": "#8a6100"}, …}`` from the report's <style> (grouped selectors split)."""
    page = render_html(Screener().screen(EXAMPLES / "listed-partner-sensitive-area.yaml", today=TODAY))
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
    assert style is not None
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}@]+)\{([^{}]*)\}", style.group(1)):
        props = dict(p.split(":", 1) for p in body.split(";") if ":" in p)
        for selector in selectors.split(","):
            rules.setdefault(selector.strip(), {}).update({k.strip(): v.strip() for k, v in props.items()})
    return rules


def test_the_contrast_formula_gives_the_published_figures() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-failing grey
    assert contrast("#bf8700", "#ffffff") < AA  # the old medium badge: 3.1:1


@pytest.mark.parametrize("severity", SEVERITIES)
def test_each_severity_badge_is_readable(css: dict[str, dict[str, str]], severity: str) -> None:
    text = css[".sev"]["color"]
    background = css[f".{severity}"]["background"]
    assert contrast(text, background) >= AA, f"{severity}: {background} with {text}"


@pytest.mark.parametrize("name", COLOURED_TEXT)
def test_coloured_text_is_readable_on_the_page(css: dict[str, dict[str, str]], name: str) -> None:
    page = css["body"].get("background", "#ffffff")
    colour = css[f".{name}"]["color"]
    assert contrast(colour, page) >= AA, f"{name}: {colour} on {page}"
