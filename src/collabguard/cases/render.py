"""The register's results as plain text for a terminal: the case list, one case, a write, a rescreen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from collabguard.cases.models import CaseChange, CaseDetail, CaseSummary, CaseVersion

__all__ = ["case_text", "changes_text", "summaries_text", "version_line"]


def _when(at: dt.datetime) -> str:
    return f"{at.astimezone(dt.UTC):%Y-%m-%d %H:%M}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def summaries_text(cases: Sequence[CaseSummary]) -> str:
    """The case list as a table, one case a line (the newest change first)."""
    if not cases:
        return "no cases\n"
    head = ("case", "proposal", "status", "recommendation", "risk", "open", "decision", "updated (UTC)", "partners", "title")
    rows = [(c.case_id, c.proposal_id, c.status, c.recommendation, c.risk_level, str(c.open_questions), c.decision or "-",
             _when(c.updated_at), _cut("; ".join(c.partners), 40), _cut(c.title, 50)) for c in cases]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in [head, *rows]]
    return "\n".join(lines) + f"\n{len(cases)} case{'s' if len(cases) != 1 else ''}\n"


def case_text(detail: CaseDetail) -> str:
    """One case: where it stands, its open questions and answers, and its history."""
    c, r = detail.case, detail.report
    decided = f" ({c.decision})" if c.decision and c.status == "decided" else ""
    out = [f"{c.case_id} · proposal {c.proposal_id} · version {c.version}", c.title,
           f"status: {c.status}{decided} · recommendation: {r.recommendation} · risk: {r.risk_level} · "
           f"blocking: {'yes' if r.blocking else 'no'}",
           f"partners: {'; '.join(c.partners) or '-'}",
           f"frameworks that apply: {', '.join(c.frameworks) or 'none (all advisory)'}",
           f"report of version {detail.versions[-1].screening if detail.versions else c.version}, screened on {r.screened_on}"]
    if r.checklist:
        out.append(f"\nopen questions ({len(r.checklist)}): answer with `collabguard cases answer {c.case_id} ANSWERS.yaml`")
        out += [f"  {q.id} [{q.severity}] {q.rule_id or q.reason}: {q.question}" for q in r.checklist]
    if r.answers:
        out.append(f"\nanswers ({len(r.answers)}):")
        out += [f"  {a.id} {a.answer} — {a.reviewer}, {a.date}" + (f": {a.note}" if a.note else "") + f"\n      {a.question}"
                for a in r.answers]
    out.append("\nhistory:")
    for v in detail.versions:
        out.append(f"  v{v.number} {_when(v.at)} {v.user}: {v.kind} → {v.status} ({v.recommendation}, {v.risk_level})")
        for e in v.events:
            out.append(f"      {e.message}")
            if e.diff is not None:
                out += [f"        {line}" for line in e.diff.lines()]
    return "\n".join(out) + "\n"


def version_line(v: CaseVersion) -> str:
    """A write's outcome in one line."""
    questions = f", {len(v.report.checklist)} open questions" if v.report is not None else ""
    what = v.kind if v.kind == v.status else f"{v.kind}, {v.status}"  # "decided", not "decided, decided"
    return f"{v.case_id} version {v.number}: {what} (recommendation {v.recommendation}, risk {v.risk_level}{questions})"


def changes_text(changes: Sequence[CaseChange]) -> str:
    """The cases a rescreen changed, each with the difference."""
    if not changes:
        return "no case changed: every open and decided case screens as before\n"
    out = []
    for ch in changes:
        if ch.error is not None:
            out.append(f"{ch.case_id} ({ch.proposal_id}): not screened again: {ch.error}")
            continue
        reopened = " (reopened: decided before the change)" if ch.reopened else ""
        out.append(f"{ch.case_id} ({ch.proposal_id}) {ch.title}\n  version {ch.version_before} → {ch.version_after}, "
                   f"{ch.status_before} → {ch.status_after}{reopened}")
        if ch.diff is not None:
            out += [f"  {line}" for line in ch.diff.lines()]
    written = sum(1 for ch in changes if ch.error is None)
    return "\n".join(out) + f"\n{written} case{'s' if written != 1 else ''} changed\n"
