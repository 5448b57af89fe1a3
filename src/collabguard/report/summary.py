"""The report in brief (``Report.summary``): the recommendation and why in one sentence, naming
each partner as written, the entity it matched, every list with its edition and what being on it
means, the sensitive areas with the words that show them, and what the officer does next.

Every view leads with it: the terminal, Markdown and HTML reports, the batch summary and its
columns. It is derived from the report alone (so a redacted report has a redacted summary), and it
uses the word "confirmed" only of an identity: a flag is never "confirmed high risk"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collabguard.engine.recommendation import weight
from collabguard.models.common import severity_rank
from collabguard.models.report import ChecklistItem, Flag, ListMatch, Summary, SummaryArea, SummaryList, SummaryMatch
from collabguard.reference.report_text import plural, text
from collabguard.report.labels import (
    area_evidence,
    first_question,
    identity_words,
    recommendation_text,
    sentence_case,
    severity_word,
    subject_word,
)
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
                                            meaning=m.list_cite or text("list.on", report.language, title=m.list_title,
                                                                                edition=edition))
        shown = first.institution_name or first.entity_name
        also = list(dict.fromkeys(m.entity_name for m in found if m.entity_name.casefold() != shown.casefold()))
        out.append(SummaryMatch(name=first.partner, subject=first.subject, country=first.country, entity=shown,
                                also_listed_as=also, decision=first.decision, identity=identity_words(first, report.language),
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
                seen[a.area_id] = rank, SummaryArea(id=a.area_id, name=a.area_name, decision=a.decision,
                                                    evidence=area_evidence(a, lang=report.language))
    return [area for _, area in sorted(seen.values(), key=lambda ranked: ranked[0])]


def deciding(report: Report) -> tuple[Flag | None, ChecklistItem | None]:
    """The flag, or the open question, the recommendation rests on (the first the recommendation
    table in engine/recommendation.py meets)."""
    flags, questions, rec = report.counted_flags, counted_questions(report), report.recommendation
    if rec == "do_not_proceed":
        return next((f for f in flags if f.blocking), None), None
    if rec == "escalate":  # of the flags that hold at high or above, the one that says most
        held = [f for f in flags if severity_rank(f.severity) >= severity_rank("high")
                and all(m.decision == "match" for m in f.evidence.matches)]
        return max(held, key=weight, default=None), None
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


def flag_line(flag: Flag, lang: str = "en") -> str:
    """One line for a flag, in ``lang``: "CG-NO-PARTNER-001 (high, identity to confirm): partner, …"."""
    kind = severity_word(flag.severity, lang)
    if flag.blocking:
        kind += text("summary.blocking_funding" if flag.gate == "funding_condition" else "summary.blocking_law", lang)
    if not flag.confirmed:
        kind += text("summary.identity_to_confirm", lang)
    return f"{flag.rule_id} ({kind}): {sentence_case(flag.title, lower=True)}"


_SETTLE = {"programme": "summary.settle_programme", "funder": "summary.settle_funder"}


_SUBJECT_ORDER = ("partner", "affiliation", "appointment", "funder", "programme")


def _subject_of(report: Report, question: ChecklistItem) -> str:
    """What the name an identity question asks about is in the proposal: the first of partner,
    affiliation, appointment, funder, programme it is given as (a funder's name is also screened as a
    programme, so a funder reads as a funder)."""
    name = question.target.get("partner", "")
    subjects = {n.subject for n in report.screened_names if n.name == name}
    return next((s for s in _SUBJECT_ORDER if s in subjects), "partner")


def _reason(report: Report, flag: Flag | None, question: ChecklistItem | None) -> str:
    lang = report.language
    if question is not None:
        if question.reason == "confirm_identity":  # the question itself; the match and its reasons are listed apart
            return text(_SETTLE.get(_subject_of(report, question), "summary.settle_identity"), lang, id=question.id,
                        question=first_question(in_words(question.question, lang=lang)))
        return text("summary.answer_first", lang, id=question.id, question=in_words(question.question, lang=lang))
    if flag is not None:
        return flag_line(flag, lang)
    if report.recommendation == "proceed":
        return text("summary.nothing", lang)
    return in_words(report.recommendation_reason, lang=lang)


def _next(report: Report, flag: Flag | None, question: ChecklistItem | None, open_questions: int) -> str:
    rec, lang = report.recommendation, report.language
    first = sentence_case(flag.mitigations[0], lower=True).rstrip(".") if flag is not None and flag.mitigations else ""
    rest = open_questions - (question is not None)
    then = plural("next.then_answer", rest, lang) if rest > 0 else ""
    if rec == "do_not_proceed":
        return text("next.do_not_sign", lang) + (f"; {first}" if first else "") + then
    if rec == "escalate":  # the research-security function decides the measures: the flags list them
        return text("next.refer", lang) + then
    if rec == "needs_review" and question is not None:
        return text("next.answer_one", lang, id=question.id) + then
    if rec == "proceed_with_mitigations":
        return text("next.mitigate", lang) + (text("next.mitigate_first", lang, first=first) if first else "") + then
    if rec == "needs_review":
        return text("next.answer_all", lang)
    return text("next.file", lang) + then


def match_clause(m: SummaryMatch, lang: str = "en") -> tuple[str, list[str]]:
    """("'BUAA' (affiliation) is the listed Beihang University (…), which is", [each list's meaning with its edition])."""
    also = text("entity_line.also_listed_as", lang, names="; ".join(m.also_listed_as)) if m.also_listed_as else ""
    lead = text("summary.is_listed" if m.decision == "match" else "summary.may_be_listed", lang, name=repr(m.name),
                subject=subject_word(m.subject, lang), country=", " + m.country if m.country else "", entity=m.entity,
                also=also, identity=m.identity)
    return lead, [x.meaning + ("" if x.edition in x.meaning else text("list.edition", lang, edition=x.edition)) for x in m.lists]


def area_clause(areas: list[SummaryArea], lead: bool = True, lang: str = "en") -> str:
    """'the research is in sensitive areas: Synthetic aperture sonar (“synthetic aperture sonar” in abstract) and 5 more'
    (without ``lead``, from the first area on: a view that labels it "Areas")."""
    shown = [f"{a.name} ({a.evidence}{'' if a.decision == 'match' else text('summary.possible_area', lang)})"
             for a in areas[:HEADLINE_AREAS]]
    more = len(areas) - HEADLINE_AREAS
    words = ", ".join(shown) + (text("summary.and_more", lang, n=more) if more > 0 else "")
    return plural("summary.areas_lead", len(areas), lang, areas=words) if lead else words


def summarise(report: Report) -> Summary:
    flag, question = deciding(report)
    questions = counted_questions(report)
    matches, areas = matched_names(report), cited_areas(report)
    lang = report.language
    reason = _reason(report, flag, question)
    next_step = _next(report, flag, question, len(questions))
    parts = [reason]
    for m in matches[:HEADLINE_NAMES]:
        lead, lists = match_clause(m, lang)
        parts.append(f"{lead} {'; '.join(lists)}")
    if len(matches) > HEADLINE_NAMES:
        parts.append(text("summary.more_names", lang, n=len(matches) - HEADLINE_NAMES))
    if areas:
        parts.append(area_clause(areas, lang=lang))
    said = recommendation_text(report.recommendation, lang)
    headline = text("summary.headline", lang, recommendation=said, parts="; ".join(parts), next=next_step)
    return Summary(
        recommendation=report.recommendation, recommendation_text=said, headline=headline, reason=reason,
        decided_by=question.id if question is not None else flag.rule_id if flag is not None else "",
        matches=matches, areas=areas, next_step=next_step, open_questions=len(questions),
        frameworks_applying=[f.id for f in report.frameworks if f.applies],
        frameworks_not_applying=[f.id for f in report.frameworks if not f.applies],
    )
