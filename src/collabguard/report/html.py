"""Self-contained HTML report for the case file: inline CSS, no scripts, no external assets,
a strict Content-Security-Policy, and every value from the proposal escaped.

The page leads with the headline (recommendation, why, each name and the lists it is on, the
areas, the next step) and the frameworks that apply; it holds every detail below that, and folds
away the findings of frameworks that do not apply and the near misses (``<details>``)."""

from __future__ import annotations

from html import escape

from collabguard.models.report import ChecklistItem, Flag, FrameworkResult, Report
from collabguard.reference.report_text import plural, reason, text
from collabguard.report.escape import one_line
from collabguard.report.labels import (
    advice_tag,
    answer_word,
    area_terms,
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

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24;line-height:1.45}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
.meta{color:#57606a}.box{border:1px solid #d0d7de;border-radius:6px;padding:.8rem 1rem;margin:1rem 0}
.rec{font-size:1.1rem;font-weight:600}td.rec{font-size:.9rem}.sev{display:inline-block;padding:0 .45rem;border-radius:4px;font-size:.8rem;font-weight:700;color:#fff}
.critical{background:#82071e}.high{background:#cf222e}.medium{background:#8a6100}.low{background:#0969da}.info,.none{background:#6e7781}
.proceed{color:#1a7f37}.proceed_with_mitigations{color:#0969da}.needs_review{color:#9a6700}.escalate{color:#cf222e}.do_not_proceed{color:#82071e}
.flag{border-left:4px solid #d0d7de;padding:.2rem .9rem;margin:1rem 0}.flag.blocking{border-color:#82071e}.tag{font-size:.8rem;color:#57606a;margin-left:.4rem}
.unconfirmed{color:#9a6700;font-weight:600}.sev.advice{background:#6e7781}.headline dt{font-weight:600;float:left;width:7.5rem;clear:left}
.headline dd{margin:0 0 .4rem 8rem}.headline ul{margin:.2rem 0 .4rem 8rem;padding-left:1.1rem}summary{cursor:pointer;font-weight:600;margin:1rem 0}table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
code,.mono{font-family:ui-monospace,Consolas,monospace;font-size:.85rem}ul{margin:.3rem 0}.small{font-size:.85rem;color:#57606a}
@media print{body{margin:0}.flag{break-inside:avoid}}
"""


def _e(text: object) -> str:
    """Text as HTML text or attribute value: markup escaped, control characters shown (ESC as ␛)."""
    return escape(one_line(text), quote=True)


def _flag(f: Flag, lang: str = "en") -> str:
    tags = []
    if f.blocking:
        tags.append(text("flag.blocking", lang))
    if f.advisory:
        tags.append(advice_tag(f.framework, lang))
    sev = "advice" if f.advisory else f.severity  # never red for a framework that does not apply
    out = [f'<div class="flag{" blocking" if f.blocking else ""}">',
           f'<h3><span class="sev {_e(sev)}">{_e(severity_word(f.severity, lang).upper())}</span> {_e(f.rule_id)}: {_e(f.title)}'
           + "".join(f'<span class="tag">{_e(t)}</span>' for t in tags) + "</h3>"]
    if not f.confirmed:
        out.append(f'<p class="unconfirmed">{_e(text("html.unconfirmed", lang))}</p>')
    out.append(f"<p>{_e(flag_message(f, lang))}</p>")
    if f.evidence.matches:
        out.append("<ul>")
        for m in f.evidence.matches:
            why = _e(text("html.why", lang, why="; ".join(reason(r, lang) for r in m.reasons)))
            out.append(f'<li>{_e(match_line(m, lang=lang))}<br><span class="small">{why}; '
                       f'{_e(text("html.source", lang))}: <span class="mono">{_e(m.source_url)}</span> ({_e(m.source_date)})</span></li>')
        out.append("</ul>")
    if f.evidence.areas:
        out.append("<ul>")
        for a in f.evidence.areas:
            terms = area_terms(a, lang=lang)
            out.append(f"<li>{_e(text('html.area', lang))} {_e(a.area_name)} (<code>{_e(a.area_id)}</code>, "
                       f"{_e(decision_word(a.decision, lang))}): {_e(terms)}</li>")
        out.append("</ul>")
    if f.mitigations:
        out.append(f"<p><strong>{_e(text('md.mitigations', lang))}</strong></p><ul>"
                   + "".join(f"<li>{_e(m)}</li>" for m in f.mitigations) + "</ul>")
    out.append(f'<p class="small">{_e(text("html.guideline", lang))}: {_e(f.guideline.section)}<br>'
               f'<span class="mono">{_e(f.guideline.url)}</span></p>')
    out.append("</div>")
    return "\n".join(out)


def render_html(report: Report) -> str:
    """The report as a standalone page for the case file."""
    r = report
    head = [
        "<!doctype html>",
        f'<html lang="{_e(r.language)}"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>collabguard: {_e(r.title)}</title><style>{CSS}</style></head><body>",
    ]
    return "\n".join(head) + "\n" + report_body_html(report) + "\n</body></html>\n"


def _headline(r: Report) -> list[str]:
    s, lang = r.summary, r.language
    blocking = text(f"answer.{'yes' if r.blocking else 'no'}", lang)
    out = ['<div class="box headline">',
           f'<p class="rec {_e(r.recommendation)}">{_e(recommendation_text(r.recommendation, lang))}</p>',
           f'<p>{_e(text("html.risk_level", lang))}: <span class="sev {_e(r.risk_level)}">'
           f'{_e(severity_word(r.risk_level, lang).upper())}</span>{_e(risk_condition(r))} · '
           f'{_e(text("html.blocking", lang))}: {_e(blocking)}</p><dl>',
           f"<dt>{_e(text('md.why', lang))}</dt><dd>{_e(s.reason)}</dd>"]
    for m in s.matches[:HEADLINE_NAMES]:
        lead, lists = match_clause(m, lang)
        out.append(f"<dt>{_e(text('md.listed' if m.decision == 'match' else 'md.possibly', lang))}</dt><dd>{_e(lead)}</dd>")
        out.append("<ul>" + "".join(f"<li>{_e(meaning)}</li>" for meaning in lists) + "</ul>")
    if len(s.matches) > HEADLINE_NAMES:
        out.append(f"<dt></dt><dd>{_e(text('head.more_names', lang, n=len(s.matches) - HEADLINE_NAMES))}</dd>")
    if s.areas:
        out.append(f"<dt>{_e(text('md.areas', lang))}</dt><dd>{_e(area_clause(s.areas, lead=False, lang=lang))}</dd>")
    out += [f"<dt>{_e(text('md.next', lang))}</dt><dd><strong>{_e(s.next_step)}</strong></dd>", "</dl></div>"]
    return out


def _framework_table(frameworks: list[FrameworkResult], lang: str = "en") -> str:
    head = "".join(f"<th>{_e(text(f'frameworks.column.{c}', lang))}</th>"
                   for c in ("framework", "because", "verdict", "risk", "flags", "questions"))
    rows = [f"<table><tr>{head}</tr>"]
    for fw in frameworks:
        if fw.applies:
            verdict = f'<td class="rec {_e(fw.recommendation)}">{_e(recommendation_text(fw.recommendation, lang))}</td>'
            risk = f'<td><span class="sev {_e(fw.risk_level)}">{_e(severity_word(fw.risk_level, lang))}</span></td>'
        else:  # only a framework that applies has a verdict: the others give advice, never a red verdict
            verdict, risk = f'<td class="small">{_e(text("framework.not_applicable", lang))}</td>', '<td class="small">—</td>'
        blocking = _e(text("md.blocking", lang)) if fw.blocking else ""
        rows.append(f"<tr><td>{_e(framework_title(fw, lang))}</td><td>{_e(fw.reason)}</td>{verdict}{risk}"
                    f"<td>{fw.flags}{blocking}</td><td>{fw.questions}</td></tr>")
    return "".join(rows) + "</table>"


def _questions(items: list[ChecklistItem], advisory: bool, lang: str = "en") -> str:
    out = ["<ul>"]
    for q in items:
        sev = "advice" if advisory else q.severity
        out.append(f'<li>☐ <span class="sev {_e(sev)}">{_e(severity_word(q.severity, lang))}</span> '
                   f'<span class="mono small">{_e(q.id)}</span> '
                   f'{_e(question_text(q, lang))} <span class="small">({_e(q.rule_id)}, {_e(reason_text(q.reason, lang))})</span></li>')
    return "\n".join([*out, "</ul>"])


def report_body_html(report: Report, checklist: bool = True) -> str:
    """The report's content (what goes inside ``<body>``), for a page that embeds it: the workbench
    shows it with the checklist as a form of its own (``checklist=False``)."""
    r, lang = report, report.language
    parts = [
        f"<h1>{_e(r.title)}</h1>",
        '<p class="meta">' + text("html.meta", lang, id=f"<code>{_e(r.proposal_id)}</code>", date=_e(r.screened_on),
                                  tool=_e(r.versions.tool)) + "</p>",
        *_headline(r),
    ]
    applying = [fw for fw in r.frameworks if fw.applies]
    others = [fw for fw in r.frameworks if not fw.applies]
    parts.append(f"<h2>{text('frameworks.apply', lang)}</h2>")
    if applying:
        parts.append(f"<p class=\"small\">{text('html.own_verdict', lang)}</p>")
        parts.append(_framework_table(applying, lang))
    else:
        parts.append(f"<p>{text('frameworks.none_apply', lang)}</p>")
    if others:
        folded = text("html.folded", lang, n=len(r.advisory_flags)) if r.advisory_flags else ""
        parts.append(f'<p class="small">{_e(not_applicable_line(r))}{_e(folded)}.</p>')
    full, advice = r.counted_flags, r.advisory_flags
    parts.append(f"<h2>{text('flags.heading', lang, n=len(full))}</h2>")
    parts += [_flag(f, lang) for f in full] or [f"<p>{text('md.no_flags', lang)}</p>"]
    own = [q for q in r.checklist if not q.advisory or not r.any_applies]
    theirs = [q for q in r.checklist if q.advisory and r.any_applies]
    if checklist:
        parts.append(f"<h2>{text('checklist.heading', lang, n=len(own))}</h2>" + _questions(own, False, lang))
    if r.areas:
        head = "".join(f"<th>{text(f'html.areas.{c}', lang)}</th>" for c in ("area", "taxonomy", "decision", "evidence"))
        parts.append(f"<h2>{text('details.areas_heading', lang)}</h2><table><tr>{head}</tr>")
        for a in r.areas:
            terms = area_terms(a, lang=lang)
            parts.append(f"<tr><td>{_e(a.area_name)} <code>{_e(a.area_id)}</code></td><td>{_e(a.taxonomy)} {_e(a.taxonomy_version)}</td>"
                         f"<td>{_e(decision_word(a.decision, lang))}</td><td>{_e(terms)}</td></tr>")
        parts.append("</table>")
    if r.answers:
        parts.append(f"<h2>{text('record.answers', lang)}</h2><ul>" + "".join(
            f"<li>☑ {_e(a.question)} — <strong>{_e(answer_word(a.answer, lang))}</strong> ({_e(a.reviewer)}, {_e(a.date)})"
            f"{': ' + _e(a.note) if a.note else ''}</li>" for a in r.answers) + "</ul>")
    if r.reviews:
        parts.append(f"<h2>{text('record.reviews', lang)}</h2><ul>" + "".join(f"<li>{_e(line)}</li>" for line in review_lines(r))
                     + "</ul>")
    if r.warnings:
        parts.append(f"<h2>{text('record.warnings', lang)}</h2><ul>" + "".join(f"<li><strong>{_e(w)}</strong></li>" for w in r.warnings)
                     + "</ul>")
    if r.context is not None:
        from collabguard.report.context_html import render_context_html

        parts.append(render_context_html(r.context, lang=lang))
    if advice or (theirs and checklist):  # the findings of frameworks that do not apply: folded, one click away
        asked = plural("html.advice_questions", len(theirs), lang) if theirs and checklist else ""
        parts.append("<details><summary>" + plural("html.advice_summary", len(advice), lang, questions=asked) + "</summary>")
        parts.append(_framework_table(others, lang))
        matched = "; ".join(entity_line(m, lang=lang) for m in matched_names(r, advice))
        parts.append("<p class=\"small\">" + text("html.entries_matched", lang, entries=_e(matched) or text("none", lang)) + "</p>")
        parts += [_flag(f, lang) for f in advice]
        if theirs and checklist:
            parts.append(_questions(theirs, True, lang))
        parts.append("</details>")
    near = near_miss_lines(r)
    if near:
        parts.append(f"<details><summary>{text('html.near_summary', lang, n=len(near))}</summary>"
                     "<ul class=\"small\">" + "".join(f"<li>{_e(line)}</li>" for line in near) + "</ul></details>")
    cov = r.coverage
    head = "".join(f"<th>{text(f'html.coverage.{c}', lang)}</th>" for c in ("list", "edition", "age", "entries"))
    parts.append(f"<h2>{text('coverage.heading', lang)}</h2><table><tr>{head}</tr>")
    for c in cov.lists_checked:
        age = text("html.days", lang, days=c.age_days) if c.age_days is not None else "?"
        partial = "" if c.complete else f" <strong>({text('html.partial', lang)})</strong>"
        parts.append(f"<tr><td>{_e(c.title)}{partial}</td><td>{_e(c.edition)}</td>"
                     f"<td>{_e(age)}</td><td>{c.entries}</td></tr>")
    parts.append(f"</table><p><strong>{text('html.not_checked', lang)}:</strong></p><ul>"
                 + "".join(f"<li>{_e(t)}</li>" for t in cov.lists_not_checked) + "</ul>")
    parts.append(f"<p><em>{_e(cov.note)}</em></p>")
    v = r.versions
    parts.append(f'<h2>{text("versions.heading", lang)}</h2><ul class="small">')
    parts.append("<li>" + _e(text("versions.tool", lang, tool=v.tool, matcher=v.matcher.algorithm,
                                  threshold=v.matcher.possible_threshold)) + "</li>")
    parts += ["<li>" + text("html.pack", lang, id=_e(p.id), version=_e(p.version), sha=f'<span class="mono">sha256 {_e(p.sha256)}</span>')
              + "</li>" for p in v.packs]
    parts += ["<li>" + text("html.list", lang, id=_e(x.id), edition=_e(x.edition), sha=f'<span class="mono">sha256 {_e(x.sha256)}</span>')
              + "</li>" for x in v.lists]
    parts.append("</ul>")
    return "\n".join(parts)
