"""Markdown report: for case files, tickets and e-mail.

It leads with the headline, then the frameworks that apply, the flags (one line each) and the open
questions; ``details`` adds each flag in full, the areas, the near misses, the coverage list by list
and the versions, and ``all_frameworks`` the findings of frameworks that do not apply.

Every value that is not collabguard's own wording (a title, a name, a code, a reason, a note, a
rule's message with the proposal's words in it) is written as inline text on one line
(:func:`~collabguard.report.escape.markdown`): a title cannot start a heading, a list item, a link,
an HTML tag or a comment, so it cannot forge or hide what the report says."""

from __future__ import annotations

from collabguard.models.report import Flag, Report
from collabguard.reference.report_text import plural, reason, text
from collabguard.report.escape import markdown as _esc
from collabguard.report.escape import markdown_code as _code
from collabguard.report.escape import markdown_url as _url
from collabguard.report.labels import (
    advice_tag,
    answer_word,
    area_terms,
    coverage_brief,
    decision_word,
    entity_line,
    flag_message,
    framework_title,
    match_line,
    near_miss_lines,
    not_applicable_line,
    question_text,
    reason_text,
    recommendation_text,
    review_lines,
    risk_condition,
    severity_word,
)
from collabguard.report.summary import HEADLINE_NAMES, area_clause, match_clause, matched_names


def _headline(report: Report) -> list[str]:
    s, lang = report.summary, report.language
    out = [
        "- **" + text("md.proposal", lang) + f":** {_code(report.proposal_id)} "
        + text("md.screened_on", lang, date=_esc(report.screened_on)),
        "- **" + text("md.recommendation", lang) + ":** " + text("md.recommendation_line", lang,
                                                               recommendation=recommendation_text(report.recommendation, lang),
                                                               risk=severity_word(report.risk_level, lang) + risk_condition(report),
                                                               blocking=text(f"answer.{'yes' if report.blocking else 'no'}", lang)),
        "- **" + text("md.why", lang) + f":** {_esc(s.reason)}",
    ]
    for m in s.matches[:HEADLINE_NAMES]:
        lead, lists = match_clause(m, lang)
        out.append("- **" + text("md.listed" if m.decision == "match" else "md.possibly", lang) + f":** {_esc(lead)}")
        out += [f"  - {_esc(meaning)}" for meaning in lists]
    if len(s.matches) > HEADLINE_NAMES:
        out.append("- " + text("head.more_names", lang, n=len(s.matches) - HEADLINE_NAMES))
    if s.areas:
        out.append("- **" + text("md.areas", lang) + f":** {_esc(area_clause(s.areas, lead=False, lang=lang))}")
    out.append("- **" + text("md.next", lang) + f":** {_esc(s.next_step)}")
    return out


def _frameworks(report: Report, all_frameworks: bool) -> list[str]:
    shown = sorted((fw for fw in report.frameworks if fw.applies or all_frameworks), key=lambda fw: not fw.applies)
    others = [fw for fw in report.frameworks if not fw.applies]
    lang = report.language
    out = ["", "## " + text("frameworks.apply" if not all_frameworks else "frameworks.heading", lang), ""]
    if not report.any_applies:
        out += [text("frameworks.none_apply", lang), ""]
    if shown:
        columns = [text(f"frameworks.column.{c}", lang) for c in ("framework", "verdict", "risk", "flags", "questions", "because")]
        out += ["| " + " | ".join(columns) + " |", "|---|---|---|---|---|---|"]
        for fw in shown:  # only a framework that applies has a verdict; the others give advice
            verdict, risk = ((recommendation_text(fw.recommendation, lang), severity_word(fw.risk_level, lang)) if fw.applies
                             else (text("framework.not_applicable", lang), "—"))
            blocking = text("md.blocking", lang) if fw.blocking else ""
            out.append(f"| {_esc(framework_title(fw, lang))} | {_esc(verdict)} | {risk} | {fw.flags}{blocking} | "
                       f"{fw.questions} | {_esc(fw.reason)} |")
    if others and not all_frameworks:
        advice = sum(1 for f in report.flags if f.advisory)
        folded = plural("frameworks.folded_markdown", advice, lang) if advice else ""
        out += ["", f"{not_applicable_line(report, _esc)}{folded}."]
    return out


def _tags(f: Flag, lang: str) -> list[str]:
    return [t for t in (text("flag.blocking", lang) if f.blocking else "",
                        text("flag.identity_to_confirm", lang) if not f.confirmed else "",
                        advice_tag(f.framework, lang) if f.advisory else "") if t]


def _flag_brief(report: Report, f: Flag) -> str:
    lang = report.language
    names = matched_names(report, [f])
    if names:
        what = "; ".join(entity_line(m, _esc, lang) for m in names)
    elif f.evidence.areas:
        what = text("md.areas_brief", lang) + "; ".join(_esc(a.area_name) for a in f.evidence.areas)
    else:
        what = _esc(flag_message(f, lang))
    tags = "".join(f" — {t}" for t in _tags(f, lang))
    return f"- **{severity_word(f.severity, lang).upper()}** · {_esc(f.rule_id)}: {_esc(f.title)}{_esc(tags)} — {what}"


def _flag_full(f: Flag, lang: str) -> list[str]:
    tags = ", ".join(_tags(f, lang))
    out = [f"### {severity_word(f.severity, lang).upper()} · {_esc(f.rule_id)}: {_esc(f.title)}", ""]
    if tags:
        out += [f"*{_esc(tags)}*", ""]
    out += [_esc(flag_message(f, lang)), "",
            text("md.guideline", lang, section=_esc(f.guideline.section), url=_url(f.guideline.url))]
    for m in f.evidence.matches:
        out.append(f"- {match_line(m, _esc, lang)}")
        out.append("  - " + text("md.why_source", lang, why=_esc("; ".join(reason(r, lang) for r in m.reasons)),
                                 url=_url(m.source_url), date=_esc(m.source_date)))
    for a in f.evidence.areas:
        out.append("- " + text("md.area", lang, name=_esc(a.area_name), id=_code(a.area_id), decision=decision_word(a.decision, lang),
                               score=a.score, terms=area_terms(a, _esc, lang)))
    if f.mitigations:
        out += ["", text("md.mitigations", lang) + ":"] + [f"- {_esc(m)}" for m in f.mitigations]
    return [*out, ""]


def _flags(report: Report, details: bool, all_frameworks: bool) -> list[str]:
    full, advice = report.counted_flags, (report.advisory_flags if all_frameworks else [])
    lang = report.language
    out = ["", "## " + text("flags.heading", lang, n=len(full)), ""]
    if not full:
        out.append(text("md.no_flags", lang))
    for f in full + advice:
        if advice and f is advice[0]:
            out += ["", "## " + text("flags.advice_heading", lang, n=len(advice)), ""]
        out += _flag_full(f, lang) if details else [_flag_brief(report, f)]
    return out


def _checklist(report: Report, all_frameworks: bool) -> list[str]:
    shown = [q for q in report.checklist if all_frameworks or not q.advisory or not report.any_applies]
    lang = report.language
    out = ["", "## " + text("checklist.heading", lang, n=len(shown)), ""]
    for q in shown:
        adv = f" ({advice_tag(q.framework, lang)})" if q.advisory and report.any_applies else ""
        out.append(f"- [ ] **{severity_word(q.severity, lang)}** {_code(q.id)} · {reason_text(q.reason, lang)}{_esc(adv)}: "
                   f"{_esc(question_text(q, lang))}")
    hidden = len(report.checklist) - len(shown)
    if hidden:
        out += ["", text("checklist.hidden_markdown", lang, n=hidden)]
    return out


def _record(report: Report) -> list[str]:
    out: list[str] = []
    lang = report.language
    if report.answers:
        out += ["", "## " + text("record.answers", lang), ""]
        out += [f"- {_esc(a.question)} — **{answer_word(a.answer, lang)}** ({_esc(a.reviewer)}, {_esc(a.date)})"
                f"{': ' + _esc(a.note) if a.note else ''}" for a in report.answers]
    if report.reviews:
        out += ["", "## " + text("record.reviews", lang), ""] + [f"- {line}" for line in review_lines(report, _esc)]
    if report.warnings:
        out += ["", "## " + text("record.warnings", lang), ""] + [f"- {_esc(w)}" for w in report.warnings]
    return out


def _details(report: Report) -> list[str]:
    out: list[str] = []
    lang = report.language
    if report.areas:
        out += ["", "## " + text("md.areas_heading", lang), ""]
        out += [f"- {_esc(a.area_name)} ({_code(a.area_id)}, {_esc(a.taxonomy)} {_esc(a.taxonomy_version)}): "
                f"{decision_word(a.decision, lang)}, {area_terms(a, _esc, lang)}" for a in report.areas]
    near = near_miss_lines(report, _esc)
    if near:
        out += ["", "## " + text("details.near_heading", lang), ""] + [f"- {line}" for line in near]
    cov = report.coverage
    out += ["", "## " + text("coverage.heading", lang), ""]
    for c in cov.lists_checked:
        age = text("coverage.days_old", lang, days=c.age_days) if c.age_days is not None else ""
        out.append("- " + text("md.checked", lang, title=_esc(c.title), edition=_esc(c.edition), age=age, entries=c.entries,
                               partial="" if c.complete else text("md.partial", lang)))
    out += ["- " + text("coverage.not_checked", lang, lists=_esc(t)) for t in cov.lists_not_checked]
    out += ["", f"*{_esc(cov.note)}*"]
    return out


def _short_coverage(report: Report) -> list[str]:
    checked, missing = coverage_brief(report, _esc)
    lang = report.language
    return (["", "## " + text("coverage.heading", lang), "", f"- {checked}"]
            + (["- " + text("coverage.not_checked", lang, lists=missing)] if missing else [])
            + ["", f"*{text('coverage.short_note', lang)}*"])


def render_markdown(report: Report, details: bool = False, all_frameworks: bool = False) -> str:
    """The report in Markdown; ``details``: every flag in full, the areas, near misses and coverage
    list by list; ``all_frameworks``: also the findings of frameworks that do not apply."""
    out: list[str] = ["# " + text("md.title", report.language, title=_esc(report.title)), ""]
    out += _headline(report)
    out += _frameworks(report, all_frameworks)
    out += _flags(report, details, all_frameworks)
    out += _checklist(report, all_frameworks)
    out += _record(report)
    out += _details(report) if details else _short_coverage(report)
    out.append("")
    if report.context is not None:
        from collabguard.report.stats_text import render_stats_markdown

        out += render_stats_markdown(report.context, lang=report.language)
    v, lang = report.versions, report.language
    out += ["## " + text("versions.heading", lang), ""]
    out.append("- " + text("versions.tool", lang, tool=_esc(v.tool), matcher=_esc(v.matcher.algorithm),
                           threshold=v.matcher.possible_threshold))
    if details:
        out += ["- " + text("versions.pack", lang, id=_esc(p.id), version=_esc(p.version), sha=_esc(p.sha256[:12]) + "…")
                for p in v.packs]
        out += ["- " + text("versions.list", lang, id=_esc(ll.id), edition=_esc(ll.edition), sha=_esc(ll.sha256[:12]) + "…")
                for ll in v.lists]
    else:
        out.append("- " + text("versions.packs", lang, packs=_esc(", ".join(f"{p.id} {p.version}" for p in v.packs))))
        out.append("- " + text("versions.more_markdown", lang))
    return "\n".join(out) + "\n"
