"""The case register, on SQLite and on PostgreSQL (the same tests, the same code): saving, answering,
deciding, listing, the append-only history, optimistic concurrency, monitoring, export, accounts and
migrations."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError

from collabguard.cases import CaseConflict, CaseRegister
from collabguard.cases.tables import VERSIONS
from collabguard.errors import CollabguardError, InputError, UsageError
from collabguard.screener import Screener
from tests.cases_support import FICTIONAL, Clock, answers, postgres, proposal, rules_with_new_listing
from tests.conftest import EXAMPLES, RULES


@pytest.fixture(scope="module")
def screener() -> Screener:
    s = Screener(RULES)
    s.warm()
    return s


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cases.sqlite3'}"
    try:
        return postgres().new_database()
    except RuntimeError as exc:
        pytest.skip(f"PostgreSQL cannot run here: {exc}")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def register(url: str, screener: Screener, clock: Clock) -> Iterator[CaseRegister]:
    with CaseRegister(screener, url=url, now=clock) as reg:
        yield reg


# -- saving ----------------------------------------------------------------------------------------


def test_a_saved_screening_is_a_case_with_its_proposal_report_and_versions(register: CaseRegister, screener: Screener) -> None:
    saved = register.save(EXAMPLES / "horizon-consortium.yaml", "kari")
    assert (saved.case_id, saved.number, saved.kind, saved.user) == ("C-2026-0001", 1, "saved", "kari")
    assert saved.report is not None and saved.report.recommendation == "escalate"
    detail = register.show("C-2026-0001")
    assert detail.case.proposal_id == "NTNU-2026-0311"
    assert detail.case.status == "waiting_for_answers"  # the report has open questions
    assert detail.case.partners == ["Delft University of Technology", "University of Toronto", "Zhejiang University"]
    assert detail.report.model_dump(exclude={"screened_on"}) == saved.report.model_dump(exclude={"screened_on"})
    assert detail.proposal["id"] == "NTNU-2026-0311"
    # the stored proposal screens to the same report (a case can always be screened again)
    again = screener.screen(detail.proposal)
    assert [q.id for q in again.checklist] == [q.id for q in detail.report.checklist]
    # the rule, list and policy versions are kept with the version
    (version,) = register.export("C-2026-0001").versions
    assert version.versions is not None
    assert {p.id: p.version for p in version.versions.packs} == {p.id: p.version for p in screener.rules_info().packs}
    assert detail.events[0].kind == "created" and detail.events[0].user == "kari"
    assert detail.events[0].at.tzinfo is not None and detail.events[0].at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


def test_a_case_is_found_by_its_proposal_id_too(register: CaseRegister) -> None:
    register.save(EXAMPLES / "russian-partner.yaml", "kari")
    assert register.show("UIT-2026-0031").case.case_id == "C-2026-0001"
    assert register.show("c-2026-0001").case.case_id == "C-2026-0001"
    with pytest.raises(InputError, match="no case C-2026-0099"):
        register.show("C-2026-0099")


def test_case_ids_count_up_per_year(register: CaseRegister, clock: Clock) -> None:
    first = register.save(proposal("P-1"), "kari")
    second = register.save(proposal("P-2"), "kari")
    clock.now = clock.now.replace(year=2027, month=1, day=2)
    third = register.save(proposal("P-3"), "kari")
    assert [first.case_id, second.case_id, third.case_id] == ["C-2026-0001", "C-2026-0002", "C-2027-0001"]


def test_saving_a_proposal_again_adds_a_version_to_its_open_case(register: CaseRegister) -> None:
    first = register.save(proposal("P-1"), "kari")
    q = first.report.checklist[0].id  # type: ignore[union-attr]
    register.answer(first.case_id, answers((q, "no", "checked")), "kari", 1)
    again = register.save(proposal("P-1", partner="University of Toronto", country="CA"), "ola")
    assert (again.case_id, again.number, again.kind, again.user) == (first.case_id, 3, "screened", "ola")
    assert again.report is not None and again.proposal is not None
    assert again.proposal["partners"][0]["name"] == "University of Toronto"
    # the answer given before still applies (if its question is still asked), and is still in the history
    assert [e.kind for e in register.show(first.case_id).events][:2] == ["created", "answer"]
    register.set_status(first.case_id, "closed", "kari", 3)
    fresh = register.save(proposal("P-1"), "kari")
    assert (fresh.case_id, fresh.number) == ("C-2026-0002", 1)  # a closed case is not reopened by saving


def test_a_case_with_no_questions_is_open(register: CaseRegister) -> None:
    saved = register.save(EXAMPLES / "european-project.yaml", "kari")
    assert saved.report is not None and not saved.report.checklist
    assert register.show(saved.case_id).case.status == "open"


def test_who_writes_must_be_said(register: CaseRegister) -> None:
    with pytest.raises(UsageError, match="say who is writing"):
        register.save(proposal(), "  ")


# -- answering, deciding, closing ------------------------------------------------------------------


def test_answers_screen_the_case_again_and_each_answer_is_an_event(register: CaseRegister) -> None:
    saved = register.save(EXAMPLES / "horizon-consortium.yaml", "kari")
    assert saved.report is not None
    area_q, judgement_q = saved.report.checklist[0].id, saved.report.checklist[1].id
    v2 = register.answer(saved.case_id, answers((area_q, "no", "magnetometers only")), "kari", 1)
    assert (v2.number, v2.kind) == (2, "answered")
    assert v2.report is not None and area_q not in {q.id for q in v2.report.checklist}
    v3 = register.answer(saved.case_id, answers((judgement_q, "yes"), reviewer="Ola Nordmann"), "ola", 2)
    assert v3.report is not None
    # every answer given so far is in the report in effect, with who gave it
    assert {(a.id, a.answer, a.reviewer) for a in v3.report.answers} == {
        (area_q, "no", "Kari Nordmann"), (judgement_q, "yes", "Ola Nordmann")}
    detail = register.show(saved.case_id)
    answered = [(e.question_id, e.answer, e.user, e.version) for e in detail.events if e.kind == "answer"]
    assert answered == [(area_q, "no", "kari", 2), (judgement_q, "yes", "ola", 3)]
    assert detail.case.open_questions == len(saved.report.checklist) - 2
    # a changed answer replaces the earlier one in effect; the earlier one stays in the history
    v4 = register.answer(saved.case_id, answers((area_q, "yes")), "kari", 3)
    assert v4.report is not None and area_q not in {q.id for q in v4.report.checklist}
    changed = [e for e in register.show(saved.case_id).events if e.kind == "answer"][-1]
    assert (changed.answer, changed.previous_answer) == ("yes", "no")
    assert "(was no)" in changed.message


def test_an_answer_to_a_question_the_case_does_not_ask_is_refused(register: CaseRegister) -> None:
    saved = register.save(proposal(), "kari")
    with pytest.raises(InputError, match=r"answers\[0\]\.id: Q-0000000000 is not a question of case C-2026-0001"):
        register.answer(saved.case_id, answers(("Q-0000000000", "yes")), "kari", 1)
    assert register.show(saved.case_id).case.version == 1  # nothing written


def test_a_decision_is_recorded_with_its_reason_and_the_recommendation(register: CaseRegister) -> None:
    saved = register.save(EXAMPLES / "horizon-consortium.yaml", "kari")
    decided = register.decide(saved.case_id, "proceed_with_mitigations", "export licence applied for", "kari", 1)
    assert (decided.number, decided.kind, decided.status, decided.screening) == (2, "decided", "decided", 1)
    (event,) = decided.events
    assert (event.decision, event.reason, event.recommendation) == ("proceed_with_mitigations", "export licence applied for",
                                                                     "escalate")
    summary = register.list()[0]
    assert (summary.status, summary.decision) == ("decided", "proceed_with_mitigations")
    with pytest.raises(UsageError, match="is not one of: proceed, proceed_with_mitigations, do_not_proceed"):
        register.decide(saved.case_id, "approve", "fine", "kari", 2)
    with pytest.raises(UsageError, match="say why"):
        register.decide(saved.case_id, "proceed", " ", "kari", 2)


def test_a_closed_case_takes_no_answers_or_decisions_until_reopened(register: CaseRegister) -> None:
    saved = register.save(proposal(), "kari")
    q = saved.report.checklist[0].id  # type: ignore[union-attr]
    register.set_status(saved.case_id, "closed", "kari", 1, reason="withdrawn by the applicant")
    with pytest.raises(UsageError, match="is closed; reopen it"):
        register.answer(saved.case_id, answers((q, "no")), "kari", 2)
    with pytest.raises(UsageError, match="is closed; reopen it"):
        register.decide(saved.case_id, "proceed", "fine now", "kari", 2)
    with pytest.raises(UsageError, match="already closed"):
        register.set_status(saved.case_id, "closed", "kari", 2)
    reopened = register.set_status(saved.case_id, "open", "ola", 2)
    with pytest.raises(UsageError, match="is not closed"):
        register.set_status(saved.case_id, "open", "ola", 3)
    assert reopened.status == "waiting_for_answers"
    assert [(e.status_from, e.status_to) for e in register.show(saved.case_id).events if e.kind == "status"] == [
        ("waiting_for_answers", "closed"), ("closed", "waiting_for_answers")]


# -- concurrency -----------------------------------------------------------------------------------


def test_a_write_on_an_old_version_is_a_conflict_and_writes_nothing(register: CaseRegister) -> None:
    saved = register.save(proposal(), "kari")
    q1, q2 = (q.id for q in saved.report.checklist[:2])  # type: ignore[union-attr]
    register.answer(saved.case_id, answers((q1, "no")), "ola", 1)
    with pytest.raises(CaseConflict) as caught:
        register.answer(saved.case_id, answers((q2, "no")), "kari", 1)
    message = str(caught.value)
    assert message.startswith("case C-2026-0001 changed since you opened it (version 1): version 2 by ola on 2026-12-04 ")
    assert message.endswith("UTC (answered); reload it and try again")
    with pytest.raises(CaseConflict):
        register.decide(saved.case_id, "proceed", "all fine", "kari", 1)
    assert register.show(saved.case_id).case.version == 2
    with pytest.raises(UsageError, match="has no version 7"):
        register.decide(saved.case_id, "proceed", "all fine", "kari", 7)


def test_the_database_refuses_a_second_version_with_the_same_number(register: CaseRegister) -> None:
    saved = register.save(proposal(), "kari")
    row = {"case_id": saved.case_id, "number": 1, "kind": "decided", "status": "decided", "at": saved.at, "user": "mallory",
           "screening": 1, "recommendation": "proceed", "risk_level": "none"}
    with pytest.raises(IntegrityError), register.engine.begin() as conn:
        conn.execute(insert(VERSIONS).values(**row))


def test_two_officers_answering_at_once_one_wins_the_other_gets_a_conflict_and_no_answer_is_lost(
        register: CaseRegister) -> None:
    saved = register.save(proposal(), "kari")
    q1, q2 = (q.id for q in saved.report.checklist[:2])  # type: ignore[union-attr]
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def officer(name: str, question: str) -> None:
        start.wait()
        try:
            outcomes[name] = register.answer(saved.case_id, answers((question, "no"), reviewer=name), name, 1).number
        except CaseConflict as exc:
            outcomes[name] = exc

    threads = [threading.Thread(target=officer, args=(n, q)) for n, q in (("kari", q1), ("ola", q2))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(type(v).__name__ for v in outcomes.values()) == ["CaseConflict", "int"]
    (loser,) = (n for n, v in outcomes.items() if isinstance(v, CaseConflict))
    (winner,) = (n for n, v in outcomes.items() if v == 2)
    conflict = outcomes[loser]
    assert isinstance(conflict, CaseConflict) and f"version 2 by {winner}" in str(conflict)
    # the loser reloads and answers again: both answers are in effect
    register.answer(saved.case_id, answers((q2 if loser == "ola" else q1, "no"), reviewer=loser), loser, conflict.current)
    assert {a.id for a in register.show(saved.case_id).report.answers} == {q1, q2}


def test_without_an_expected_version_a_write_goes_on_top_and_keeps_earlier_answers(register: CaseRegister) -> None:
    saved = register.save(proposal(), "kari")
    q1, q2 = (q.id for q in saved.report.checklist[:2])  # type: ignore[union-attr]
    register.answer(saved.case_id, answers((q1, "no")), "ola", None)
    register.answer(saved.case_id, answers((q2, "no")), "kari", None)
    assert {a.id for a in register.show(saved.case_id).report.answers} == {q1, q2}


# -- the audit trail -------------------------------------------------------------------------------


@pytest.mark.parametrize("statement", ["UPDATE case_versions SET note = 'rewritten'", "DELETE FROM case_versions",
                                       "UPDATE case_events SET data = '{}'", "DELETE FROM case_events"])
def test_the_history_cannot_be_rewritten_in_the_database(register: CaseRegister, statement: str) -> None:
    register.save(proposal(), "kari")
    with pytest.raises(Exception, match="append-only"), register.engine.begin() as conn:
        conn.execute(text(statement))
    assert len(register.show("C-2026-0001").versions) == 1


def test_every_change_is_a_version_numbered_without_gaps(register: CaseRegister) -> None:
    saved = register.save(proposal(), "kari")
    q = saved.report.checklist[0].id  # type: ignore[union-attr]
    register.answer(saved.case_id, answers((q, "no")), "kari", 1)
    register.decide(saved.case_id, "proceed", "partner checked", "ola", 2)
    register.set_status(saved.case_id, "closed", "ola", 3)
    detail = register.show(saved.case_id)
    assert [(v.number, v.kind, v.status, v.user) for v in detail.versions] == [
        (1, "saved", "waiting_for_answers", "kari"), (2, "answered", "waiting_for_answers", "kari"),
        (3, "decided", "decided", "ola"), (4, "status", "closed", "ola")]
    assert [v.screening for v in detail.versions] == [1, 2, 2, 2]
    assert all(e.version in {1, 2, 3, 4} for e in detail.events)
    assert [v.at for v in detail.versions] == sorted(v.at for v in detail.versions)


# -- listing ---------------------------------------------------------------------------------------


def test_the_list_filters_by_status_risk_framework_partner_and_text(register: CaseRegister) -> None:
    register.save(EXAMPLES / "horizon-consortium.yaml", "kari")      # C-2026-0001 escalate/high, Toronto, ca-strac applies
    register.save(EXAMPLES / "european-project.yaml", "kari")        # C-2026-0002 proceed/info, open
    register.save(EXAMPLES / "russian-partner.yaml", "kari")         # C-2026-0003 escalate/high
    register.decide("C-2026-0003", "do_not_proceed", "listed partner", "kari", 1)

    def ids(**filters: str) -> list[str]:
        return sorted(c.case_id for c in register.list(**filters))

    assert ids() == ["C-2026-0001", "C-2026-0002", "C-2026-0003"]
    assert ids(status="open") == ["C-2026-0002"]
    assert ids(status="decided") == ["C-2026-0003"]
    assert ids(status="waiting_for_answers") == ["C-2026-0001"]
    assert ids(risk="high") == ["C-2026-0001", "C-2026-0003"]
    assert ids(framework="ca-strac") == ["C-2026-0001"]
    assert ids(partner="TORONTO") == ["C-2026-0001"]
    assert ids(partner="bauman") == ["C-2026-0003"]
    assert ids(partner="Quantum") == []  # a word of a title is not a partner
    assert ids(partner="%") == [] and ids(partner="_") == []  # wildcards are plain characters
    assert ids(text="quantum") == ["C-2026-0001"]
    assert ids(text="uit-2026") == ["C-2026-0003"]
    assert register.list()[0].case_id == "C-2026-0003"  # the latest change first
    assert [c.case_id for c in register.list(limit=2)] + [c.case_id for c in register.list(limit=2, offset=2)] == [
        c.case_id for c in register.list()]
    with pytest.raises(UsageError, match="status: 'pending' is not one of"):
        register.list(status="pending")
    summary = next(c for c in register.list() if c.case_id == "C-2026-0001")
    assert (summary.proposal_id, summary.recommendation, summary.risk_level) == ("NTNU-2026-0311", "escalate", "high")


# -- monitoring ------------------------------------------------------------------------------------


def test_rescreen_changes_nothing_when_nothing_changed(register: CaseRegister) -> None:
    register.save(EXAMPLES / "horizon-consortium.yaml", "kari")
    register.save(proposal("P-2"), "kari")
    assert register.rescreen_all("monitor") == []
    assert [c.version for c in register.list()] == [1, 1]


def test_rescreen_after_a_list_update_records_the_new_match_and_reopens_a_decided_case(
        url: str, clock: Clock, tmp_path: Path, screener: Screener) -> None:
    with CaseRegister(screener, url=url, now=clock) as register:
        decided = register.save(proposal("P-1", partner=FICTIONAL), "kari")
        register.decide(decided.case_id, "proceed", "no concerns found", "kari", 1)
        closed = register.save(proposal("P-2", partner=FICTIONAL), "kari")
        register.set_status(closed.case_id, "closed", "kari", 1)
        untouched = register.save(proposal("P-3", partner="University of Toronto", country="CA"), "kari")
    newer = Screener(rules_with_new_listing(RULES, tmp_path))
    with CaseRegister(newer, url=url, now=clock) as register:
        (change,) = register.rescreen_all("monitor")
        assert (change.case_id, change.version_before, change.version_after) == (decided.case_id, 2, 3)
        assert (change.status_before, change.reopened) == ("decided", True)
        assert change.status_after in ("open", "waiting_for_answers")
        assert change.diff is not None and change.diff.changed
        added = {(m.partner, m.list, m.after) for m in change.diff.matches}
        assert (FICTIONAL, "aspi-cdut", "match") in added
        assert all(m.before is None for m in change.diff.matches)
        assert "list aspi-cdut: 2020-08-21 → 2026-12-01" in change.diff.versions
        assert change.diff.recommendation is not None and change.diff.recommendation.before == "needs_review"
        detail = register.show(decided.case_id)
        assert [e.kind for e in detail.events[-2:]] == ["rescreen", "reopened"]
        assert detail.versions[-1].kind == "rescreened" and detail.versions[-1].user == "monitor"
        assert register.show(closed.case_id).case.version == 2  # closed cases are not screened again
        assert register.show(untouched.case_id).case.version == 1  # unchanged cases get no version
        assert register.rescreen_all("monitor") == []  # the change is recorded once


# -- export ----------------------------------------------------------------------------------------


def test_export_has_every_version_with_its_proposal_and_report_and_the_html_report(register: CaseRegister) -> None:
    saved = register.save(proposal(), "kari")
    q = saved.report.checklist[0].id  # type: ignore[union-attr]
    register.answer(saved.case_id, answers((q, "no")), "kari", 1)
    register.decide(saved.case_id, "proceed", "partner checked", "kari", 2)
    bundle = register.export(saved.case_id)
    data = json.loads(bundle.model_dump_json())
    assert data["format"] == "collabguard-case" and "html" not in data
    assert [(v["number"], v["report"] is not None) for v in data["versions"]] == [(1, True), (2, True), (3, False)]
    assert data["versions"][1]["answers"]["answers"][0]["id"] == q
    assert [e["kind"] for e in data["events"]] == ["created", "answer", "screened", "decision"]
    assert bundle.html.startswith("<!doctype html>") and "Quantum sensing with Zhejiang University" in bundle.html


# -- accounts --------------------------------------------------------------------------------------


def test_accounts_keep_only_a_salted_scrypt_hash(register: CaseRegister) -> None:
    register.users.add("kari", "correct horse battery")
    register.users.add("ola", "correct horse battery")
    assert register.users.verify("kari", "correct horse battery")
    assert not register.users.verify("kari", "correct horse batterY")
    assert not register.users.verify("nobody", "correct horse battery")
    with register.engine.connect() as conn:
        stored = dict(conn.execute(text("SELECT name, password FROM users")).all())
    assert all(h.startswith("scrypt$32768$8$1$") and "correct" not in h for h in stored.values())
    assert stored["kari"] != stored["ola"]  # a salt of its own
    with pytest.raises(UsageError, match="already exists"):
        register.users.add("kari", "another password")
    with pytest.raises(UsageError, match="at least 8 characters"):
        register.users.add("per", "short")
    register.users.set_password("kari", "a new long password")
    assert register.users.verify("kari", "a new long password") and not register.users.verify("kari", "correct horse battery")
    with pytest.raises(UsageError, match="no user 'per'"):
        register.users.set_password("per", "a new long password")
    assert register.users.names() == ["kari", "ola"]


# -- the schema ------------------------------------------------------------------------------------


def test_the_migrations_make_exactly_the_models_schema(register: CaseRegister) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from collabguard.cases.migrate import HEAD, alembic_config
    from collabguard.cases.tables import Base

    with register.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        assert compare_metadata(context, Base.metadata) == []
        assert context.get_current_revision() == HEAD
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD  # type: ignore[arg-type]


def test_opening_twice_upgrades_once_and_keeps_the_cases(url: str, screener: Screener) -> None:
    with CaseRegister(screener, url=url) as first:
        first.save(proposal(), "kari")
    with CaseRegister(screener, url=url) as second:
        assert [c.proposal_id for c in second.list()] == ["NTNU-2026-0311"]


def test_a_register_made_by_a_newer_collabguard_is_refused_untouched(url: str, screener: Screener) -> None:
    with CaseRegister(screener, url=url) as reg, reg.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(CollabguardError, match=r"made by a newer collabguard \(schema 9999\); upgrade collabguard"):
        CaseRegister(screener, url=url)
