"""Human wording shared by every renderer, so the views cannot disagree."""

from __future__ import annotations

import re
from collections.abc import Callable

from collabguard.models.report import AreaFinding, ChecklistItem, Flag, FrameworkResult, ListMatch, Report, SummaryMatch
from collabguard.reference.report_text import plural, reason, text, text_or
from collabguard.report.wording import in_words

# Each line below is wording (ours) around values (a proposal's, a list's, a reviewer's): a renderer
# passes ``esc``, which makes each value inert for its output (Markdown, HTML, a terminal) while
# the wording keeps its own punctuation. The wording is looked up by key and the report's language
# (reference/report-text.yaml); the English constants below are kept for callers that show English.
Esc = Callable[[str], str]
RECOMMENDATIONS = ("proceed", "proceed_with_mitigations", "needs_review", "escalate", "do_not_proceed")

RECOMMENDATION_TEXT = {rec: text(f"recommendation.{rec}") for rec in RECOMMENDATIONS}
DECISION_TEXT = {d: text(f"decision_long.{d}") for d in ("match", "possible", "none")}
REASON_TEXT = {r: text(f"reason.{r}") for r in ("judgement", "confirm_identity", "confirm_area", "missing_data")}

# a flag's state, said of the identity it rests on: "confirmed" never qualifies a flag or a risk
IDENTITY_TO_CONFIRM = text("flag.identity_to_confirm")
NOT_APPLICABLE = text("framework.not_applicable")


def recommendation_text(rec: str, lang: str = "en") -> str:
    """The recommendation in words: "Escalate to the research-security function"."""
    return text(f"recommendation.{rec}", lang)


def verdict_word(rec: str, lang: str = "en") -> str:
    """A framework's verdict in a table cell: "needs review"."""
    return text(f"verdict.{rec}", lang)


def severity_word(severity: str, lang: str = "en") -> str:
    """A severity or risk level in words ("high", "høy"); the JSON keeps the English value."""
    return text(f"severity.{severity}", lang)


def risk_condition(report: Report) -> str:
    """" if the name is the listed one" when the risk level rests only on flags whose identity is still
    possible (Institut Pasteur, FR, possibly the listed Pasteur Institute of Iran): the level is what a
    confirmation would make it, not what is known; else ""."""
    held = [f for f in report.counted_flags if f.severity == report.risk_level]
    if held and not any(f.confirmed for f in held):
        return text("head.if_confirmed", report.language)
    return ""


def decision_word(decision: str, lang: str = "en") -> str:
    """A match or area decision in words ("match", "possible")."""
    return text(f"decision.{decision}", lang)


def reason_text(reason_: str, lang: str = "en") -> str:
    """Why a question is asked: "confirm identity", "missing data"."""
    return text(f"reason.{reason_}", lang)


def advice_tag(framework: str, lang: str = "en") -> str:
    """'advice: au-ufit does not apply': the mark of a finding from a framework that does not apply."""
    return text("flag.advice_tag", lang, framework=framework)


def answer_word(answer: str, lang: str = "en") -> str:
    """An answer to a checklist question in words ("yes", "ja")."""
    return text(f"answer.{answer}", lang) if answer in ("yes", "no", "unsure") else answer


def _same(text: str) -> str:
    return text


def sentence_case(text: str, lower: bool = False) -> str:
    """``text`` with its first letter lowered (``lower``) to continue a sentence, unless it starts an
    acronym or a name ("DEKSA answers …", "NSERC …")."""
    if not lower or len(text) < 2 or not text[0].isupper() or not (text[1].islower() or text[1] == " "):
        return text
    return text[0].lower() + text[1:]


def flag_message(flag: Flag, lang: str = "en") -> str:
    """A flag's message with the facts it fired on in words, never as field paths or Python values."""
    return in_words(flag.message, flag.evidence.fields, lang)


def question_text(q: ChecklistItem, lang: str = "en") -> str:
    return in_words(q.question, lang=lang)


# a sentence ends at ".", "?" or "!" before a capital; not after an initial or a short abbreviation inside a name
# ("the listed 'Institute of Physics Named After P.N. Lebedev …'?", "Yu.A. Ovchinnikov", "Co. Ltd")
_SENTENCE = re.compile(r"(?<=[.?!])(?<![\s.'\"(][A-Z]\.)(?<![\s.'\"(][A-Z][a-z]\.)\s+(?=[A-ZÆØÅ(])")


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


def identity_words(m: ListMatch, lang: str = "en") -> str:
    """Why a name is (or may be) the listed entity, in the matcher's words, without repeating the name."""
    out = []
    for why in m.reasons:
        said = why.removeprefix("same name as the listed name ")
        out.append(text("identity.same_name", lang) if said != why and said.strip("'\"") == m.entity_name
                   else reason(why, lang))
    return "; ".join(out) or decision_word(m.decision, lang)


def subject_word(subject: str, lang: str = "en") -> str:
    """Where a name stands in the proposal, in words: "partner", "affiliation"."""
    return text_or(f"subject.{subject}", subject, lang)


def field_word(field: str, lang: str = "en") -> str:
    """A text field of the proposal in words: "abstract", "sammendrag"."""
    return text_or(f"text_field.{field}", field, lang)


def entity_line(m: SummaryMatch, esc: Esc = _same, lang: str = "en") -> str:
    """'Harbin Engineering University → Harbin Engineering University [us-bis-entity, ca-nro]': a name as
    written, the entity it matched and every list that names it; one line per name and entity."""
    state = "" if m.decision == "match" else text("entity_line.possible", lang)
    also = text("entity_line.also_listed_as", lang, names="; ".join(esc(n) for n in m.also_listed_as)) if m.also_listed_as else ""
    return f"{esc(m.name)} → {esc(m.entity)}{also} [{', '.join(esc(x.id) for x in m.lists)}]{state}"


def area_evidence(area: AreaFinding, esc: Esc = _same, lang: str = "en") -> str:
    """The words that made an area hit, each once, with where they are: '“sonar” in abstract and keywords'."""
    where: dict[str, tuple[str, list[str]]] = {}
    for e in area.evidence:
        _, fields = where.setdefault(e.text.casefold(), (e.text, []))
        if e.field not in fields:
            fields.append(e.field)
    both = text("words.and", lang)
    return ", ".join(text("area.words_in", lang, words=esc(words), fields=both.join(esc(field_word(f, lang)) for f in sorted(fields)))
                     for words, fields in where.values())


def match_line(m: ListMatch, esc: Esc = _same, lang: str = "en") -> str:
    rating = text("match_line.rated", lang, rating=esc(m.rating)) if m.rating else ""
    kind = text_or(f"name_kind.{m.matched_name_kind}", m.matched_name_kind, lang)
    return text("match_line", lang, partner=esc(m.partner), subject=subject_word(m.subject, lang),
                country=", " + esc(m.country) if m.country else "", entity=esc(m.entity_name), list=esc(m.list),
                rating=rating, decision=decision_word(m.decision, lang), score=m.score, kind=esc(kind),
                name=esc(repr(m.matched_name)))


def area_terms(area: AreaFinding, esc: Esc = _same, lang: str = "en") -> str:
    """The words that made an area hit, once each: '"sonar" in abstract, "sonar" in keywords'."""
    return ", ".join(sorted({text("area.words_in", lang, words=esc(e.text), fields=esc(field_word(e.field, lang)))
                             for e in area.evidence}))


def near_miss_lines(report: Report, esc: Esc = _same) -> list[str]:
    """'Sichuan Normal University (partner): nearest on ca-nro is Sichuan University, rejected: extra word 'normal''.
    One line per name and list, so an officer can show why a name was not reported as listed."""
    if report.matcher is None:
        return []
    lang = report.language
    return [text("near_miss", lang, partner=esc(n.partner), subject=esc(subject_word(n.subject, lang)), list=esc(n.list),
                 entity=esc(n.entity_name), why=esc(reason(n.why, lang)))
            for n in report.matcher.near_misses]


def review_lines(report: Report, esc: Esc = _same) -> list[str]:
    """Reviewed decisions met in this screening, applied or not."""
    lang = report.language
    return [text("review_line", lang, partner=esc(r.partner), entity=esc(r.entity_name), list=esc(r.list),
                 decision=text(f"review.{r.decision}", lang), reviewer=esc(r.reviewer), date=r.date, expires=r.expires,
                 status=text(f"review_status.{r.status}", lang), reason=esc(r.reason))
            for r in report.reviews]


_SHORT = re.compile(r" \(|; |: | and the ")  # a list's title up to its first explanation
SHORT_NOTE = text("coverage.short_note")


def short_title(title: str) -> str:
    """'UK Sanctions List (FCDO)' → 'UK Sanctions List': a list's name without its explanation."""
    m = _SHORT.search(title)
    return title[:m.start()] if m and m.start() > 8 else title


def coverage_brief(report: Report, esc: Esc = _same) -> tuple[str, str]:
    """The lists checked and not checked, a line each: how many, the oldest edition, what is partial."""
    cov, lang = report.coverage, report.language
    aged = [c for c in cov.lists_checked if c.age_days is not None]
    oldest = max(aged, key=lambda c: c.age_days or 0, default=None)
    partial = [short_title(c.title) for c in cov.lists_checked if not c.complete]
    checked = plural("coverage.checked", len(cov.lists_checked), lang)
    if oldest is not None:
        checked += text("coverage.oldest", lang, title=esc(short_title(oldest.title)), edition=esc(oldest.edition),
                        days=oldest.age_days)
    if partial:
        checked += text("coverage.partial", lang, lists=esc(", ".join(partial)))
    missing = esc(", ".join(short_title(t) for t in cov.lists_not_checked))
    return checked, missing


def framework_title(fw: FrameworkResult, lang: str = "en") -> str:
    """A framework's title: the pack's own, or in another language where the data file has it
    ("Norge (HK-dir): retningslinjer og verktøy for ansvarlig internasjonalt kunnskapssamarbeid")."""
    return fw.title if lang == "en" else text_or(f"framework_title.{fw.id}", fw.title, lang)


def framework_short(fw: FrameworkResult, lang: str = "en") -> str:
    """'Australia (au-ufit)': where a framework is from, and its id."""
    title = framework_title(fw, lang)
    where = title.split(":", 1)[0].split(" (", 1)[0].strip()
    return f"{where} ({fw.id})" if where and where != title else fw.id


def not_applicable_line(report: Report, esc: Esc = _same) -> str:
    """'Not applicable here: Australia (au-ufit), …': the frameworks that do not apply, in one line."""
    others = [fw for fw in report.frameworks if not fw.applies]
    return text("framework.not_applicable_here", report.language, frameworks=", ".join(esc(framework_short(fw, report.language)) for fw in others)) if others else ""
