"""The workbench's colours reach WCAG 2.x AA contrast (4.5:1 for text): read from the stylesheet itself,
so a colour changed there is checked here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_report_contrast import contrast  # the WCAG formula, once

CSS = (Path(__file__).resolve().parents[1] / "src" / "collabguard" / "web" / "static" / "workbench.css").read_text(encoding="utf-8")
WHITE = "#ffffff"


def _declared(selector: str, prop: str) -> str:
    """The colour a rule of the stylesheet gives ``selector`` for ``prop`` (color / background)."""
    for rule in re.finditer(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", CSS, flags=re.DOTALL)):
        selectors = [s.strip() for s in rule.group(1).split(",")]
        if selector in selectors:
            found = re.search(rf"(?:^|;){prop}:(#[0-9a-fA-F]{{3,6}})", rule.group(2))
            if found:
                return found.group(1)
    raise AssertionError(f"workbench.css gives {selector} no {prop}")


def test_the_contrast_formula_is_the_wcag_one() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes on white


@pytest.mark.parametrize("badge", [".critical", ".high", ".medium", ".low", ".info"])
def test_severity_badges_keep_white_text_readable(badge: str) -> None:
    assert contrast(WHITE, _declared(badge, "background")) >= 4.5


@pytest.mark.parametrize("text", ["body", "a", ".meta", ".small", ".proceed", ".proceed_with_mitigations", ".needs_review",
                                  ".escalate", ".do_not_proceed", ".unconfirmed", ".req", ".who"])
def test_text_colours_are_readable_on_white(text: str) -> None:
    assert contrast(_declared(text, "color"), WHITE) >= 4.5


def test_buttons_keep_their_text_readable() -> None:
    assert contrast(WHITE, _declared("button", "background")) >= 4.5
    assert contrast(WHITE, _declared("button.danger", "background")) >= 4.5
