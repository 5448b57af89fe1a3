"""Bugs found in review of the batch, decisions, answers, import and service work: each pinned."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import yaml
from typer.testing import CliRunner

from collabguard import Screener
from collabguard.cli.main import app
from collabguard.engine.answers import load_answers
from collabguard.engine.screen import screen
from collabguard.errors import RuleFileError
from collabguard.io.proposal_loader import load_proposal
from collabguard.models.proposal import Proposal
from collabguard.ruleset import RuleSet
from tests.conftest import EXAMPLES, REPO, RULES, TODAY

runner = CliRunner()


def batch(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["batch", *args, "--quiet"])


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_an_unclosed_quote_gives_every_line_it_swallows_an_error_row_naming_the_lines(tmp_path: Path) -> None:
    # error rows, not a refusal of the file: every input row still gets its output row (rows before
    # the quote, and after it once it closes, are screened), and each message says that a quote is
    # left open and on which lines
    src = tmp_path / "s.csv"
    src.write_text('id,title,partners,partner_countries\nR3,T,"Beihang University,CN\nR4,F,Beihang University,CN\n'
                   "R0,Fine,Aarhus University,DK\n")
    result = batch(str(src), "-o", str(tmp_path / "o.csv"))
    assert result.exit_code == 2 and "is a quote left open?" in result.output
    out = rows(tmp_path / "o.csv")
    assert [(r["row"], r["id"], r["status"]) for r in out] == [("2", "R3", "error"), ("3", "R4", "error"), ("4", "R0", "error")]
    assert "row 2: a quote opened in this row is never closed (lines 2–4), and line(s) 3, 4 look like rows" in out[0]["error"]
    assert "inside a quoted cell that opens in row 2: not screened (is a quote left open in row 2?)" in out[1]["error"]


def test_a_row_with_more_cells_than_columns_is_an_error_row(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text('id,title,partners,abstract\nT1,Sonar,Aarhus University,seabed, synthetic aperture sonar\n'
                   'T2,Sonar,Aarhus University,"seabed, synthetic aperture sonar"\n')
    assert batch(str(src), "-o", str(tmp_path / "o.csv")).exit_code == 2
    out = rows(tmp_path / "o.csv")
    assert out[0]["status"] == "error" and "5 cells but 4 columns" in out[0]["error"] and out[1]["status"] == "ok"


def test_apostrophes_never_become_the_quote_character(tmp_path: Path) -> None:
    src = tmp_path / "q.csv"
    src.write_text("id,title,partners,partner_countries\nQ1,'t Hooft Institute studies,Aarhus University,DK\n"
                   'Q2,"Sonar, deep",Harbin Engineering University,CN\n')
    assert batch(str(src), "-o", str(tmp_path / "o.json")).exit_code == 0
    out = json.loads((tmp_path / "o.json").read_text())
    assert out[1]["report"]["flags"] and out[1]["report"]["title"] == "Sonar, deep"


def test_mac_line_ends_and_rows_after_a_multi_line_cell(tmp_path: Path) -> None:
    src = tmp_path / "m.csv"
    src.write_bytes(b'id,title,partners\rA1,"Two\nlines",Aarhus University\rA2,T,Aarhus University\r')
    assert batch(str(src), "-o", str(tmp_path / "o.csv")).exit_code == 0
    assert [r["row"] for r in rows(tmp_path / "o.csv")] == ["2", "4"]  # the line each record starts on


def test_jsonl_lines_that_are_not_objects_are_error_rows(tmp_path: Path) -> None:
    src = tmp_path / "j.jsonl"
    src.write_text('[1, 2]\n5\nnull\n{"title": "T", "partners": [{"name": "Aarhus University", "country": "DK"}]}\n'
                   '{"title": "with \u2028 inside", "partners": [{"name": "Aarhus University", "country": "DK"}]}\n')
    assert batch(str(src), "-o", str(tmp_path / "o.csv")).exit_code == 2
    out = rows(tmp_path / "o.csv")
    assert [r["status"] for r in out] == ["error", "error", "error", "ok", "ok"]
    assert "must be a JSON object, not list" in out[0]["error"]


def test_control_characters_do_not_break_an_xlsx_output(tmp_path: Path) -> None:
    src = tmp_path / "c.csv"
    src.write_text("id,title,partners\nB\x01X,T,Aarhus University\n")
    assert batch(str(src), "-o", str(tmp_path / "o.xlsx")).exit_code == 0


def test_the_output_never_overwrites_the_input(tmp_path: Path) -> None:
    src = tmp_path / "same.csv"
    src.write_text("id,title,partners\nA,T,Aarhus University\n")
    result = batch(str(src), "-o", str(src))
    assert result.exit_code == 2 and "overwrite the input" in result.output
    assert src.read_text().startswith("id,title")


def test_html_summary_counts_proposals_not_flags(tmp_path: Path) -> None:
    src = tmp_path / "one.csv"
    src.write_text("id,title,partners,partner_countries,home_country\nA,Sonar,Harbin Engineering University,CN,NO\n")
    assert batch(str(src), "-o", str(tmp_path / "o.csv"), "--report", str(tmp_path / "r.html")).exit_code == 0
    page = (tmp_path / "r.html").read_text()  # one row per entity, every list that names it, one proposal
    assert len(re.findall(r"<td>Harbin Engineering University \[[^<]*\bca-nro\b[^<]*\]</td><td>1</td>", page)) == 1


def answers(tmp_path: Path, date: str, *items: dict[str, str]) -> Path:
    f = tmp_path / "a.yaml"
    f.write_text(yaml.safe_dump({"schema_version": 1, "reviewer": "R", "date": date, "answers": list(items)}))
    return f


def test_an_identity_answer_given_before_today_still_applies(ruleset: RuleSet, tmp_path: Path) -> None:
    proposal = load_proposal(EXAMPLES / "lookalike-same-name-other-country.yaml")
    q = next(q for q in screen(proposal, ruleset, today=TODAY).checklist if q.reason == "confirm_identity")
    final = screen(proposal, ruleset, today=TODAY, answers=load_answers(answers(tmp_path, "2026-11-20", {"id": q.id, "answer": "no"})))
    assert not any(f.rule_id == "CG-NO-PARTNER-001" for f in final.flags) and final.reviews == []


def test_question_ids_do_not_change_when_other_answers_change_the_evidence(ruleset: RuleSet, tmp_path: Path) -> None:
    data = {"id": "s", "title": "Honey bee drone congregation areas", "home_institution": {"name": "UW", "country": "CA"},
            "personnel": [{"affiliations": [{"name": "Sichuan University", "country": "CN"}]}],
            "funding": [{"funder": "NSERC", "country": "CA"}], "strac": {"advances_stra": True}}
    proposal = Proposal.model_validate(data)
    first = screen(proposal, ruleset, today=TODAY)
    area = next(q for q in first.checklist if q.reason == "confirm_area" and "uncrewed" in q.question)
    attest = next(q for q in first.checklist if q.rule_id == "CG-CA-STRAC-004" and q.reason == "judgement")
    final = screen(proposal, ruleset, today=TODAY, answers=load_answers(answers(tmp_path, "2026-11-28", {"id": area.id, "answer": "yes"},
                                                               {"id": attest.id, "answer": "yes", "note": "not yet"})))
    assert any(f.rule_id == "CG-CA-STRAC-004" and f.confirmed for f in final.flags)
    assert not any(q.id == attest.id for q in final.checklist)


def test_unsure_about_a_missing_fact_leaves_the_question_open(ruleset: RuleSet, tmp_path: Path) -> None:
    proposal = load_proposal(EXAMPLES / "visiting-researcher.yaml").model_copy(update={"activity": "research"})
    dmp = next(q for q in screen(proposal, ruleset, today=TODAY).checklist if q.question == "Is there a data management plan?")
    final = screen(proposal, ruleset, today=TODAY, answers=load_answers(answers(tmp_path, "2026-11-28", {"id": dmp.id, "answer": "unsure"})))
    assert any(q.id == dmp.id for q in final.checklist)


def test_an_answer_given_twice_is_refused(tmp_path: Path) -> None:
    f = answers(tmp_path, "2026-11-28", {"id": "Q-0123456789", "answer": "yes"}, {"id": "Q-0123456789", "answer": "no"})
    try:
        load_answers(f)
    except RuleFileError as exc:
        assert "answered twice" in exc.problems[0]
    else:
        raise AssertionError("expected RuleFileError")


def test_decisions_conflicts_and_cleared_without_edition_are_refused(tmp_path: Path) -> None:
    from collabguard.decisions import load_decisions

    base = {"decision": "cleared", "partner": "X", "country": "US", "list": "aspi-cdut", "entity_id": "e",
            "reviewer": "R", "date": "2026-11-20", "reason": "reviewed", "expires": "2027-11-20"}
    f = tmp_path / "d.yaml"
    f.write_text(yaml.safe_dump({"schema_version": 1, "decisions": [{**base, "list_edition": "x"}, {**base, "decision": "confirmed"}]}))
    try:
        load_decisions(f)
    except RuleFileError as exc:
        text = " ".join(exc.problems)
        assert "another decision for the same partner" in text
    f.write_text(yaml.safe_dump({"schema_version": 1, "decisions": [base]}))
    try:
        load_decisions(f)
    except RuleFileError as exc:
        assert "list_edition: required for a cleared match" in exc.problems[0]


def test_a_decision_naming_an_unknown_entry_is_a_warning(ruleset: RuleSet, tmp_path: Path) -> None:
    from collabguard.decisions import load_decisions

    f = tmp_path / "d.yaml"
    f.write_text(yaml.safe_dump({"schema_version": 1, "decisions": [{
        "decision": "cleared", "partner": "X", "country": "US", "list": "aspi-cdut", "entity_id": "aspi-typo",
        "list_edition": "2020-08-21", "reviewer": "R", "date": "2026-11-20", "reason": "reviewed", "expires": "2027-11-20"}]}))
    report = screen(load_proposal(EXAMPLES / "european-project.yaml"), ruleset, today=TODAY, decisions=load_decisions(f))
    assert any("no entry 'aspi-typo'" in w for w in report.warnings)


def test_rescreen_respects_decisions_and_refuses_reports_without_names(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    decisions = str(EXAMPLES / "office" / "decisions.yaml")
    report.write_text(runner.invoke(app, ["screen", str(EXAMPLES / "lookalike-same-name-other-country.yaml"),
                                          "--decisions", decisions, "-f", "json"]).output)
    assert runner.invoke(app, ["rescreen", str(report), "--decisions", decisions, "--rules", str(RULES)]).exit_code == 0
    data = json.loads(report.read_text())
    data["screened_names"] = []
    report.write_text(json.dumps(data))
    result = runner.invoke(app, ["rescreen", str(report)])
    assert result.exit_code == 2 and "does not list the names it screened" in result.output


def test_imports_check_the_format_and_the_rows(tmp_path: Path) -> None:
    fixtures = REPO / "tests" / "data" / "imports"
    wrong = runner.invoke(app, ["lists", "import", str(fixtures / "opensanctions.csv"), "-f", "csl", "-o", str(tmp_path / "x.csv")])
    assert wrong.exit_code == 2 and "not a csl file: missing column(s) _id" in wrong.output
    bad = tmp_path / "bad.csv"
    bad.write_text("entity_id,name,country\n,Empty Id,CN\nb,Bad Country,Narnia\n")
    result = runner.invoke(app, ["lists", "import", str(bad), "-f", "csv", "-o", str(tmp_path / "y.csv")])
    assert result.exit_code == 2 and "entity_id and name are required" in result.output


def test_lists_diff_refuses_files_without_the_schema_and_sees_country_changes(tmp_path: Path) -> None:
    header = "entity_id,name,name_local,aliases,acronyms,country,list_source,risk_level,category,source_url,source_date\n"
    old, new, bad = tmp_path / "o.csv", tmp_path / "n.csv", tmp_path / "b.csv"
    old.write_text(header + "g,Gamma Lab,,,,RU,x,,,https://e.org,2025\n")
    new.write_text(header + "g,Gamma Lab,,,,IR,x,,,https://e.org,2026\n")
    bad.write_text("name\nX\n")
    assert "changed  g  Gamma Lab [IR]" in runner.invoke(app, ["lists", "diff", str(old), str(new)]).output
    assert runner.invoke(app, ["lists", "diff", str(bad), str(new)]).exit_code == 2


def test_screen_many_never_raises() -> None:
    results = list(Screener(rules=RULES).screen_many([5, None, {"title": "T"}]))  # type: ignore[list-item]
    assert [r.report for r in results] == [None, None, None] and all(r.error for r in results)
