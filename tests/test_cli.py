"""The CLI: reports in three formats, one exit-code table for every command, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from collabguard.cli.main import app
from tests.conftest import EXAMPLES, REPO, RULES

runner = CliRunner()
SCHEMA = json.loads((REPO / "schemas" / "report.schema.json").read_text())


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_screen_prints_a_readable_report() -> None:
    result = invoke("screen", str(EXAMPLES / "listed-partner-sensitive-area.yaml"))
    assert result.exit_code == 0
    out = result.output
    for text in ("Recommendation:", "Escalate", "CG-NO-PARTNER-001", "Harbin Engineering University",
                 "ca-nro", "Checklist", "Coverage", "not checked: Norwegian sanctions"):
        assert text in out, text


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_json_output_validates_against_the_published_schema(example: str) -> None:
    result = invoke("screen", str(EXAMPLES / example), "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    jsonschema.validate(report, SCHEMA)
    assert report["schema_version"] == "1.0"
    for key in ("proposal_id", "risk_level", "blocking", "recommendation", "flags", "checklist", "coverage", "versions"):
        assert key in report


def test_list_match_evidence_has_the_contract_fields() -> None:
    report = json.loads(invoke("screen", str(EXAMPLES / "visiting-researcher.yaml"), "-f", "json").output)
    match = report["flags"][0]["evidence"]["matches"][0]
    assert {"partner", "entity_id", "entity_name", "list", "score", "decision", "matched_name"} <= set(match)
    flag = report["flags"][0]
    assert {"rule_id", "framework", "severity", "blocking", "advisory", "message", "guideline", "evidence"} <= set(flag)
    assert set(flag["guideline"]) == {"framework", "section", "url", "url_nb", "checked"}


def test_markdown_report_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "case.md"
    result = invoke("screen", str(EXAMPLES / "strac-nserc-nro-affiliation.yaml"), "-f", "markdown", "-o", str(out))
    assert result.exit_code == 0 and result.output == ""
    text = out.read_text()
    assert text.startswith("# collabguard screening:") and "Do not proceed" in text and "CG-CA-STRAC-001" in text


def test_text_report_to_a_file_has_no_colour_codes(tmp_path: Path) -> None:
    out = tmp_path / "case.txt"
    assert invoke("screen", str(EXAMPLES / "iranian-partner.yaml"), "-o", str(out)).exit_code == 0
    assert "\x1b[" not in out.read_text() and "Sharif University of Technology" in out.read_text()


@pytest.mark.parametrize(
    ("example", "fail_on", "code"),
    [
        ("strac-nserc-nro-affiliation.yaml", "critical", 1),
        ("listed-partner-sensitive-area.yaml", "high", 1),
        ("european-project.yaml", "low", 0),  # only an info flag
        ("european-project.yaml", "info", 1),
    ],
)
def test_fail_on_sets_exit_code_1(example: str, fail_on: str, code: int) -> None:
    assert invoke("screen", str(EXAMPLES / example), "--fail-on", fail_on).exit_code == code


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "proposal file not found"),
        ("title: [broken\n", "invalid YAML"),
        ("partners:\n  - {name: X, country: DK}\n", "title: is required but missing"),
        ("title: T\n", "no partners and no personnel"),
        ("title: T\npartners:\n  - {name: X, country: Narnia}\n", "unknown country 'Narnia'"),
        ("title: T\nframeworks: [xx-nope]\npartners:\n  - {name: X, country: DK}\n", "unknown framework 'xx-nope'"),
        ("", "proposal file is empty"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_traceback(tmp_path: Path, content: str | None, message: str) -> None:
    f = tmp_path / "p.yaml"
    if content is not None:
        f.write_text(content)
    result = runner.invoke(app, ["screen", str(f)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert len([ln for ln in result.output.splitlines() if ln.startswith("error:")]) == 1


def test_binary_file_exits_2(tmp_path: Path) -> None:
    f = tmp_path / "scan.yaml"
    f.write_bytes(b"%PDF-1.7\x00\x00\x01")
    result = runner.invoke(app, ["screen", str(f)])
    assert result.exit_code == 2 and "binary" in result.output


def test_usage_errors_exit_2() -> None:
    result = runner.invoke(app, ["screen", str(EXAMPLES / "european-project.yaml"), "--format", "pdf"])
    assert result.exit_code == 2


def test_an_internal_error_exits_3_without_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    from collabguard.screener import Screener

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret personal data in a local variable")

    monkeypatch.setattr(Screener, "screen", boom)
    result = runner.invoke(app, ["screen", str(EXAMPLES / "european-project.yaml")])
    assert result.exit_code == 3
    assert "internal error" in result.output and "Traceback" not in result.output
    assert "secret personal data" not in result.output


def test_rules_validate_list_and_test() -> None:
    assert "ok: 8 pack(s)" in invoke("rules", "validate").output
    listing = invoke("rules", "list").output
    assert "CG-CA-STRAC-001" in listing and "BLOCKING" in listing
    result = invoke("rules", "test")
    assert result.exit_code == 0 and "0 failed" in result.output


def test_rules_validate_reports_every_problem_and_exits_2(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    pack = (root / "no-hkdir.yaml").read_text()
    (root / "no-hkdir.yaml").write_text(pack.replace("severity: high", "severity: severe").replace("decision: match", "decision: maybe"))
    result = runner.invoke(app, ["rules", "validate", str(root)])
    assert result.exit_code == 2
    lines = [ln for ln in result.output.splitlines() if ln.startswith("error:")]
    assert len(lines) > 3 and all(":" in ln.split("no-hkdir.yaml", 1)[1][:8] for ln in lines if "no-hkdir.yaml" in ln)


def test_lists_search_explains_candidates_and_near_misses() -> None:
    result = invoke("lists", "search", "Northeastern University", "--country", "US")
    assert result.exit_code == 0
    assert "possible" in result.output and "country US differs from the listed CN" in result.output
    near = invoke("lists", "search", "Sichuan Normal University", "--country", "CN").output
    assert "no match on any list" in near and "nearest: Sichuan University, rejected: extra word 'normal'" in near
    assert invoke("lists", "search", "X", "--country", "Narnia").exit_code == 2


def test_schema_command_prints_the_published_schema() -> None:
    assert json.loads(invoke("schema").output) == SCHEMA


def test_html_report_is_self_contained_and_escaped(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(
        'title: "<script>alert(1)</script> quantum sensing"\n'
        "home_institution: {name: UiO, country: NO}\n"
        'partners:\n  - {name: "<img src=x onerror=alert(1)>", country: CN}\n'
    )
    out = tmp_path / "r.html"
    assert invoke("screen", str(hostile), "-f", "html", "-o", str(out)).exit_code == 0
    page = out.read_text()
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
    assert "Content-Security-Policy" in page and "http://" not in page.split("<body>")[0]
    assert oct(out.stat().st_mode & 0o777) != oct(0o600)  # an ordinary file, not mkstemp's private one


def test_fail_on_ignores_advisory_findings_when_a_framework_applies() -> None:
    # Norwegian proposal: the only critical flag is Canada's STRAC, which does not apply here.
    assert invoke("screen", str(EXAMPLES / "iranian-partner.yaml"), "--fail-on", "critical").exit_code == 0
    assert invoke("screen", str(EXAMPLES / "iranian-partner.yaml"), "--fail-on", "high").exit_code == 1


def test_output_to_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["screen", str(EXAMPLES / "european-project.yaml"), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "is a folder" in result.output


def test_deeply_nested_json_is_bad_input_not_a_crash(tmp_path: Path) -> None:
    f = tmp_path / "deep.json"
    f.write_text('{"title": "T", "x": ' + "[" * 100000 + "]" * 100000 + "}")
    result = runner.invoke(app, ["screen", str(f)])
    assert result.exit_code == 2 and "too deep" in result.output


def test_debug_mode_still_exits_3_on_internal_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    from collabguard.screener import Screener

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(Screener, "screen", boom)
    monkeypatch.setenv("COLLABGUARD_DEBUG", "1")
    assert runner.invoke(app, ["screen", str(EXAMPLES / "european-project.yaml")]).exit_code == 3


def test_version_and_completion_are_offered() -> None:
    from collabguard.version import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"collabguard {__version__}"
    assert "--install-completion" in runner.invoke(app, ["--help"]).output


def test_the_policy_variable_is_honoured_like_the_option(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    example = str(EXAMPLES / "innocent-lookalike.yaml")
    plain = json.loads(runner.invoke(app, ["screen", example, "-f", "json"]).stdout)
    monkeypatch.setenv("COLLABGUARD_POLICY", str(EXAMPLES / "office" / "policy.yaml"))
    from_env = json.loads(runner.invoke(app, ["screen", example, "-f", "json"]).stdout)
    assert plain["recommendation"] == "proceed" and plain["versions"]["policy"] is None
    assert from_env["recommendation"] == "needs_review" and from_env["versions"]["policy"]["id"]
    out = tmp_path / "out.csv"
    assert runner.invoke(app, ["batch", str(EXAMPLES / "batch.csv"), "-o", str(out), "-q"]).exit_code in (0, 2)
    import pandas as pd

    assert (tmp_path / "out.csv").exists() and len(pd.read_csv(out)) > 0


@pytest.mark.parametrize("command", [["lists", "show"], ["screen", "examples/horizon-consortium.yaml"],
                                     ["areas", "quantum sensing and hypersonic glide vehicles"]])
def test_a_closed_pipe_ends_quietly(command: list[str]) -> None:
    import subprocess
    import sys

    shell = f"{sys.executable} -m collabguard {' '.join(repr(c) for c in command)} | head -1"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr
