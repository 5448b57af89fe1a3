"""The case register: every screening saved as a case, with an append-only history.

    from collabguard import Screener
    from collabguard.cases import CaseRegister
    register = CaseRegister(Screener())                      # $COLLABGUARD_HOME/cases.sqlite3, or a database URL
    saved = register.save("proposal.yaml", user="kari")      # a new case C-2026-0001 (version 1), or a new screening
    register.list(status="waiting_for_answers", partner="zhejiang")
    detail = register.show(saved.case_id)                    # the report in effect, every version and event
    register.answer(saved.case_id, "answers.yaml", user="kari", expected_version=detail.case.version)
    register.decide(saved.case_id, "proceed_with_mitigations", "agreement signed with …", user="kari", expected_version=2)
    for change in register.rescreen_all(user="monitor"): ...   # after a list or rule update

Every write is one transaction that appends a version (numbered 1, 2, 3 … per case; the database
refuses a second version 4) and one event per thing that happened, and updates the case's cached
state. A write names the version the officer saw (``expected_version``); when the case has moved on
it raises :class:`CaseConflict` and writes nothing. With ``expected_version=None`` the write goes on
top of whatever is latest (answers are merged with the answers already given, never dropped).
"""

from __future__ import annotations

import builtins
import datetime as dt
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Row, func, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from collabguard.cases.db import WRITE, database_url, make_engine, shown
from collabguard.cases.diff import CaseDiff, diff_reports
from collabguard.cases.migrate import upgrade
from collabguard.cases.models import (
    DECISIONS,
    STATUSES,
    CaseChange,
    CaseConflict,
    CaseDetail,
    CaseEvent,
    CaseExport,
    CaseStatus,
    CaseSummary,
    CaseVersion,
)
from collabguard.cases.records import (
    Change,
    Current,
    Screening,
    answer_event,
    cached_state,
    event_list,
    event_of,
    fold,
    load_screening,
    merge_answers,
    open_status,
    summary_of,
    user_name,
    utc_now,
    version_of,
)
from collabguard.cases.tables import CASES, EVENTS, VERSIONS
from collabguard.cases.users import Users
from collabguard.engine.answers import AnswerFile
from collabguard.errors import CollabguardError, InputError, UsageError
from collabguard.models.common import RiskLevel
from collabguard.models.report import Report
from collabguard.screener import ProposalInput, Screener

_cases, _versions, _events = CASES, VERSIONS, EVENTS
_LIGHT = [c for c in _versions.c if c.name not in ("proposal", "report", "answers", "versions")]
RISKS: tuple[RiskLevel, ...] = ("none", "info", "low", "medium", "high", "critical")
RETRIES = 5  # writes without an expected version: how often to start again when another writer got there first
T = TypeVar("T")

__all__ = ["CaseRegister"]


class CaseRegister:
    """The case register in a database: SQLite in the register's home folder by default, or PostgreSQL.

    ``screener``: screens cases (saving, answering, rescreening; default: the shipped rules and lists,
    loaded on first use); ``home``: the home folder (default ``$COLLABGUARD_HOME``, else the user's
    data folder); ``url``: a database URL instead (default ``$COLLABGUARD_DATABASE_URL``); ``now``: the
    clock (UTC), for tests. Opening brings the database to the current schema."""

    def __init__(self, screener: Screener | None = None, *, home: Path | str | None = None, url: str | None = None,
                 now: Callable[[], dt.datetime] | None = None) -> None:
        self.url = database_url(url, home)
        self.where = shown(self.url)
        self._screener = screener
        self._now = now or utc_now
        self.engine = make_engine(self.url)
        with self._database_errors():
            upgrade(self.engine, self.where)
        self.users = Users(self.engine, self._clock)

    @property
    def screener(self) -> Screener:
        if self._screener is None:
            self._screener = Screener()
        return self._screener

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> CaseRegister:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------------

    def save(self, proposal: ProposalInput, user: str, *, answers: AnswerFile | Path | str | None = None,
             report: Report | None = None) -> CaseVersion:
        """Save a screening as a case. A proposal whose id has a case that is not closed gets a new
        version of that case, screened with the answers already given (and ``answers``); otherwise a
        new case is made. ``report``: a report of this proposal made with this register's screener and
        these answers (default: the register screens it). The version returned carries the report."""
        user = user_name(user)
        model = self.screener.load(proposal)
        given = self._answer_file(answers)
        if report is not None and (report.proposal_id != model.id or report.redacted):
            raise UsageError("save: the report must be an unredacted report of the same proposal")
        proposal_data = json.loads(model.model_dump_json())
        for _attempt in range(RETRIES):
            existing = self._open_case_of(model.id)
            if existing is None:
                screened = Screening(proposal_data, report or self._screen(proposal_data, given), given)
                try:
                    return self._create(screened, user)
                except _Retry:
                    continue
            current = self._current(existing)
            merged = merge_answers(current.answers, given) if given else current.answers
            if report is not None and merged is not None and merged != given:
                report = None  # the case's earlier answers apply too: screen again with all of them
            screened = Screening(proposal_data, report or self._screen(proposal_data, merged), merged)
            diff = diff_reports(current.report, screened.report)
            change = self._screened("screened", current, screened, diff, "screened again")
            try:
                return self._append(current.row.id, current.row.version, user, change)
            except CaseConflict:
                continue
        raise CollabguardError(f"proposal {model.id}: the register kept changing while saving; try again")

    def answer(self, case_id: str, answers: AnswerFile | Path | str, user: str, expected_version: int | None) -> CaseVersion:
        """Answers to the case's checklist: screened again with every answer given so far (a new answer
        to the same question replaces the earlier one, which stays in the history); a new version, and
        one event per answer. Answers to questions the case does not ask are refused."""
        user = user_name(user)
        given = self._answer_file(answers)
        assert given is not None
        source = str(answers) if isinstance(answers, Path | str) else "answers"
        if not given.answers:
            raise InputError(f"{source}: no answers")

        def attempt(current: Current) -> CaseVersion:
            row = current.row
            if row.status == "closed":
                raise UsageError(f"case {row.id} is closed; reopen it to answer (collabguard cases reopen {row.id})")
            questions = {q.id: q.question for q in current.report.checklist} | {a.id: a.question for a in current.report.answers}
            for i, a in enumerate(given.answers):
                if a.id not in questions:
                    raise InputError(f"{source}: answers[{i}].id: {a.id} is not a question of case {row.id} (version "
                                     f"{row.version}); its questions are listed by: collabguard cases show {row.id}")
            merged = merge_answers(current.answers, given)
            screened = Screening(current.proposal, self._screen(current.proposal, merged), merged)
            diff = diff_reports(current.report, screened.report)
            change = self._screened("answered", current, screened, diff, "screened with the answers")
            before = {a.id: a.answer for a in current.answers.answers} if current.answers else {}
            change.events = [answer_event(a, given, questions[a.id], before.get(a.id)) for a in given.answers] + change.events
            return self._append(row.id, row.version, user, change)

        return self._attempts(case_id, expected_version, attempt)

    def decide(self, case_id: str, decision: str, reason: str, user: str, expected_version: int | None) -> CaseVersion:
        """Record the officer's decision (proceed, proceed_with_mitigations, do_not_proceed) and why."""
        user = user_name(user)
        if decision not in DECISIONS:
            raise UsageError(f"decision: {decision!r} is not one of: {', '.join(DECISIONS)}")
        reason = " ".join(reason.split())
        if len(reason) < 3:
            raise UsageError("reason: say why (at least 3 characters)")

        def attempt(current: Current) -> CaseVersion:
            row = current.row
            if row.status == "closed":
                raise UsageError(f"case {row.id} is closed; reopen it to decide (collabguard cases reopen {row.id})")
            against = "" if decision == row.recommendation else f" (the report recommends {row.recommendation})"
            event = {"kind": "decision", "decision": decision, "reason": reason, "recommendation": row.recommendation,
                     "message": f"decided {decision}{against}: {reason}"}
            change = Change("decided", "decided", note=reason, events=[event], decision=decision)
            return self._append(row.id, row.version, user, change)

        return self._attempts(case_id, expected_version, attempt)

    def set_status(self, case_id: str, status: str, user: str, expected_version: int | None, reason: str = "") -> CaseVersion:
        """Close a case (``closed``) or reopen it (``open``: open, or waiting for answers when the report
        in effect has open questions). Decisions are recorded with :meth:`decide`."""
        user = user_name(user)
        if status not in ("open", "closed"):
            raise UsageError(f"status: set 'open' (reopen) or 'closed'; {status!r} follows from the case "
                             "(decided: record a decision; waiting_for_answers: the report has open questions)")
        reason = " ".join(reason.split())

        def attempt(current: Current) -> CaseVersion:
            row = current.row
            new: CaseStatus = "closed" if status == "closed" else open_status(current.report)
            if status == "closed" and row.status == "closed":
                raise UsageError(f"case {row.id} is already closed")
            if status == "open" and row.status != "closed":
                raise UsageError(f"case {row.id} is not closed (it is {row.status}); only a closed case is reopened")
            verb = "closed" if status == "closed" else "reopened"
            event = {"kind": "status", "status_from": row.status, "status_to": new, "reason": reason or None,
                     "message": f"{verb}" + (f": {reason}" if reason else "")}
            return self._append(row.id, row.version, user, Change("status", new, note=reason or None, events=[event]))

        return self._attempts(case_id, expected_version, attempt)

    def rescreen_all(self, user: str) -> builtins.list[CaseChange]:
        """Screen every open, waiting and decided case again with the current rules, lists and policy.
        A case whose verdict, flags, matches or questions changed gets a new version recording the
        difference (a decided case is reopened); the others are left as they are. Returns the changed
        cases (and those that could not be screened, with the reason), in case order."""
        user = user_name(user)
        with self._read() as conn:
            ids = list(conn.execute(select(_cases.c.id).where(_cases.c.status.in_(("open", "waiting_for_answers", "decided")))
                                    .order_by(_cases.c.year, _cases.c.number)).scalars())
        changes = []
        for case_id in ids:
            change = self._rescreen_one(case_id, user)
            if change is not None:
                changes.append(change)
        return changes

    def _rescreen_one(self, case_id: str, user: str) -> CaseChange | None:
        for _attempt in range(RETRIES):
            current = self._current(case_id)
            row = current.row
            if row.status == "closed":
                return None
            base = {"case_id": row.id, "proposal_id": row.proposal_id, "title": row.title, "version_before": row.version,
                    "status_before": row.status}
            try:
                screened = Screening(current.proposal, self._screen(current.proposal, current.answers), current.answers)
            except CollabguardError as exc:
                return CaseChange(**base, version_after=None, status_after=row.status, error=str(exc))
            diff = diff_reports(current.report, screened.report)
            if not diff.changed:
                return None
            change = self._screened("rescreened", current, screened, diff, "screened again with the current rules, lists and policy")
            try:
                saved = self._append(row.id, row.version, user, change)
            except CaseConflict:
                continue
            return CaseChange(**base, version_after=saved.number, status_after=saved.status, diff=diff,
                              reopened=row.status == "decided" and saved.status != "decided")
        return CaseChange(case_id=case_id, proposal_id="", title="", version_before=0, version_after=None, status_before="open",
                          status_after="open", error="the case kept changing while it was screened again; run rescreen again")

    # -- reading -----------------------------------------------------------------------------------

    def list(self, status: str | None = None, risk: str | None = None, framework: str | None = None,
             partner: str | None = None, text: str | None = None, limit: int | None = None,
             offset: int = 0) -> builtins.list[CaseSummary]:
        """The cases, most recently changed first. ``status``, ``risk`` (risk level), ``framework`` (one
        that applies): equal; ``partner``: part of a partner's name; ``text``: part of the case id,
        proposal id, title or a partner's name (both ignore case); ``limit``, ``offset``: one page."""
        query = select(_cases)
        if status:
            if status not in STATUSES:
                raise UsageError(f"status: {status!r} is not one of: {', '.join(STATUSES)}")
            query = query.where(_cases.c.status == status)
        if risk:
            if risk not in RISKS:
                raise UsageError(f"risk: {risk!r} is not one of: {', '.join(RISKS)}")
            query = query.where(_cases.c.risk_level == risk)
        if framework:
            query = query.where(_cases.c.frameworks.contains(f"|{framework.strip()}|", autoescape=True))
        if partner:
            query = query.where(_cases.c.partner_search.contains(fold(partner), autoescape=True))
        if text:
            query = query.where(_cases.c.search.contains(fold(text), autoescape=True))
        query = query.order_by(_cases.c.updated_at.desc(), _cases.c.year.desc(), _cases.c.number.desc())
        if limit is not None:
            query = query.limit(max(0, limit))
        if offset:
            query = query.offset(max(0, offset))
        with self._read() as conn:
            return [summary_of(r) for r in conn.execute(query)]

    def show(self, case_id: str) -> CaseDetail:
        """A case: where it stands, the report in effect (with its proposal and answers), every version and event."""
        with self._read() as conn:
            row = self._row(conn, case_id)
            versions = conn.execute(select(*_LIGHT).where(_versions.c.case_id == row.id).order_by(_versions.c.number)).all()
            events = event_list(conn, row.id)
            shown_ = load_screening(conn, row.id, row.screening)
        by_version: dict[int, builtins.list[CaseEvent]] = {}
        for e in events:
            by_version.setdefault(e.version, []).append(e)
        return CaseDetail(case=summary_of(row), report=shown_.report, proposal=shown_.proposal, answers=shown_.answers,
                          versions=[version_of(v, events=by_version.get(v.number, [])) for v in versions], events=events)

    def counts(self) -> dict[str, int]:
        """How many cases are in each status."""
        query = select(_cases.c.status, func.count()).group_by(_cases.c.status)
        with self._read() as conn:
            found = {status: int(n) for status, n in conn.execute(query)}
        return {status: found.get(status, 0) for status in STATUSES}

    def recent_events(self, kinds: Sequence[str] = ("rescreen", "reopened"), limit: int = 50) -> builtins.list[CaseEvent]:
        """The latest events of these kinds across all cases, newest first (the monitoring view:
        what re-screening found)."""
        query = select(_events).where(_events.c.kind.in_(tuple(kinds))).order_by(_events.c.id.desc()).limit(max(0, limit))
        with self._read() as conn:
            return [event_of(r.case_id, r.version, r.kind, r.user, r.at, json.loads(r.data)) for r in conn.execute(query)]

    def report(self, case_id: str, version: int | None = None) -> Report:
        """The report in effect at ``version`` (default: the latest)."""
        with self._read() as conn:
            row = self._row(conn, case_id)
            number = row.screening
            if version is not None:
                found = conn.execute(select(_versions.c.screening).where(_versions.c.case_id == row.id,
                                                                        _versions.c.number == version)).scalar_one_or_none()
                if found is None:
                    raise InputError(f"case {row.id} has no version {version} (it is at version {row.version})")
                number = found
            return load_screening(conn, row.id, number).report

    def export(self, case_id: str) -> CaseExport:
        """The case's whole record (every version with its proposal, report and answers; every event),
        and the HTML report of the screening in effect (``.html``, not part of the JSON)."""
        from collabguard.report.html import render_html
        from collabguard.version import __version__

        with self._read() as conn:
            row = self._row(conn, case_id)
            versions = conn.execute(select(_versions).where(_versions.c.case_id == row.id).order_by(_versions.c.number)).all()
            events = event_list(conn, row.id)
        by_version: dict[int, builtins.list[CaseEvent]] = {}
        for e in events:
            by_version.setdefault(e.version, []).append(e)
        full = [version_of(v, events=by_version.get(v.number, []), full=True) for v in versions]
        in_effect = next(v.report for v in full if v.number == row.screening)
        assert in_effect is not None
        return CaseExport(exported_at=self._clock(), tool=__version__, case=summary_of(row), versions=full, events=events,
                          html=render_html(in_effect))

    # -- the machinery -----------------------------------------------------------------------------

    def _clock(self) -> dt.datetime:
        now = self._now()
        if now.tzinfo is None:
            raise ValueError("the register's clock must give aware datetimes")
        return now.astimezone(dt.UTC)

    def _answer_file(self, answers: AnswerFile | Path | str | None) -> AnswerFile | None:
        if answers is None or isinstance(answers, AnswerFile):
            return answers
        from collabguard.engine.answers import load_answers

        return load_answers(Path(answers))

    def _screen(self, proposal: dict[str, Any], answers: AnswerFile | None) -> Report:
        return self.screener.screen(proposal, answers=answers, today=self._clock().date())

    def _screened(self, kind: str, current: Current, screened: Screening, diff: CaseDiff, message: str) -> Change:
        """A change that stores a new screening: the status follows from it (a decided case whose
        screening changed is reopened), and an event records the difference."""
        row = current.row
        status: CaseStatus = "decided" if row.status == "decided" and not diff.changed else open_status(screened.report)
        event_kind = "rescreen" if kind == "rescreened" else "screened"
        events: builtins.list[dict[str, Any]] = []
        if kind != "answered" or diff.changed:
            events.append({"kind": event_kind, "diff": diff.model_dump(mode="json"), "message": f"{message}: {diff.summary()}"})
        if row.status == "decided" and status != "decided":
            events.append({"kind": "reopened", "status_from": "decided", "status_to": status,
                           "message": f"reopened: the screening changed after the decision ({row.decision})"})
        return Change(kind, status, note=None, screening=screened, events=events)

    def _attempts(self, case_id: str, expected: int | None, attempt: Callable[[Current], T]) -> T:
        """Run a write on the case as read now: with ``expected``, only if the case is still at that
        version; without, starting again when another writer got there first."""
        for _ in range(1 if expected is not None else RETRIES):
            current = self._current(case_id)
            if expected is not None and current.row.version != expected:
                if expected > current.row.version or expected < 1:
                    raise UsageError(f"case {current.row.id} has no version {expected} (it is at version {current.row.version})")
                with self._read() as conn:
                    raise self._conflict(conn, current.row.id, expected)
            try:
                return attempt(current)
            except CaseConflict:
                if expected is not None:
                    raise
        raise CollabguardError(f"case {case_id}: it kept changing while writing; try again")

    def _current(self, case_id: str) -> Current:
        with self._read() as conn:
            row = self._row(conn, case_id)
            screening = load_screening(conn, row.id, row.screening)
        return Current(row, screening.proposal, screening.report, screening.answers)

    def _open_case_of(self, proposal_id: str) -> str | None:
        """The newest case of this proposal that is not closed."""
        with self._read() as conn:
            return conn.execute(select(_cases.c.id).where(_cases.c.proposal_id == proposal_id, _cases.c.status != "closed")
                                .order_by(_cases.c.year.desc(), _cases.c.number.desc()).limit(1)).scalar_one_or_none()

    def _create(self, screened: Screening, user: str) -> CaseVersion:
        at = self._clock()
        report = screened.report
        try:
            with self._write() as conn:
                number = (conn.execute(select(func.max(_cases.c.number)).where(_cases.c.year == at.year)).scalar() or 0) + 1
                case_id = f"C-{at.year}-{number:04d}"
                status = open_status(report)
                conn.execute(insert(_cases).values(
                    id=case_id, year=at.year, number=number, proposal_id=report.proposal_id, created_at=at, created_by=user,
                    **cached_state(case_id, screened, 1, status, at, user)))
                change = Change("saved", status, screening=screened, events=[
                    {"kind": "created", "message": f"case {case_id} for proposal {report.proposal_id}: {report.recommendation}"}])
                return self._insert_version(conn, case_id, 1, user, at, change)
        except IntegrityError:
            raise _Retry from None  # another writer took the number (PostgreSQL); allocate again

    def _append(self, case_id: str, expected: int, user: str, change: Change) -> CaseVersion:
        """Append version ``expected + 1``, if the case is still at ``expected``."""
        at = self._clock()
        number = expected + 1
        try:
            with self._write() as conn:
                row = conn.execute(select(_cases).where(_cases.c.id == case_id).with_for_update()).one()
                if row.version != expected:
                    raise self._conflict(conn, case_id, expected)
                version = self._insert_version(conn, case_id, number, user, at, change)
                values: dict[str, Any] = {"version": number, "status": change.status, "updated_at": at, "updated_by": user}
                if change.screening is not None:
                    values = cached_state(case_id, change.screening, number, change.status, at, user)
                if change.decision is not None:
                    values["decision"] = change.decision
                done = conn.execute(update(_cases).where(_cases.c.id == case_id, _cases.c.version == expected).values(**values))
                if done.rowcount != 1:
                    raise self._conflict(conn, case_id, expected)
                return version
        except IntegrityError:  # version `number` exists: another writer appended it first
            with self._read() as conn:
                raise self._conflict(conn, case_id, expected) from None

    def _insert_version(self, conn: Connection, case_id: str, number: int, user: str, at: dt.datetime,
                        change: Change) -> CaseVersion:
        s = change.screening
        if s is not None:
            screening, recommendation, risk = number, s.report.recommendation, s.report.risk_level
            stored = {"proposal": json.dumps(s.proposal, ensure_ascii=False), "report": s.report.model_dump_json(),
                      "answers": s.answers.model_dump_json() if s.answers else None,
                      "versions": s.report.versions.model_dump_json()}
        else:
            prev = conn.execute(select(_cases.c.screening, _cases.c.recommendation, _cases.c.risk_level)
                                .where(_cases.c.id == case_id)).one()
            screening, recommendation, risk = prev.screening, prev.recommendation, prev.risk_level
            stored = {}
        conn.execute(insert(_versions).values(case_id=case_id, number=number, kind=change.kind, status=change.status, at=at,
                                              user=user, screening=screening, recommendation=recommendation, risk_level=risk,
                                              note=change.note, **stored))
        events = [{"case_id": case_id, "version": number, "kind": e["kind"], "at": at, "user": user,
                   "data": json.dumps({k: v for k, v in e.items() if k != "kind" and v is not None}, ensure_ascii=False)}
                  for e in change.events]
        if events:
            conn.execute(insert(_events), events)
        return CaseVersion(case_id=case_id, number=number, kind=change.kind, status=change.status, user=user, at=at,  # type: ignore[arg-type]
                           screening=screening, recommendation=recommendation, risk_level=risk, note=change.note,
                           proposal=s.proposal if s else None, report=s.report if s else None, answers=s.answers if s else None,
                           versions=s.report.versions if s else None,
                           events=[event_of(case_id, number, e["kind"], user, at, e) for e in change.events])

    def _conflict(self, conn: Connection, case_id: str, expected: int) -> CaseConflict:
        latest = conn.execute(select(_versions.c.number, _versions.c.user, _versions.c.at, _versions.c.kind)
                              .where(_versions.c.case_id == case_id).order_by(_versions.c.number.desc()).limit(1)).one()
        return CaseConflict(f"case {case_id} changed since you opened it (version {expected}): version {latest.number} by "
                            f"{latest.user} on {latest.at:%Y-%m-%d %H:%M} UTC ({latest.kind}); reload it and try again",
                            case_id, expected, latest.number)

    def _row(self, conn: Connection, ref: str) -> Row[Any]:
        """A case by its id (any case), or by its proposal's id when that names one case."""
        ref = ref.strip()
        row = conn.execute(select(_cases).where(_cases.c.id == ref.upper())).one_or_none()
        if row is not None:
            return row
        rows = conn.execute(select(_cases).where(_cases.c.proposal_id == ref).order_by(_cases.c.year, _cases.c.number)).all()
        if len(rows) == 1:
            return rows[0]
        if rows:
            raise UsageError(f"proposal {ref} has {len(rows)} cases ({', '.join(r.id for r in rows)}); name one")
        raise InputError(f"no case {ref} in the register at {self.where}")

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._database_errors(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._database_errors(), self.engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
            yield conn

    @contextmanager
    def _database_errors(self) -> Iterator[None]:
        try:
            yield
        except IntegrityError:
            raise
        except DBAPIError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else type(exc).__name__
            if "append-only" in reason:
                raise CollabguardError(f"the case register at {self.where}: the history is append-only; nothing was changed") from None
            raise CollabguardError(f"the case register at {self.where} cannot be used: {reason}") from None


class _Retry(Exception):
    """Another writer took the case number: allocate again."""
