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
from collabguard.reference.report_text import text

MEDIUM, HIGH = severity_rank("medium"), severity_rank("high")


def weight(flag: Flag) -> tuple[int, bool, int]:
    """How much a flag says, to name the one an escalation rests on: its severity, then whether it joins
    a listed partner with a sensitive area, then how many lists it cites (the partner rule naming four
    lists before the Entity-List rule naming one of them); ``max`` keeps the first of equals, in the
    report's order."""
    ev = flag.evidence
    return severity_rank(flag.severity), bool(ev.matches and ev.areas), len({m.list for m in ev.matches})


def recommend(flags: list[Flag], checklist: list[ChecklistItem], lang: str = "en") -> tuple[Recommendation, str]:
    """The recommendation and a one-sentence reason a reader can check against the table, in ``lang``."""
    blocking = [f for f in flags if f.blocking]
    if blocking:
        f = blocking[0]
        what = text("why.funding_condition" if f.gate == "funding_condition" else "why.legal_gate", lang)
        return "do_not_proceed", text("why.blocking", lang, rule=f.rule_id, what=what)
    # A name that only *possibly* is a listed entity (another country, a generic name, an acronym)
    # is not escalated on the list's severity: a person first confirms who the partner is.
    identity_known = [f for f in flags if all(m.decision == "match" for m in f.evidence.matches)]
    high = [f for f in identity_known if severity_rank(f.severity) >= HIGH]
    if high:
        f = max(high, key=weight)
        on = text("why.on_confirmed_identity", lang) if f.evidence.matches else ""
        return "escalate", text("why.escalate", lang, rule=f.rule_id, severity=text(f"severity.{f.severity}", lang), on=on)
    unconfirmed = [f for f in flags if not f.confirmed]
    if unconfirmed:
        return "needs_review", text("why.possible_match", lang, rule=unconfirmed[0].rule_id)
    questions = [q for q in checklist if severity_rank(q.severity) >= MEDIUM]
    if questions:
        return "needs_review", text("why.open_questions", lang, n=len(questions))
    mitigable = [f for f in flags if severity_rank(f.severity) >= severity_rank("low")]
    if mitigable:
        return "proceed_with_mitigations", text("why.mitigate", lang, n=len(mitigable))
    return "proceed", text("why.proceed", lang)


def framework_results(frameworks: list[FrameworkResult], flags: list[Flag],
                      questions: dict[str, list[ChecklistItem]], lang: str = "en") -> list[FrameworkResult]:
    """Each framework's verdict from its own flags and open questions (the table above, applied to
    one framework at a time), next to the overall one."""
    out = []
    for fw in frameworks:
        mine = [f for f in flags if f.framework == fw.id]
        asked = questions.get(fw.id, [])
        recommendation, reason = recommend(mine, asked, lang)
        out.append(fw.model_copy(update={
            "flags": len(mine), "blocking": any(f.blocking for f in mine), "questions": len(asked),
            "risk_level": max((f.severity for f in mine), key=severity_rank, default="none"),
            "recommendation": recommendation, "recommendation_reason": reason}))
    return out
