"""Self-contained HTML report for the case file: inline CSS, no scripts, no external assets,
a strict Content-Security-Policy, and every value from the proposal escaped.

The page leads with the headline (recommendation, why, each name and the lists it is on, the
areas, the next step) and the frameworks that apply; it holds every detail below that, and folds
away the findings of frameworks that do not apply and the near misses (``<details>``)."""

from __future__ import annotations

from html import escape

from collabguard.models.report import ChecklistItem, Flag, FrameworkResult, Report
from collabguard.report.escape import one_line
from collabguard.report.labels import (
    IDENTITY_TO_CONFIRM,
    NOT_APPLICABLE,
    REASON_TEXT,
    RECOMMENDATION_TEXT,
    area_terms,
    entity_line,
    flag_message,
    match_line,
    near_miss_lines,
    not_applicable_line,
    question_text,
    review_lines,
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


def _flag(f: Flag) -> str:
    tags = []
    if f.blocking:
        tags.append("BLOCKING")
    if f.advisory:
        tags.append(f"advice: {f.framework} {NOT_APPLICABLE}")
    sev = "advice" if f.advisory else f.severity  # never red for a framework that does not apply
    out = [f'<div class="flag{" blocking" if f.blocking else ""}">',
           f'<h3><span class="sev {_e(sev)}">{_e(f.severity.upper())}</span> {_e(f.rule_id)}: {_e(f.title)}'
           + "".join(f'<span class="tag">{_e(t)}</span>' for t in tags) + "</h3>"]
    if not f.confirmed:
        out.append(f'<p class="unconfirmed">{_e(IDENTITY_TO_CONFIRM)}; until then this flag does not escalate.</p>')
    out.append(f"<p>{_e(flag_message(f))}</p>")
    if f.evidence.matches:
        out.append("<ul>")
        for m in f.evidence.matches:
            out.append(f'<li>{_e(match_line(m))}<br><span class="small">why: {_e("; ".join(m.reasons))}; '
                       f'source: <span class="mono">{_e(m.source_url)}</span> ({_e(m.source_date)})</span></li>')
        out.append("</ul>")
    if f.evidence.areas:
        out.append("<ul>")
        for a in f.evidence.areas:
            terms = area_terms(a)
            out.append(f"<li>area {_e(a.area_name)} (<code>{_e(a.area_id)}</code>, {_e(a.decision)}): {_e(terms)}</li>")
        out.append("</ul>")
    if f.mitigations:
        out.append("<p><strong>Mitigations</strong></p><ul>" + "".join(f"<li>{_e(m)}</li>" for m in f.mitigations) + "</ul>")
    out.append(f'<p class="small">Guideline: {_e(f.guideline.section)}<br><span class="mono">{_e(f.guideline.url)}</span></p>')
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
    s = r.summary
    out = ['<div class="box headline">',
           f'<p class="rec {_e(r.recommendation)}">{_e(RECOMMENDATION_TEXT[r.recommendation])}</p>',
           f'<p>Risk level: <span class="sev {_e(r.risk_level)}">{_e(r.risk_level.upper())}</span> · blocking: '
           f'{"yes" if r.blocking else "no"}</p><dl>',
           f"<dt>Why</dt><dd>{_e(s.reason)}</dd>"]
    for m in s.matches[:HEADLINE_NAMES]:
        lead, lists = match_clause(m)
        out.append(f"<dt>{'Listed' if m.decision == 'match' else 'Possibly listed'}</dt><dd>{_e(lead)}</dd>")
        out.append("<ul>" + "".join(f"<li>{_e(meaning)}</li>" for meaning in lists) + "</ul>")
    if len(s.matches) > HEADLINE_NAMES:
        out.append(f"<dt></dt><dd>and {len(s.matches) - HEADLINE_NAMES} more listed names (see the flags)</dd>")
    if s.areas:
        out.append(f"<dt>Areas</dt><dd>{_e(area_clause(s.areas, lead=False))}</dd>")
    out += [f"<dt>Next</dt><dd><strong>{_e(s.next_step)}</strong></dd>", "</dl></div>"]
    return out


def _framework_table(frameworks: list[FrameworkResult]) -> str:
    rows = ["<table><tr><th>framework</th><th>applies because</th><th>verdict</th><th>risk</th><th>flags</th>"
            "<th>questions</th></tr>"]
    for fw in frameworks:
        if fw.applies:
            verdict = f'<td class="rec {_e(fw.recommendation)}">{_e(RECOMMENDATION_TEXT[fw.recommendation])}</td>'
            risk = f'<td><span class="sev {_e(fw.risk_level)}">{_e(fw.risk_level)}</span></td>'
        else:  # only a framework that applies has a verdict: the others give advice, never a red verdict
            verdict, risk = f'<td class="small">{_e(NOT_APPLICABLE)}</td>', '<td class="small">—</td>'
        rows.append(f"<tr><td>{_e(fw.title)}</td><td>{_e(fw.reason)}</td>{verdict}{risk}"
                    f"<td>{fw.flags}{' (blocking)' if fw.blocking else ''}</td><td>{fw.questions}</td></tr>")
    return "".join(rows) + "</table>"


def _questions(items: list[ChecklistItem], advisory: bool) -> str:
    out = ["<ul>"]
    for q in items:
        sev = "advice" if advisory else q.severity
        out.append(f'<li>☐ <span class="sev {_e(sev)}">{_e(q.severity)}</span> <span class="mono small">{_e(q.id)}</span> '
                   f'{_e(question_text(q))} <span class="small">({_e(q.rule_id)}, {_e(REASON_TEXT[q.reason])})</span></li>')
    return "\n".join([*out, "</ul>"])


def report_body_html(report: Report, checklist: bool = True) -> str:
    """The report's content (what goes inside ``<body>``), for a page that embeds it: the workbench
    shows it with the checklist as a form of its own (``checklist=False``)."""
    r = report
    parts = [
        f"<h1>{_e(r.title)}</h1>",
        f'<p class="meta">Proposal <code>{_e(r.proposal_id)}</code> · screened {_e(r.screened_on)} · collabguard {_e(r.versions.tool)}</p>',
        *_headline(r),
    ]
    applying = [fw for fw in r.frameworks if fw.applies]
    others = [fw for fw in r.frameworks if not fw.applies]
    parts.append("<h2>Frameworks that apply</h2>")
    if applying:
        parts.append("<p class=\"small\">Each framework's own verdict, from its flags and questions alone.</p>")
        parts.append(_framework_table(applying))
    else:
        parts.append("<p>No framework applies to this proposal: the recommendation is computed from the advice of all of them.</p>")
    if others:
        folded = f" (their {len(r.advisory_flags)} findings are folded below, as advice)" if r.advisory_flags else ""
        parts.append(f'<p class="small">{_e(not_applicable_line(r))}{_e(folded)}.</p>')
    full, advice = r.counted_flags, r.advisory_flags
    parts.append(f"<h2>Flags ({len(full)})</h2>")
    parts += [_flag(f) for f in full] or ["<p>No flags.</p>"]
    own = [q for q in r.checklist if not q.advisory or not r.any_applies]
    theirs = [q for q in r.checklist if q.advisory and r.any_applies]
    if checklist:
        parts.append(f"<h2>Checklist: open questions ({len(own)})</h2>" + _questions(own, False))
    if r.areas:
        parts.append("<h2>Sensitive technology areas in the text</h2><table><tr><th>area</th><th>taxonomy</th><th>decision</th><th>evidence</th></tr>")
        for a in r.areas:
            terms = area_terms(a)
            parts.append(f"<tr><td>{_e(a.area_name)} <code>{_e(a.area_id)}</code></td><td>{_e(a.taxonomy)} {_e(a.taxonomy_version)}</td>"
                         f"<td>{_e(a.decision)}</td><td>{_e(terms)}</td></tr>")
        parts.append("</table>")
    if r.answers:
        parts.append("<h2>Answered questions</h2><ul>" + "".join(
            f"<li>☑ {_e(a.question)} — <strong>{_e(a.answer)}</strong> ({_e(a.reviewer)}, {_e(a.date)}){': ' + _e(a.note) if a.note else ''}</li>"
            for a in r.answers) + "</ul>")
    if r.reviews:
        parts.append("<h2>Reviewed decisions</h2><ul>" + "".join(f"<li>{_e(line)}</li>" for line in review_lines(r)) + "</ul>")
    if r.warnings:
        parts.append("<h2>Warnings</h2><ul>" + "".join(f"<li><strong>{_e(w)}</strong></li>" for w in r.warnings) + "</ul>")
    if r.context is not None:
        from collabguard.report.context_html import render_context_html

        parts.append(render_context_html(r.context))
    if advice or (theirs and checklist):  # the findings of frameworks that do not apply: folded, one click away
        asked = f", {len(theirs)} question{'s' if len(theirs) != 1 else ''}" if theirs and checklist else ""
        parts.append(f"<details><summary>Advice from frameworks that do not apply to this proposal ({len(advice)} "
                     f"finding{'s' if len(advice) != 1 else ''}{asked})</summary>")
        parts.append(_framework_table(others))
        parts.append("<p class=\"small\">Entries matched: " + _e("; ".join(entity_line(m) for m in matched_names(r, advice)) or "none")
                     + "</p>")
        parts += [_flag(f) for f in advice]
        if theirs and checklist:
            parts.append(_questions(theirs, True))
        parts.append("</details>")
    near = near_miss_lines(r)
    if near:
        parts.append(f"<details><summary>Names checked and not matched: the nearest list entries ({len(near)})</summary>"
                     "<ul class=\"small\">" + "".join(f"<li>{_e(line)}</li>" for line in near) + "</ul></details>")
    cov = r.coverage
    parts.append("<h2>Coverage</h2><table><tr><th>list checked</th><th>edition</th><th>age</th><th>entries</th></tr>")
    for c in cov.lists_checked:
        age = f"{c.age_days} days" if c.age_days is not None else "?"
        parts.append(f"<tr><td>{_e(c.title)}{'' if c.complete else ' <strong>(partial)</strong>'}</td><td>{_e(c.edition)}</td>"
                     f"<td>{_e(age)}</td><td>{c.entries}</td></tr>")
    parts.append("</table><p><strong>Not checked:</strong></p><ul>" + "".join(f"<li>{_e(t)}</li>" for t in cov.lists_not_checked) + "</ul>")
    parts.append(f"<p><em>{_e(cov.note)}</em></p>")
    v = r.versions
    parts.append('<h2>Versions</h2><ul class="small">')
    parts.append(f"<li>collabguard {_e(v.tool)}; matcher {_e(v.matcher.algorithm)} (possible ≥ {v.matcher.possible_threshold})</li>")
    parts += [f'<li>pack {_e(p.id)} {_e(p.version)} <span class="mono">sha256 {_e(p.sha256)}</span></li>' for p in v.packs]
    parts += [f'<li>list {_e(x.id)} edition {_e(x.edition)} <span class="mono">sha256 {_e(x.sha256)}</span></li>' for x in v.lists]
    parts.append("</ul>")
    return "\n".join(parts)
