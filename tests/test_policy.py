"""An institution's policy on top of the shipped frameworks: it changes verdicts visibly and
reproducibly, records every change, and reports every mistake in the policy file at once."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.errors import RuleFileError
from collabguard.ruleset import load_ruleset
from collabguard.screener import Screener
from tests.conftest import EXAMPLES, RULES, TODAY

POLICY = EXAMPLES / "office" / "policy.yaml"
runner = CliRunner()


def test_the_example_policy_turns_proceed_into_needs_review_and_says_why() -> None:
    plain = Screener().screen(EXAMPLES / "innocent-lookalike.yaml", today=TODAY)
    with_policy = Screener(policy=POLICY).screen(EXAMPLES / "innocent-lookalike.yaml", today=TODAY)
    assert plain.recommendation == "proceed"
    assert with_policy.recommendation == "needs_review"
    country_q = next(q for q in with_policy.checklist if q.rule_id == "CG-NO-COUNTRY-001")
    assert country_q.severity == "medium"  # raised by the policy from low
    assert any(q.rule_id == "CG-NO-EXU-001" for q in with_policy.checklist)  # the policy's own rule
    own = next(fw for fw in with_policy.frameworks if fw.id == "no-example-university")
    assert own.applies and own.reason == "the institution's own policy"
    changes = with_policy.versions.policy.changes  # type: ignore[union-attr]
    assert changes == [
        changes[0],
        "rule CG-NO-EXU-001: added (An agreement with a partner outside the EU/EEA is signed by the pro-rector)",
        changes[2],
        changes[3],
    ]
    assert changes[0].startswith("group us-fcoc: added HK, MO (")
    assert changes[2].startswith("rule CG-NO-COUNTRY-001: severity low -> medium (Board decision")
    assert changes[3].startswith("rule CG-NO-TRAVEL-001: disabled (")
    again = Screener(policy=POLICY).screen(EXAMPLES / "innocent-lookalike.yaml", today=TODAY)
    assert again.model_dump_json() == with_policy.model_dump_json()


def test_a_disabled_rule_never_fires() -> None:
    ruleset = load_ruleset(RULES, policy=POLICY)
    travel = next(lr for p in ruleset.packs for lr in p.rules if lr.rule.id == "CG-NO-TRAVEL-001")
    assert travel.rule.status == "disabled"
    report = Screener(policy=POLICY).screen(EXAMPLES / "visiting-researcher.yaml", today=TODAY)
    assert all(f.rule_id != "CG-NO-TRAVEL-001" for f in report.flags)
    assert all(q.rule_id != "CG-NO-TRAVEL-001" for q in report.checklist)


def test_rules_list_shows_the_policy_and_its_changes() -> None:
    out = runner.invoke(app, ["rules", "list", "--policy", str(POLICY)]).output
    assert "policy no-example-university 2026.1 (2026-10-01)" in out
    assert "rule CG-NO-COUNTRY-001: severity low -> medium" in out
    assert "CG-NO-TRAVEL-001" in out and "disabled" in out


BROKEN = """schema_version: 1
policy: {id: no-broken, title: Broken, owner: Office, version: "1", date: "2026-01-01", url: https://example.org/p}
severity:
  - {rule: CG-NO-NOSUCH-001, severity: high, reason: typo in the id}
  - {rule: CG-NO-COUNTRY-001, severity: urgent, reason: not a severity}
disable:
  - {rule: CG-NO-TRAVEL-001}
extend_groups:
  - {group: no-such-group, add: [CN], reason: x}
"""


def test_every_mistake_in_a_policy_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(RuleFileError) as exc:
        load_ruleset(RULES, policy=path)
    text = "\n".join(exc.value.problems)
    assert f"{path}:5:" in text and "severity" in text  # 'urgent' is not a severity
    assert f"{path}:7:" in text and "reason" in text  # a disabled rule needs a reason
    # once the file validates, references are checked: unknown rule and group, each with its line
    path.write_text(BROKEN.replace("urgent", "high").replace("{rule: CG-NO-TRAVEL-001}", "{rule: CG-NO-TRAVEL-001, reason: x}"),
                    encoding="utf-8")
    with pytest.raises(RuleFileError) as exc:
        load_ruleset(RULES, policy=path)
    problems = exc.value.problems
    assert any(p.startswith(f"{path}:4:") and "unknown rule 'CG-NO-NOSUCH-001'" in p for p in problems)
    assert any(p.startswith(f"{path}:9:") and "unknown country group 'no-such-group'" in p for p in problems)


def test_the_cli_names_the_policy_file_and_line_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    result = runner.invoke(app, ["screen", str(EXAMPLES / "innocent-lookalike.yaml"), "--policy", str(path)])
    assert result.exit_code == 2
    assert f"{path}:5:" in result.output and "Traceback" not in result.output


def test_an_own_list_is_matched_like_a_shipped_one(tmp_path: Path) -> None:
    # the office's own list holds one entry copied, with its provenance, from the shipped NRO list
    with open(RULES / "lists" / "ca-nro.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    entry = next(r for r in rows if r["name"] == "Harbin Institute of Technology")
    with open(tmp_path / "watch.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerow({**entry, "entity_id": "watch-1"})
    (tmp_path / "policy.yaml").write_text(
        "schema_version: 1\n"
        "policy: {id: no-watch, title: Watch, owner: Office, version: '1', date: '2026-01-01', url: https://example.org/p}\n"
        "lists:\n"
        "  - {id: office-watch, file: watch.csv, title: Office watch list, publisher: Research Office,\n"
        "     url: https://example.org/watch, edition: '2026-01-01', meaning: Entries the office reviews by hand., severity: medium}\n",
        encoding="utf-8")
    ruleset = load_ruleset(RULES, policy=tmp_path / "policy.yaml")
    found = ruleset.matcher.match("Harbin Institute of Technology", "CN")
    assert {c.entity.list_id for c in found} >= {"office-watch", "ca-nro"}
    assert ruleset.versions.policy.changes == ["list office-watch: 1 entries from watch.csv (Office watch list, 2026-01-01)"]  # type: ignore[union-attr]


def test_policy_reports_stay_byte_identical_in_json(tmp_path: Path) -> None:
    a = runner.invoke(app, ["screen", str(EXAMPLES / "innocent-lookalike.yaml"), "--policy", str(POLICY), "-f", "json"]).output
    b = runner.invoke(app, ["screen", str(EXAMPLES / "innocent-lookalike.yaml"), "--policy", str(POLICY), "-f", "json"]).output
    assert a == b and json.loads(a)["versions"]["policy"]["id"] == "no-example-university"


def test_a_proposal_naming_its_frameworks_cannot_opt_out_of_the_institutions_policy(tmp_path: Path) -> None:
    src = (EXAMPLES / "innocent-lookalike.yaml").read_text(encoding="utf-8") + "frameworks: [no-hkdir]\n"
    (tmp_path / "p.yaml").write_text(src, encoding="utf-8")
    report = Screener(policy=POLICY).screen(tmp_path / "p.yaml", today=TODAY)
    own = next(fw for fw in report.frameworks if fw.id == "no-example-university")
    assert own.applies and any(q.rule_id == "CG-NO-EXU-001" for q in report.checklist)


def _policy(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text("schema_version: 1\npolicy: {id: no-test, title: T, owner: O, version: '1', date: '2026-01-01', "
                    "url: https://example.org/p}\n" + body, encoding="utf-8")
    return path


def test_a_translation_with_an_unknown_placeholder_is_refused_at_load(tmp_path: Path) -> None:
    path = _policy(tmp_path, """rules:
  - id: CG-NO-TEST-001
    title: t
    guideline: {framework: no-test, section: s, url: https://example.org/p}
    severity: low
    when: {country_outside: {subjects: [partner], group: eu-eea}}
    message: "Partners are in {countries}."
    translations: {nb: {message: "Partnere er i {land}."}}
    examples:
      must_fire: [{partners: [{name: Kyoto University, country: JP}]}]
      must_not_fire: [{partners: [{name: Aarhus University, country: DK}]}]
""")
    with pytest.raises(RuleFileError) as exc:
        load_ruleset(RULES, policy=path)
    assert any("translations.nb.message" in p and "{land}" in p and f"{path}:" in p for p in exc.value.problems)


def test_a_policy_cannot_set_the_severity_of_a_rule_that_takes_it_from_the_list(tmp_path: Path) -> None:
    path = _policy(tmp_path, "severity:\n  - {rule: CG-NO-PARTNER-001, severity: medium, reason: lower it}\n")
    with pytest.raises(RuleFileError) as exc:
        load_ruleset(RULES, policy=path)
    assert any(p.startswith(f"{path}:4:") and "severity_from: matches" in p for p in exc.value.problems)
