"""Rule texts in Norwegian Bokmål (--lang nb): every no-hkdir rule has them, placeholders intact."""

from __future__ import annotations

import string

from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.ruleset import get_ruleset
from collabguard.screener import Screener
from tests.conftest import EXAMPLES, TODAY

runner = CliRunner()


def _fields(text: str | None) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text or "") if f}


def test_every_no_hkdir_rule_has_bokmal_texts_with_the_same_placeholders() -> None:
    for lr in get_ruleset().pack("no-hkdir").rules:
        rule, nb = lr.rule, lr.rule.translations.get("nb")
        assert nb is not None and nb.title, rule.id
        assert (nb.message is None) == (rule.message is None), rule.id
        assert (nb.question is None) == (rule.question is None), rule.id
        assert _fields(nb.message) == _fields(rule.message) and _fields(nb.question) == _fields(rule.question), rule.id
        assert len(nb.mitigations or []) == len(rule.mitigations), rule.id


def test_a_report_in_bokmal_has_norwegian_flags_and_says_its_language() -> None:
    report = Screener().screen(EXAMPLES / "listed-partner-sensitive-area.yaml", today=TODAY, lang="nb")
    english = Screener().screen(EXAMPLES / "listed-partner-sensitive-area.yaml", today=TODAY)
    assert report.language == "nb" and english.language == "en"
    flag = next(f for f in report.flags if f.rule_id == "CG-NO-PARTNER-001")
    assert "samsvarer med" in flag.message and "Harbin Engineering University" in flag.message
    # same findings, only the words differ
    assert [(f.rule_id, f.severity) for f in report.flags] == [(f.rule_id, f.severity) for f in english.flags]
    assert report.recommendation == english.recommendation


def test_an_unknown_language_is_one_clear_line() -> None:
    result = runner.invoke(app, ["screen", str(EXAMPLES / "innocent-lookalike.yaml"), "--lang", "de"])
    assert result.exit_code == 2
    assert "language 'de' is not available; choose one of: en, nb" in result.output
    assert "Traceback" not in result.output
