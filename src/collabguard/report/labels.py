"""Human wording shared by every renderer, so the views cannot disagree."""

from __future__ import annotations

from collections.abc import Callable

from collabguard.models.report import AreaFinding, ListMatch, Report

# Each line below is wording (ours) around values (a proposal's, a list's, a reviewer's): a renderer
# passes ``esc``, which makes each value inert for its output (Markdown, HTML, a terminal) while
# the wording keeps its own punctuation.
Esc = Callable[[str], str]

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


def _same(text: str) -> str:
    return text


def match_line(m: ListMatch, esc: Esc = _same) -> str:
    rating = f", rated {esc(m.rating)}" if m.rating else ""
    return (
        f"{esc(m.partner)} ({m.subject}{', ' + esc(m.country) if m.country else ''}) → {esc(m.entity_name)} "
        f"[{esc(m.list)}{rating}] {m.decision}, score {m.score}, via {esc(m.matched_name_kind)} {esc(repr(m.matched_name))}"
    )


def area_terms(area: AreaFinding, esc: Esc = _same) -> str:
    """The words that made an area hit, once each: '"sonar" in abstract, "sonar" in keywords'."""
    return ", ".join(sorted({f"“{esc(e.text)}” in {esc(e.field)}" for e in area.evidence}))


def near_miss_lines(report: Report, esc: Esc = _same) -> list[str]:
    """'Sichuan Normal University (partner): nearest on ca-nro is Sichuan University, rejected: extra word 'normal''.
    One line per name and list, so an officer can show why a name was not reported as listed."""
    if report.matcher is None:
        return []
    return [f"{esc(n.partner)} ({esc(n.subject)}): nearest on {esc(n.list)} is {esc(n.entity_name)}, rejected: {esc(n.why)}"
            for n in report.matcher.near_misses]


def review_lines(report: Report, esc: Esc = _same) -> list[str]:
    """Reviewed decisions met in this screening, applied or not."""
    return [f"{esc(r.partner)} → {esc(r.entity_name)} [{esc(r.list)}]: {r.decision} by {esc(r.reviewer)} on {r.date} "
            f"(expires {r.expires}) — {r.status.upper() if r.status != 'applied' else 'applied'}: {esc(r.reason)}"
            for r in report.reviews]
