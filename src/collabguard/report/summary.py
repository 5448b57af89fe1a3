"""The report in brief (``Report.summary``): the recommendation and why in one sentence, naming
each partner as written, the entity it matched, every list with its edition and what being on it
means, the sensitive areas with the words that show them, and what the officer does next.

Every view leads with it: the terminal, Markdown and HTML reports, the batch summary and its
columns. It is derived from the report alone (so a redacted report has a redacted summary), and it
uses the word "confirmed" only of an identity: a flag is never "confirmed high risk"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collabguard.models.common import severity_rank
from collabguard.models.report import ChecklistItem, Flag, ListMatch, Summary, SummaryArea, SummaryList, SummaryMatch
from collabguard.report.labels import RECOMMENDATION_TEXT, area_evidence, first_question, identity_words, sentence_case
from collabguard.report.wording import in_words

if TYPE_CHECKING:
    from collabguard.models.report import Report

HEADLINE_NAMES = 3  # names the headline sentence spells out; the others are counted
HEADLINE_AREAS = 2


def counted_questions(report: Report) -> list[ChecklistItem]:
    """The open questions the recommendation is computed from: those of the frameworks that apply."""
    return [q for q in report.checklist if not q.advisory] if report.any_applies else list(report.checklist)


def matched_names(report: Report, flags: list[Flag] | None = None) -> list[SummaryMatch]:
    """One entry per (name as written, body matched): every list that names the body, in the order
    first cited, whatever name each list gives it (lists/institutions.py links them); a name that is
    the body on one list and only possibly on another appears twice."""
    editions = {v.id: v.edition for v in report.versions.lists}
    groups: dict[tuple[str, str, str | None, str, str], list[ListMatch]] = {}
    for f in report.counted_flags if flags is None else flags:
        for m in f.evidence.matches:
            body = m.institution or m.entity_name.casefold()
            groups.setdefault((m.partner, m.subject, m.country, body, m.decision), []).append(m)
    out = []
    for found in groups.values():
        first, lists = found[0], {}
        for m in found:
            if m.list not in lists:
                edition = editions.get(m.list, m.source_date)
                lists[m.list] = SummaryList(id=m.list, title=m.list_title, edition=edition,
                                            meaning=m.list_cite or f"on {m.list_title} (edition {edition})")
        shown = first.institution_name or first.entity_name
        also = list(dict.fromkeys(m.entity_name for m in found if m.entity_name.casefold() != shown.casefold()))
        out.append(SummaryMatch(name=first.partner, subject=first.subject, country=first.country, entity=shown,
                                also_listed_as=also, decision=first.decision, identity=identity_words(first),
                                lists=list(lists.values())))
    out.sort(key=lambda s: s.decision != "match")  # identities that hold first; otherwise in the order of the flags
    return out


def cited_areas(report: Report) -> list[SummaryArea]:
    """The areas the flags that count cite; those that hold first, then the most specific evidence
    (the longest term found: "synthetic aperture sonar" before "sonar"), then found in the most fields."""
    seen: dict[str, tuple[tuple[bool, int, int], SummaryArea]] = {}
    for f in report.counted_flags:
        for a in f.evidence.areas:
            if a.area_id not in seen:
                words = max((len(e.text.split()) for e in a.evidence), default=0)
                rank = (a.decision != "match", -words, -len({e.field for e in a.evidence}))
                seen[a.area_id] = rank, SummaryArea(id=a.area_id, name=a.area_name, decision=a.decision, evidence=area_evidence(a))
    return [area for _, area in sorted(seen.values(), key=lambda ranked: ranked[0])]


def deciding(report: Report) -> tuple[Flag | None, ChecklistItem | None]:
    """The flag, or the open question, the recommendation rests on (the first the recommendation
    table in engine/recommendation.py meets)."""
    flags, questions, rec = report.counted_flags, counted_questions(report), report.recommendation
    if rec == "do_not_proceed":
        return next((f for f in flags if f.blocking), None), None
    if rec == "escalate":
        return next((f for f in flags if severity_rank(f.severity) >= severity_rank("high")
                     and all(m.decision == "match" for m in f.evidence.matches)), None), None
    if rec == "needs_review":
        unsure = next((f for f in flags if not f.confirmed), None)
        if unsure is not None:
            who = {(m.partner, m.institution or m.list) for m in unsure.evidence.matches if m.decision == "possible"}
            ask = next((q for q in report.checklist if q.reason == "confirm_identity"
                        and (q.target.get("partner"), q.target.get("institution") or q.target.get("list")) in who), None)
            return unsure, ask
        return None, next((q for q in questions if severity_rank(q.severity) >= severity_rank("medium")), None)
    if rec == "proceed_with_mitigations":
        return next((f for f in flags if severity_rank(f.severity) >= severity_rank("low")), None), None
    return None, None


def _reason(report: Report, flag: Flag | None, question: ChecklistItem | None) -> str:
    if question is not None:
        if question.reason == "confirm_identity":  # the question itself; the match and its reasons are listed apart
            return f"who the partner is must be settled first ({question.id}: {first_question(in_words(question.question))})"
        return f"an open question must be answered first ({question.id}: {in_words(question.question)})"
    if flag is not None:
        kind = flag.severity + (", blocking: " + ("a condition of the funding" if flag.gate == "funding_condition" else "law")
                                if flag.blocking else "")
        if not flag.confirmed:
            kind += ", identity to confirm"
        return f"{flag.rule_id} ({kind}): {sentence_case(flag.title, lower=True)}"
    if report.recommendation == "proceed":
        return "no flag above info and no open question at medium or above"
    return in_words(report.recommendation_reason)


def _next(report: Report, flag: Flag | None, question: ChecklistItem | None, open_questions: int) -> str:
    rec = report.recommendation
    first = sentence_case(flag.mitigations[0], lower=True).rstrip(".") if flag is not None and flag.mitigations else ""
    rest = open_questions - (question is not None)
    then = f"; then answer the {rest} open question{'s' if rest != 1 else ''} of the checklist" if rest > 0 else ""
    if rec == "do_not_proceed":
        return "do not sign the project as proposed" + (f"; {first}" if first else "") + then
    if rec == "escalate":  # the research-security function decides the measures: the flags list them
        return "refer the case to the research-security function with this report" + then
    if rec == "needs_review" and question is not None:
        return f"answer {question.id} and screen again with the answer" + then
    if rec == "proceed_with_mitigations":
        return "apply the mitigations listed with the flags" + (f", first: {first}" if first else "") + then
    if rec == "needs_review":
        return "answer the open questions at medium or above and screen again with the answers"
    return "file this report with the case" + then


def match_clause(m: SummaryMatch) -> tuple[str, list[str]]:
    """("'BUAA' (affiliation) is the listed Beihang University (…), which is", [each list's meaning with its edition])."""
    verb = "is the listed" if m.decision == "match" else "may be the listed"
    also = f" (also listed as {'; '.join(m.also_listed_as)})" if m.also_listed_as else ""
    lead = f"{m.name!r} ({m.subject}{', ' + m.country if m.country else ''}) {verb} {m.entity}{also} ({m.identity}), which is"
    return lead, [f"{x.meaning}{'' if x.edition in x.meaning else f' (edition {x.edition})'}" for x in m.lists]


def area_clause(areas: list[SummaryArea], lead: bool = True) -> str:
    """'the research is in sensitive areas: Synthetic aperture sonar (“synthetic aperture sonar” in abstract) and 5 more'
    (without ``lead``, from the first area on: a view that labels it "Areas")."""
    shown = [f"{a.name} ({a.evidence}{'' if a.decision == 'match' else '; possible'})" for a in areas[:HEADLINE_AREAS]]
    more = len(areas) - HEADLINE_AREAS
    text = ", ".join(shown) + (f" and {more} more" if more > 0 else "")
    return f"the research is in {'a sensitive area' if len(areas) == 1 else 'sensitive areas'}: {text}" if lead else text


def summarise(report: Report) -> Summary:
    flag, question = deciding(report)
    questions = counted_questions(report)
    matches, areas = matched_names(report), cited_areas(report)
    reason = _reason(report, flag, question)
    next_step = _next(report, flag, question, len(questions))
    parts = [reason]
    for m in matches[:HEADLINE_NAMES]:
        lead, lists = match_clause(m)
        parts.append(f"{lead} {'; '.join(lists)}")
    if len(matches) > HEADLINE_NAMES:
        parts.append(f"{len(matches) - HEADLINE_NAMES} more listed names (see the flags)")
    if areas:
        parts.append(area_clause(areas))
    text = RECOMMENDATION_TEXT[report.recommendation]
    headline = f"{text}: {'; '.join(parts)}; next, {next_step}."
    return Summary(
        recommendation=report.recommendation, recommendation_text=text, headline=headline, reason=reason,
        decided_by=question.id if question is not None else flag.rule_id if flag is not None else "",
        matches=matches, areas=areas, next_step=next_step, open_questions=len(questions),
        frameworks_applying=[f.id for f in report.frameworks if f.applies],
        frameworks_not_applying=[f.id for f in report.frameworks if not f.applies],
    )
