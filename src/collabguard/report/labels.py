"""Human wording shared by every renderer, so the views cannot disagree."""

from __future__ import annotations

import re
from collections.abc import Callable

from collabguard.models.report import AreaFinding, ChecklistItem, Flag, FrameworkResult, ListMatch, Report, SummaryMatch
from collabguard.report.wording import in_words

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


# a flag's state, said of the identity it rests on: "confirmed" never qualifies a flag or a risk
IDENTITY_TO_CONFIRM = "identity to confirm: a person must say who the partner is"
NOT_APPLICABLE = "does not apply"


def _same(text: str) -> str:
    return text


def sentence_case(text: str, lower: bool = False) -> str:
    """``text`` with its first letter lowered (``lower``) to continue a sentence, unless it starts an
    acronym or a name ("DEKSA answers …", "NSERC …")."""
    if not lower or len(text) < 2 or not text[0].isupper() or not (text[1].islower() or text[1] == " "):
        return text
    return text[0].lower() + text[1:]


def flag_message(flag: Flag) -> str:
    """A flag's message with the facts it fired on in words, never as field paths or Python values."""
    return in_words(flag.message, flag.evidence.fields)


def question_text(q: ChecklistItem) -> str:
    return in_words(q.question)


_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z(])")


def question_sentence(text: str) -> str:
    """A question text from its first question on, without the facts it opens with: "Partners are in
    China (CN). Who owns them?" → "Who owns them?" (the whole text when no sentence of it asks)."""
    sentences = _SENTENCE.split(text)
    first = next((i for i, s in enumerate(sentences) if s.endswith("?")), 0)
    return " ".join(sentences[first:])


def first_question(text: str) -> str:
    """The first sentence of a question text that asks: "Is 'BUAA' the listed …? The match is only possible: …"
    → "Is 'BUAA' the listed …?"."""
    return next((s for s in _SENTENCE.split(text) if s.endswith("?")), text)


def identity_words(m: ListMatch) -> str:
    """Why a name is (or may be) the listed entity, in the matcher's words, without repeating the name."""
    out = []
    for reason in m.reasons:
        said = reason.removeprefix("same name as the listed name ")
        out.append("same name" if said != reason and said.strip("'\"") == m.entity_name else reason)
    return "; ".join(out) or m.decision


def entity_line(m: SummaryMatch, esc: Esc = _same) -> str:
    """'Harbin Engineering University → Harbin Engineering University [us-bis-entity, ca-nro]': a name as
    written, the entity it matched and every list that names it; one line per name and entity."""
    state = "" if m.decision == "match" else " (possible: identity to confirm)"
    also = f" (also listed as {'; '.join(esc(n) for n in m.also_listed_as)})" if m.also_listed_as else ""
    return f"{esc(m.name)} → {esc(m.entity)}{also} [{', '.join(esc(x.id) for x in m.lists)}]{state}"


def area_evidence(area: AreaFinding, esc: Esc = _same) -> str:
    """The words that made an area hit, each once, with where they are: '“sonar” in abstract and keywords'."""
    where: dict[str, tuple[str, list[str]]] = {}
    for e in area.evidence:
        _, fields = where.setdefault(e.text.casefold(), (e.text, []))
        if e.field not in fields:
            fields.append(e.field)
    return ", ".join(f"“{esc(text)}” in {' and '.join(esc(f) for f in sorted(fields))}" for text, fields in where.values())


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


_SHORT = re.compile(r" \(|; |: | and the ")  # a list's title up to its first explanation
SHORT_NOTE = "A list match is a lead to check, not a finding of wrongdoing; a list not checked clears no one."


def short_title(title: str) -> str:
    """'UK Sanctions List (FCDO)' → 'UK Sanctions List': a list's name without its explanation."""
    m = _SHORT.search(title)
    return title[:m.start()] if m and m.start() > 8 else title


def coverage_brief(report: Report, esc: Esc = _same) -> tuple[str, str]:
    """The lists checked and not checked, a line each: how many, the oldest edition, what is partial."""
    cov = report.coverage
    aged = [c for c in cov.lists_checked if c.age_days is not None]
    oldest = max(aged, key=lambda c: c.age_days or 0, default=None)
    partial = [short_title(c.title) for c in cov.lists_checked if not c.complete]
    checked = f"{len(cov.lists_checked)} lists checked"
    if oldest is not None:
        checked += f"; the oldest edition: {esc(short_title(oldest.title))}, {esc(oldest.edition)} ({oldest.age_days} days old)"
    if partial:
        checked += f"; partial: {esc(', '.join(partial))}"
    missing = esc(", ".join(short_title(t) for t in cov.lists_not_checked))
    return checked, missing


def framework_short(fw: FrameworkResult) -> str:
    """'Australia (au-ufit)': where a framework is from, and its id."""
    where = fw.title.split(":", 1)[0].split(" (", 1)[0].strip()
    return f"{where} ({fw.id})" if where and where != fw.title else fw.id


def not_applicable_line(report: Report, esc: Esc = _same) -> str:
    """'Not applicable here: Australia (au-ufit), …': the frameworks that do not apply, in one line."""
    others = [fw for fw in report.frameworks if not fw.applies]
    return f"Not applicable here: {', '.join(esc(framework_short(fw)) for fw in others)}" if others else ""
