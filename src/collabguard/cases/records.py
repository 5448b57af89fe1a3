"""The register's records: what a write carries (a screening, a change, the case as read before it) and
how database rows become the models the register returns."""

from __future__ import annotations

import builtins
import datetime as dt
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Row, select

from collabguard.cases.models import CaseEvent, CaseStatus, CaseSummary, CaseVersion
from collabguard.cases.tables import EVENTS, VERSIONS
from collabguard.engine.answers import Answer, AnswerFile
from collabguard.errors import UsageError
from collabguard.models.report import Report, Versions

_versions, _events = VERSIONS, EVENTS


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Screening:
    """A screening to store: the proposal, the report, and the answers it used."""

    proposal: dict[str, Any]
    report: Report
    answers: AnswerFile | None


@dataclass
class Change:
    """One write: the version to append, its events, and the case's new cached state."""

    kind: str
    status: CaseStatus
    note: str | None = None
    screening: Screening | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    decision: str | None = None


@dataclass
class Current:
    """A case as read before a write: its row and the screening in effect."""

    row: Row[Any]
    proposal: dict[str, Any]
    report: Report
    answers: AnswerFile | None


# -- rows to models ------------------------------------------------------------------------------


def user_name(user: str) -> str:
    user = (user or "").strip()
    if not user or len(user) > 200 or any(unicodedata.category(c).startswith("C") for c in user):
        raise UsageError("user: say who is writing (1 to 200 characters: --user NAME, $COLLABGUARD_USER or the login name)")
    return user


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def open_status(report: Report) -> CaseStatus:
    return "waiting_for_answers" if report.checklist else "open"


def merge_answers(before: AnswerFile | None, new: AnswerFile) -> AnswerFile:
    """Every answer given so far; a new answer to a question replaces the earlier one. Each answer keeps who gave it and when."""
    merged: dict[str, Answer] = {a.id: a for a in before.answers} if before else {}
    for a in new.answers:
        merged[a.id] = a.model_copy(update={"reviewer": a.reviewer or new.reviewer, "date": a.date or new.date})
    return AnswerFile(reviewer=new.reviewer, date=new.date, answers=list(merged.values()))


def answer_event(a: Answer, given: AnswerFile, question: str, before: str | None) -> dict[str, Any]:
    changed = f" (was {before})" if before is not None and before != a.answer else ""
    return {"kind": "answer", "question_id": a.id, "question": question, "answer": a.answer, "note": a.note or None,
            "reviewer": a.reviewer or given.reviewer, "previous_answer": before,
            "message": f"answered {a.id}: {a.answer}{changed}" + (f" ({a.note})" if a.note else "")}


def cached_state(case_id: str, screened: Screening, number: int, status: CaseStatus, at: dt.datetime, user: str) -> dict[str, Any]:
    """The case row's cached state after a screening."""
    report, proposal = screened.report, screened.proposal
    partners = [p["name"] for p in proposal.get("partners", [])]
    folded = [fold(p) for p in partners]
    search = "\n".join([fold(case_id), fold(report.proposal_id), fold(report.title), *folded])
    return {"title": report.title, "version": number, "status": status, "screening": number,
            "recommendation": report.recommendation, "risk_level": report.risk_level, "blocking": report.blocking,
            "open_questions": len(report.checklist), "frameworks": "|" + "".join(f"{f.id}|" for f in report.frameworks if f.applies),
            "partners": json.dumps(partners, ensure_ascii=False), "search": search, "partner_search": "\n".join(folded), "updated_at": at, "updated_by": user}


def summary_of(row: Row[Any]) -> CaseSummary:
    return CaseSummary(case_id=row.id, proposal_id=row.proposal_id, title=row.title, status=row.status, version=row.version,
                       recommendation=row.recommendation, risk_level=row.risk_level, blocking=row.blocking,
                       open_questions=row.open_questions, decision=row.decision,
                       frameworks=[f for f in row.frameworks.split("|") if f], partners=json.loads(row.partners),
                       created_at=row.created_at, created_by=row.created_by, updated_at=row.updated_at, updated_by=row.updated_by)


def event_of(case_id: str, version: int, kind: str, user: str, at: dt.datetime, data: dict[str, Any]) -> CaseEvent:
    return CaseEvent.model_validate({**{k: v for k, v in data.items() if k != "kind"}, "case_id": case_id, "version": version,
                                     "kind": kind, "user": user, "at": at})


def event_list(conn: Connection, case_id: str) -> builtins.list[CaseEvent]:
    rows = conn.execute(select(_events).where(_events.c.case_id == case_id).order_by(_events.c.id))
    return [event_of(r.case_id, r.version, r.kind, r.user, r.at, json.loads(r.data)) for r in rows]


def version_of(row: Row[Any], events: Sequence[CaseEvent] = (), full: bool = False) -> CaseVersion:
    values: dict[str, Any] = {"case_id": row.case_id, "number": row.number, "kind": row.kind, "status": row.status,
                              "user": row.user, "at": row.at, "screening": row.screening, "recommendation": row.recommendation,
                              "risk_level": row.risk_level, "note": row.note, "events": list(events)}
    if full and row.report is not None:
        values |= {"proposal": json.loads(row.proposal), "report": Report.model_validate_json(row.report),
                   "answers": AnswerFile.model_validate_json(row.answers) if row.answers else None,
                   "versions": Versions.model_validate_json(row.versions)}
    return CaseVersion.model_validate(values)


def load_screening(conn: Connection, case_id: str, number: int) -> Screening:
    row = conn.execute(select(_versions.c.proposal, _versions.c.report, _versions.c.answers)
                       .where(_versions.c.case_id == case_id, _versions.c.number == number)).one()
    return Screening(json.loads(row.proposal), Report.model_validate_json(row.report),
                      AnswerFile.model_validate_json(row.answers) if row.answers else None)
