"""Markdown report: for case files, tickets and e-mail.

Every value that is not collabguard's own wording (a title, a name, a code, a reason, a note, a
rule's message with the proposal's words in it) is written as inline text on one line
(:func:`~collabguard.report.escape.markdown`): a title cannot start a heading, a list item, a link,
an HTML tag or a comment, so it cannot forge or hide what the report says."""

from __future__ import annotations

from collabguard.models.report import Report
from collabguard.report.escape import markdown as _esc
from collabguard.report.escape import markdown_code as _code
from collabguard.report.escape import markdown_url as _url
from collabguard.report.labels import REASON_TEXT, RECOMMENDATION_TEXT, area_terms, match_line, near_miss_lines, review_lines


def render_markdown(report: Report) -> str:
    out: list[str] = [f"# collabguard screening: {_esc(report.title)}", ""]
    out += [
        f"- **Proposal:** {_code(report.proposal_id)} (screened {_esc(report.screened_on)})",
        f"- **Recommendation:** {RECOMMENDATION_TEXT[report.recommendation]}. {_esc(report.recommendation_reason)}",
        f"- **Risk level:** {report.risk_level}; **blocking:** {'yes' if report.blocking else 'no'}",
        "",
        "## Frameworks",
        "",
        "| framework | applies | why | verdict | risk | flags | questions | blocking |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for fw in report.frameworks:
        out.append(f"| {_esc(fw.title)} | {'yes' if fw.applies else 'advisory'} | {_esc(fw.reason)} | "
                   f"{_esc(RECOMMENDATION_TEXT[fw.recommendation])} | {fw.risk_level} | {fw.flags} | {fw.questions} | "
                   f"{'yes' if fw.blocking else 'no'} |")
    advice = report.advisory_flags
    out += ["", f"## Flags ({len(report.flags) - len(advice)})", ""]
    if len(report.flags) == len(advice):
        out.append("No flags.")
    for f in [f for f in report.flags if f not in advice] + advice:
        if advice and f is advice[0]:
            out += ["", f"## Advice from frameworks that do not apply to this proposal ({len(advice)})", ""]
        state = "" if f.confirmed else " — UNCONFIRMED: a person must confirm"
        tags = ", ".join(t for t in ("BLOCKING" if f.blocking else "", "advisory" if f.advisory else "") if t)
        out += [f"### {f.severity.upper()} · {_esc(f.rule_id)}: {_esc(f.title)}{state}", ""]
        if tags:
            out.append(f"*{tags}*")
            out.append("")
        out.append(_esc(f.message))
        out.append("")
        out.append(f"Guideline: {_esc(f.guideline.section)} — {_url(f.guideline.url)}")
        for m in f.evidence.matches:
            out.append(f"- {match_line(m, _esc)}")
            out.append(f"  - why: {_esc('; '.join(m.reasons))}; source: {_url(m.source_url)} ({_esc(m.source_date)})")
        for a in f.evidence.areas:
            terms = area_terms(a, _esc)
            out.append(f"- area {_esc(a.area_name)} ({_code(a.area_id)}, {a.decision}, score {a.score}): {terms}")
        if f.mitigations:
            out.append("")
            out.append("Mitigations:")
            out += [f"- {_esc(m)}" for m in f.mitigations]
        out.append("")
    out += [f"## Checklist ({len(report.checklist)})", ""]
    for q in report.checklist:
        adv = " (advisory)" if q.advisory else ""
        out.append(f"- [ ] **{q.severity}** · {_esc(q.rule_id)} · {REASON_TEXT[q.reason]}{adv}: {_esc(q.question)} {_code(q.id)}")
    if report.areas:
        out += ["", "## Sensitive technology areas found", ""]
        for a in report.areas:
            terms = area_terms(a, _esc)
            out.append(f"- {_esc(a.area_name)} ({_code(a.area_id)}, {_esc(a.taxonomy)} {_esc(a.taxonomy_version)}): "
                       f"{a.decision}, {terms}")
    if report.answers:
        out += ["", "## Answered questions", ""]
        out += [f"- {_esc(a.question)} — **{a.answer}** ({_esc(a.reviewer)}, {_esc(a.date)})"
                f"{': ' + _esc(a.note) if a.note else ''}" for a in report.answers]
    if report.reviews:
        out += ["", "## Reviewed decisions", ""] + [f"- {line}" for line in review_lines(report, _esc)]
    if report.warnings:
        out += ["", "## Warnings", ""] + [f"- {_esc(w)}" for w in report.warnings]
    near = near_miss_lines(report, _esc)
    if near:
        out += ["", "## Names checked and not matched (nearest list entries)", ""]
        out += [f"- {line}" for line in near]
    cov = report.coverage
    out += ["", "## Coverage", ""]
    for c in cov.lists_checked:
        age = f", {c.age_days} days old" if c.age_days is not None else ""
        out.append(f"- checked: {_esc(c.title)} (edition {_esc(c.edition)}{age}, {c.entries} entries"
                   f"{'' if c.complete else ', PARTIAL'})")
    out += [f"- not checked: {_esc(t)}" for t in cov.lists_not_checked]
    out += ["", f"*{_esc(cov.note)}*", ""]
    if report.context is not None:
        from collabguard.report.stats_text import render_stats_markdown

        out += render_stats_markdown(report.context)
    out += ["## Versions", ""]
    v = report.versions
    out.append(f"- collabguard {_esc(v.tool)}; matcher {_esc(v.matcher.algorithm)} (possible ≥ {v.matcher.possible_threshold})")
    out += [f"- pack {_esc(p.id)} {_esc(p.version)} (sha256 {_esc(p.sha256[:12])}…)" for p in v.packs]
    out += [f"- list {_esc(ll.id)} edition {_esc(ll.edition)} (sha256 {_esc(ll.sha256[:12])}…)" for ll in v.lists]
    return "\n".join(out) + "\n"
