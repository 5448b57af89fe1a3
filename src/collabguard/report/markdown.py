"""Markdown report: for case files, tickets and e-mail."""

from __future__ import annotations

from collabguard.models.report import Report
from collabguard.report.labels import REASON_TEXT, RECOMMENDATION_TEXT, area_terms, match_line, near_miss_lines, review_lines


def _esc(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report) -> str:
    out: list[str] = [f"# collabguard screening: {report.title}", ""]
    out += [
        f"- **Proposal:** `{report.proposal_id}` (screened {report.screened_on})",
        f"- **Recommendation:** {RECOMMENDATION_TEXT[report.recommendation]}. {report.recommendation_reason}",
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
        out += [f"### {f.severity.upper()} · {f.rule_id}: {f.title}{state}", ""]
        if tags:
            out.append(f"*{tags}*")
            out.append("")
        out.append(f.message)
        out.append("")
        out.append(f"Guideline: {f.guideline.section} — <{f.guideline.url}>")
        for m in f.evidence.matches:
            out.append(f"- {_esc(match_line(m))}")
            out.append(f"  - why: {_esc('; '.join(m.reasons))}; source: <{m.source_url}> ({m.source_date})")
        for a in f.evidence.areas:
            terms = area_terms(a)
            out.append(f"- area {a.area_name} (`{a.area_id}`, {a.decision}, score {a.score}): {terms}")
        if f.mitigations:
            out.append("")
            out.append("Mitigations:")
            out += [f"- {m}" for m in f.mitigations]
        out.append("")
    out += [f"## Checklist ({len(report.checklist)})", ""]
    for q in report.checklist:
        adv = " (advisory)" if q.advisory else ""
        out.append(f"- [ ] **{q.severity}** · {q.rule_id} · {REASON_TEXT[q.reason]}{adv}: {q.question} `{q.id}`")
    if report.areas:
        out += ["", "## Sensitive technology areas found", ""]
        for a in report.areas:
            terms = area_terms(a)
            out.append(f"- {a.area_name} (`{a.area_id}`, {a.taxonomy} {a.taxonomy_version}): {a.decision}, {terms}")
    if report.answers:
        out += ["", "## Answered questions", ""]
        out += [f"- {_esc(a.question)} — **{a.answer}** ({_esc(a.reviewer)}, {a.date}){': ' + _esc(a.note) if a.note else ''}"
                for a in report.answers]
    if report.reviews:
        out += ["", "## Reviewed decisions", ""] + [f"- {_esc(line)}" for line in review_lines(report)]
    if report.warnings:
        out += ["", "## Warnings", ""] + [f"- {_esc(w)}" for w in report.warnings]
    near = near_miss_lines(report)
    if near:
        out += ["", "## Names checked and not matched (nearest list entries)", ""]
        out += [f"- {_esc(line)}" for line in near]
    cov = report.coverage
    out += ["", "## Coverage", ""]
    for c in cov.lists_checked:
        age = f", {c.age_days} days old" if c.age_days is not None else ""
        out.append(f"- checked: {c.title} (edition {c.edition}{age}, {c.entries} entries{'' if c.complete else ', PARTIAL'})")
    out += [f"- not checked: {t}" for t in cov.lists_not_checked]
    out += ["", f"*{cov.note}*", ""]
    if report.context is not None:
        from collabguard.report.stats_text import render_stats_markdown

        out += render_stats_markdown(report.context)
    out += ["## Versions", ""]
    v = report.versions
    out.append(f"- collabguard {v.tool}; matcher {v.matcher.algorithm} (possible ≥ {v.matcher.possible_threshold})")
    out += [f"- pack {p.id} {p.version} (sha256 {p.sha256[:12]}…)" for p in v.packs]
    out += [f"- list {ll.id} edition {ll.edition} (sha256 {ll.sha256[:12]}…)" for ll in v.lists]
    return "\n".join(out) + "\n"
