"""Human wording shared by every renderer, so the views cannot disagree."""

from __future__ import annotations

from collabguard.models.report import AreaFinding, ListMatch, Report

RECOMMENDATION_TEXT = {
    "proceed": "Proceed",
    "proceed_with_mitigations": "Proceed with mitigations",
    "needs_review": "Needs review: answer the open questions first",
    "escalate": "Escalate to the research-security function",
    "do_not_proceed": "Do not proceed as proposed (barred by law or by the funder's conditions)",
}

DECISION_TEXT = {
    "match": "match (a person may rely on it)",
    "possible": "possible (a person must confirm)",
    "none": "no match",
}

REASON_TEXT = {
    "judgement": "judgement",
    "confirm_identity": "confirm identity",
    "confirm_area": "confirm research area",
    "missing_data": "missing data",
}


def match_line(m: ListMatch) -> str:
    rating = f", rated {m.rating}" if m.rating else ""
    return (
        f"{m.partner} ({m.subject}{', ' + m.country if m.country else ''}) → {m.entity_name} "
        f"[{m.list}{rating}] {m.decision}, score {m.score}, via {m.matched_name_kind} {m.matched_name!r}"
    )


def area_terms(area: AreaFinding) -> str:
    """The words that made an area hit, once each: '"sonar" in abstract, "sonar" in keywords'."""
    return ", ".join(sorted({f"“{e.text}” in {e.field}" for e in area.evidence}))


def near_miss_lines(report: Report) -> list[str]:
    """'Sichuan Normal University (partner): nearest on ca-nro is Sichuan University, rejected: extra word 'normal''.
    One line per name and list, so an officer can show why a name was not reported as listed."""
    if report.matcher is None:
        return []
    return [f"{n.partner} ({n.subject}): nearest on {n.list} is {n.entity_name}, rejected: {n.why}"
            for n in report.matcher.near_misses]


def review_lines(report: Report) -> list[str]:
    """Reviewed decisions met in this screening, applied or not."""
    return [f"{r.partner} → {r.entity_name} [{r.list}]: {r.decision} by {r.reviewer} on {r.date} "
            f"(expires {r.expires}) — {r.status.upper() if r.status != 'applied' else 'applied'}: {r.reason}"
            for r in report.reviews]
