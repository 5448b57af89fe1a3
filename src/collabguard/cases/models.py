"""What the case register returns (pydantic): the Python API, and what the CLI and the web pages render."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from collabguard.cases.diff import CaseDiff
from collabguard.engine.answers import AnswerFile
from collabguard.errors import CollabguardError
from collabguard.models.report import Report, Versions

CaseStatus = Literal["open", "waiting_for_answers", "decided", "closed"]
STATUSES: tuple[CaseStatus, ...] = ("open", "waiting_for_answers", "decided", "closed")
# an officer's decision: the recommendation's own words for the three outcomes (needs_review and escalate are
# steps on the way, not decisions)
CaseDecision = Literal["proceed", "proceed_with_mitigations", "do_not_proceed"]
DECISIONS: tuple[CaseDecision, ...] = ("proceed", "proceed_with_mitigations", "do_not_proceed")
VersionKind = Literal["saved", "screened", "answered", "decided", "status", "rescreened"]
EventKind = Literal["created", "screened", "answer", "decision", "status", "rescreen", "reopened"]


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class CaseConflict(CollabguardError):
    """The case changed since the version the officer saw: nothing was written; reload and try again."""

    code = "conflict"

    def __init__(self, message: str, case_id: str, expected: int, current: int) -> None:
        super().__init__(message)
        self.case_id, self.expected, self.current = case_id, expected, current


class CaseSummary(_Out):
    """One line of the case list: the case as it stands (its latest version)."""

    case_id: str = Field(description="the register's id, C-YEAR-NNNN")
    proposal_id: str = Field(description="the proposal's own id")
    title: str
    status: CaseStatus
    version: int = Field(description="the case's latest version: give it back as expected_version when writing")
    recommendation: str = Field(description="the latest screening's recommendation")
    risk_level: str
    blocking: bool
    open_questions: int
    decision: CaseDecision | None = Field(default=None, description="the latest decision recorded (kept when reopened)")
    frameworks: list[str] = Field(description="the frameworks that apply")
    partners: list[str]
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str


class CaseEvent(_Out):
    """Something that happened to a case, with who and when (append-only)."""

    case_id: str
    version: int = Field(description="the version this event belongs to")
    kind: EventKind
    user: str
    at: dt.datetime
    question_id: str | None = None
    question: str | None = None
    answer: str | None = None
    note: str | None = None
    reviewer: str | None = Field(default=None, description="who gave the answer, as the answers file says")
    previous_answer: str | None = None
    decision: CaseDecision | None = None
    reason: str | None = None
    recommendation: str | None = Field(default=None, description="the report's recommendation when the decision was made")
    status_from: CaseStatus | None = None
    status_to: CaseStatus | None = None
    diff: CaseDiff | None = Field(default=None, description="what a new screening changed")
    message: str = Field(default="", description="the event in one line")


class CaseVersion(_Out):
    """One change of a case. A version that screened carries the proposal, the report, the answers and
    the rule, list and policy versions (filled where asked for); the others point at the version whose
    report is in effect (``screening``)."""

    case_id: str
    number: int
    kind: VersionKind
    status: CaseStatus = Field(description="the case's status after this change")
    user: str
    at: dt.datetime
    screening: int = Field(description="the version whose report is in effect")
    recommendation: str
    risk_level: str
    note: str | None = None
    proposal: dict[str, Any] | None = None
    report: Report | None = None
    answers: AnswerFile | None = None
    versions: Versions | None = None
    events: list[CaseEvent] = Field(default_factory=list)


class CaseDetail(_Out):
    """A case: where it stands, the report in effect with its proposal and answers, and its whole history."""

    case: CaseSummary
    report: Report
    proposal: dict[str, Any]
    answers: AnswerFile | None
    versions: list[CaseVersion] = Field(description="every version, oldest first (without proposal and report)")
    events: list[CaseEvent] = Field(description="every event, oldest first")


class CaseChange(_Out):
    """A case whose screening changed when screened again with the current rules, lists and policy."""

    case_id: str
    proposal_id: str
    title: str
    version_before: int
    version_after: int | None = Field(description="the version that records the change; None when nothing was written")
    status_before: CaseStatus
    status_after: CaseStatus
    reopened: bool = Field(default=False, description="a decided case whose screening changed is open again")
    diff: CaseDiff | None = None
    error: str | None = Field(default=None, description="the case could not be screened again (nothing written)")


class CaseExport(_Out):
    """A case's whole record: every version with its proposal, report and answers, and every event."""

    format: Literal["collabguard-case"] = "collabguard-case"
    format_version: Literal[1] = 1
    exported_at: dt.datetime
    tool: str
    case: CaseSummary
    versions: list[CaseVersion]
    events: list[CaseEvent]
    html: str = Field(default="", exclude=True, description="the HTML report of the screening in effect (not in the JSON)")
