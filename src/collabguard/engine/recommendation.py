"""From flags and open questions to one recommendation, by a fixed, documented table.

| condition (first that holds)                                        | recommendation           |
|---------------------------------------------------------------------|--------------------------|
| a blocking flag (confirmed match, applicable pack; law or a         | do_not_proceed           |
|   funder's condition)                                               |                          |
| a flag at high or critical whose identities are all confirmed       | escalate                 |
| any other unconfirmed flag (a 'possible' identity to confirm)       | needs_review             |
| an open question at medium or above                                 | needs_review             |
| a confirmed flag at low or medium                                   | proceed_with_mitigations |
| otherwise (nothing, info flags, questions below medium)             | proceed                  |

Open questions at medium or above therefore never give "proceed", and a 'possible' match can never
give "do_not_proceed" (it is never blocking). The table (and the risk level) is applied to the
findings of the frameworks that apply; findings of advisory packs are shown beside them. When no
framework applies at all, the advisory findings are used, and the reason says so.
"""

from __future__ import annotations

from collabguard.models.common import severity_rank
from collabguard.models.report import ChecklistItem, Flag, FrameworkResult, Recommendation

MEDIUM, HIGH = severity_rank("medium"), severity_rank("high")


def recommend(flags: list[Flag], checklist: list[ChecklistItem]) -> tuple[Recommendation, str]:
    """The recommendation and a one-sentence reason a reader can check against the table."""
    blocking = [f for f in flags if f.blocking]
    if blocking:
        f = blocking[0]
        what = ("a condition of the funding (not law): the funder will not fund the project as proposed"
                if f.gate == "funding_condition" else "a legal gate")
        return "do_not_proceed", f"{f.rule_id} is {what}, and it fired on a confirmed identity."
    # A name that only *possibly* is a listed entity (another country, a generic name, an acronym)
    # is not escalated on the list's severity: a person first confirms who the partner is.
    identity_known = [f for f in flags if all(m.decision == "match" for m in f.evidence.matches)]
    high = [f for f in identity_known if severity_rank(f.severity) >= HIGH]
    if high:
        f = high[0]
        on = " on a confirmed identity" if f.evidence.matches else ""
        return "escalate", f"{f.rule_id} raised a {f.severity} flag{on}."
    unconfirmed = [f for f in flags if not f.confirmed]
    if unconfirmed:
        return "needs_review", f"{unconfirmed[0].rule_id} rests on a possible match a person must confirm."
    questions = [q for q in checklist if severity_rank(q.severity) >= MEDIUM]
    if questions:
        return "needs_review", f"{len(questions)} open question(s) at medium or above must be answered first."
    mitigable = [f for f in flags if severity_rank(f.severity) >= severity_rank("low")]
    if mitigable:
        return "proceed_with_mitigations", f"{len(mitigable)} flag(s) at low or medium: apply the listed mitigations."
    return "proceed", "No flag above info and no open question at medium or above."


def framework_results(frameworks: list[FrameworkResult], flags: list[Flag],
                      questions: dict[str, list[ChecklistItem]]) -> list[FrameworkResult]:
    """Each framework's verdict from its own flags and open questions (the table above, applied to
    one framework at a time), next to the overall one."""
    out = []
    for fw in frameworks:
        mine = [f for f in flags if f.framework == fw.id]
        asked = questions.get(fw.id, [])
        recommendation, reason = recommend(mine, asked)
        out.append(fw.model_copy(update={
            "flags": len(mine), "blocking": any(f.blocking for f in mine), "questions": len(asked),
            "risk_level": max((f.severity for f in mine), key=severity_rank, default="none"),
            "recommendation": recommendation, "recommendation_reason": reason}))
    return out
