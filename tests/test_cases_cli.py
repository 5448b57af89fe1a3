"""`collabguard screen FILE --save` and `collabguard cases …`: thin commands over the case register."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabguard.cli.main import app
from tests.cases_support import FICTIONAL, proposal, rules_with_new_listing
from tests.conftest import EXAMPLES, RULES

runner = CliRunner()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "register"
    monkeypatch.setenv("COLLABGUARD_HOME", str(folder))
    monkeypatch.setenv("COLLABGUARD_USER", "kari")
    monkeypatch.delenv("COLLABGUARD_DATABASE_URL", raising=False)
    return folder


def invoke(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin, catch_exceptions=False)


def _answers(path: Path, *items: tuple[str, str]) -> Path:
    lines = ["schema_version: 1", "reviewer: Kari Nordmann", "date: 2026-12-04", "answers:"]
    lines += [f"  - {{id: {q}, answer: {a}}}" for q, a in items]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_screen_save_prints_the_report_and_the_case_id_on_stderr(home: Path) -> None:
    result = invoke("screen", str(EXAMPLES / "horizon-consortium.yaml"), "--save", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["proposal_id"] == "NTNU-2026-0311"
    assert result.stderr.startswith("saved: C-2026-") and "version 1: saved, waiting_for_answers" in result.stderr
    assert (home / "cases.sqlite3").is_file()
    listed = invoke("cases", "list")
    assert listed.exit_code == 0
    assert "NTNU-2026-0311" in listed.stdout and "waiting_for_answers" in listed.stdout and "1 case\n" in listed.stdout


def test_screen_save_with_redact_saves_the_full_report_and_prints_the_redacted_one(home: Path) -> None:
    result = invoke("screen", str(EXAMPLES / "visiting-researcher.yaml"), "--save", "--redact", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["redacted"] is True
    shown = json.loads(invoke("cases", "show", "UIB-2026-V-009", "-f", "json").stdout)
    assert shown["report"]["redacted"] is False


def test_screen_save_refuses_publications(home: Path) -> None:
    result = invoke("screen", str(EXAMPLES / "horizon-consortium.yaml"), "--save", "--publications", str(EXAMPLES / "x.txt"))
    assert result.exit_code == 2 and "does not keep publication exports" in result.stderr


def test_the_case_workflow_answer_decide_close_export(home: Path, tmp_path: Path) -> None:
    saved = invoke("screen", str(EXAMPLES / "lookalike-same-name-other-country.yaml"), "--save", "-f", "json")
    report = json.loads(saved.stdout)
    identity = next(q["id"] for q in report["checklist"] if q["reason"] == "confirm_identity")
    answers = _answers(tmp_path / "answers.yaml", (identity, "no"))

    answered = invoke("cases", "answer", "C-2026-0001", str(answers), "--expect-version", "1", "--user", "ola")
    assert answered.exit_code == 0, answered.output
    assert answered.stdout.startswith("C-2026-0001 version 2: answered")
    stale = invoke("cases", "answer", "C-2026-0001", str(answers), "--expect-version", "1")
    assert stale.exit_code == 2
    assert stale.stderr.startswith("error: case C-2026-0001 changed since you opened it (version 1): version 2 by ola on ")

    decided = invoke("cases", "decide", "C-2026-0001", "--decision", "proceed", "--reason", "Boston, not Shenyang")
    assert decided.exit_code == 0 and "version 3: decided (recommendation" in decided.stdout
    wrong = invoke("cases", "decide", "C-2026-0001", "--decision", "approve", "--reason", "x")
    assert wrong.exit_code == 2

    text = invoke("cases", "show", "C-2026-0001").stdout
    assert "status: decided (proceed)" in text
    assert f"answered {identity}: no" in text and "decided proceed" in text and "v2 " in text and " ola: answered" in text
    detail = json.loads(invoke("cases", "show", "C-2026-0001", "--format", "json").stdout)
    assert detail["case"]["version"] == 3 and [v["kind"] for v in detail["versions"]] == ["saved", "answered", "decided"]

    assert invoke("cases", "close", "C-2026-0001", "--reason", "agreement signed").exit_code == 0
    assert json.loads(invoke("cases", "list", "--status", "closed", "-f", "json").stdout)[0]["case_id"] == "C-2026-0001"
    assert invoke("cases", "reopen", "C-2026-0001").exit_code == 0

    out = tmp_path / "export"
    out.mkdir()
    exported = invoke("cases", "export", "C-2026-0001", "--output", str(out))
    assert exported.exit_code == 0, exported.output
    bundle = json.loads((out / "C-2026-0001.json").read_text(encoding="utf-8"))
    assert len(bundle["versions"]) == 5 and (out / "C-2026-0001.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    single = invoke("cases", "export", "C-2026-0001", "-o", str(tmp_path / "case.json"))
    assert single.exit_code == 0 and (tmp_path / "case.json").is_file() and (tmp_path / "case.html").is_file()


def test_list_filters_and_formats(home: Path) -> None:
    for example in ("horizon-consortium.yaml", "european-project.yaml"):
        assert invoke("screen", str(EXAMPLES / example), "--save", "-f", "json").exit_code == 0
    rows = json.loads(invoke("cases", "list", "--partner", "toronto", "--format", "json").stdout)
    assert [r["proposal_id"] for r in rows] == ["NTNU-2026-0311"]
    assert json.loads(invoke("cases", "list", "--risk", "info", "-f", "json").stdout)[0]["proposal_id"] == "UIB-2026-0102"
    assert json.loads(invoke("cases", "list", "--framework", "ca-strac", "-f", "json").stdout)[0]["case_id"] == "C-2026-0001"
    assert invoke("cases", "list", "--status", "closed").stdout == "no cases\n"
    assert invoke("cases", "list", "--status", "pending").exit_code == 2


def test_rescreen_prints_the_changed_cases_with_the_difference_and_exits_0(home: Path, tmp_path: Path) -> None:
    case = tmp_path / "p.json"
    case.write_text(json.dumps(proposal("P-1", partner=FICTIONAL)), encoding="utf-8")
    assert invoke("screen", str(case), "--save", "-f", "json").exit_code == 0
    same = invoke("cases", "rescreen")
    assert same.exit_code == 0 and same.stdout.startswith("no case changed")
    newer = rules_with_new_listing(RULES, tmp_path)
    changed = invoke("cases", "rescreen", "--rules", str(newer), "--user", "monitor")
    assert changed.exit_code == 0, changed.output
    assert "C-2026-0001 (P-1)" in changed.stdout and "version 1 → 2" in changed.stdout
    assert f"new match: '{FICTIONAL}' (partner) ~ {FICTIONAL} [aspi-cdut, aspi-test-fictional]" in changed.stdout
    assert "version: list aspi-cdut: 2020-08-21 → 2026-12-01" in changed.stdout
    again = invoke("cases", "rescreen", "--rules", str(newer), "--format", "json")
    assert again.exit_code == 0 and json.loads(again.stdout) == []


def test_users_add_reads_the_password_from_stdin_never_an_argument(home: Path) -> None:
    added = invoke("cases", "users", "add", "kari", stdin="correct horse battery\n")
    assert added.exit_code == 0, added.output
    assert invoke("cases", "users", "list").stdout == "kari\n"
    assert invoke("cases", "users", "add", "ola", stdin="short\n").exit_code == 2
    assert invoke("cases", "users", "password", "kari", stdin="another long password\n").exit_code == 0
    from collabguard.cases import CaseRegister

    with CaseRegister(home=home) as register:
        assert register.users.verify("kari", "another long password")


def test_errors_are_one_line_with_exit_2(home: Path, tmp_path: Path) -> None:
    missing = invoke("cases", "show", "C-2026-0042")
    assert missing.exit_code == 2
    assert missing.stderr == f"error: no case C-2026-0042 in the register at {home / 'cases.sqlite3'}\n"
    bad_url = invoke("cases", "list", "--database-url", "mysql://x@y/z")
    assert bad_url.exit_code == 2 and "'mysql' is not supported" in bad_url.stderr
    unreachable = invoke("cases", "list", "--database-url", f"postgresql://kari:s3cret@/cases?host={tmp_path}&port=1")
    assert unreachable.exit_code == 2 and unreachable.stderr.startswith("error: the case register at postgresql")
    assert "s3cret" not in unreachable.stderr and len(unreachable.stderr.splitlines()) == 1
    folder = tmp_path / "a-folder"
    (folder / "cases.sqlite3").mkdir(parents=True)
    assert invoke("cases", "list", "--home", str(folder)).exit_code == 2


def test_the_home_flag_and_the_database_url_choose_the_register(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    assert invoke("screen", str(EXAMPLES / "european-project.yaml"), "--save", "--home", str(other)).exit_code == 0
    assert (other / "cases.sqlite3").is_file() and not (home / "cases.sqlite3").exists()
    url = f"sqlite:///{other / 'cases.sqlite3'}"
    assert "UIB-2026-0102" in invoke("cases", "list", "--database-url", url).stdout
