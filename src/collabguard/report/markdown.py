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
from collabguard.report.escape import markdown as _esc
from collabguard.report.escape import markdown_code as _code
from collabguard.report.escape import markdown_url as _url
from collabguard.report.labels import (
    IDENTITY_TO_CONFIRM,
    NOT_APPLICABLE,
    REASON_TEXT,
    RECOMMENDATION_TEXT,
    SHORT_NOTE,
    area_terms,
    coverage_brief,
    entity_line,
    flag_message,
    match_line,
    near_miss_lines,
    not_applicable_line,
    question_text,
    review_lines,
)
from collabguard.report.summary import HEADLINE_NAMES, area_clause, match_clause, matched_names


def _headline(report: Report) -> list[str]:
    s = report.summary
    out = [
        f"- **Proposal:** {_code(report.proposal_id)} (screened {_esc(report.screened_on)})",
        f"- **Recommendation:** {RECOMMENDATION_TEXT[report.recommendation]} (risk level: {report.risk_level}; "
        f"blocking: {'yes' if report.blocking else 'no'})",
        f"- **Why:** {_esc(s.reason)}",
    ]
    for m in s.matches[:HEADLINE_NAMES]:
        lead, lists = match_clause(m)
        out.append(f"- **{'Listed' if m.decision == 'match' else 'Possibly listed'}:** {_esc(lead)}")
        out += [f"  - {_esc(meaning)}" for meaning in lists]
    if len(s.matches) > HEADLINE_NAMES:
        out.append(f"- and {len(s.matches) - HEADLINE_NAMES} more listed names (see the flags)")
    if s.areas:
        out.append(f"- **Areas:** {_esc(area_clause(s.areas, lead=False))}")
    out.append(f"- **Next:** {_esc(s.next_step)}")
    return out


def _frameworks(report: Report, all_frameworks: bool) -> list[str]:
    shown = sorted((fw for fw in report.frameworks if fw.applies or all_frameworks), key=lambda fw: not fw.applies)
    others = [fw for fw in report.frameworks if not fw.applies]
    out = ["", "## Frameworks that apply" if not all_frameworks else "## Frameworks", ""]
    if not report.any_applies:
        out += ["No framework applies to this proposal: the recommendation is computed from the advice of all of them.", ""]
    if shown:
        out += ["| framework | verdict | risk | flags | questions | applies because |", "|---|---|---|---|---|---|"]
        for fw in shown:  # only a framework that applies has a verdict; the others give advice
            verdict, risk = (RECOMMENDATION_TEXT[fw.recommendation], fw.risk_level) if fw.applies else (NOT_APPLICABLE, "—")
            out.append(f"| {_esc(fw.title)} | {_esc(verdict)} | {risk} | {fw.flags}{' (blocking)' if fw.blocking else ''} | "
                       f"{fw.questions} | {_esc(fw.reason)} |")
    if others and not all_frameworks:
        advice = sum(1 for f in report.flags if f.advisory)
        folded = (f" ({advice} finding{'s' if advice != 1 else ''} folded away: in the JSON and HTML reports, "
                  "and here with `--all-frameworks`)") if advice else ""
        out += ["", f"{not_applicable_line(report, _esc)}{folded}."]
    return out


def _flag_brief(report: Report, f: Flag) -> str:
    names = matched_names(report, [f])
    if names:
        what = "; ".join(entity_line(m, _esc) for m in names)
    elif f.evidence.areas:
        what = "areas: " + "; ".join(_esc(a.area_name) for a in f.evidence.areas)
    else:
        what = _esc(flag_message(f))
    tags = "".join(f" — {t}" for t in ("BLOCKING" if f.blocking else "", IDENTITY_TO_CONFIRM if not f.confirmed else "",
                                       f"advice: {f.framework} {NOT_APPLICABLE}" if f.advisory else "") if t)
    return f"- **{f.severity.upper()}** · {_esc(f.rule_id)}: {_esc(f.title)}{_esc(tags)} — {what}"


def _flag_full(f: Flag) -> list[str]:
    tags = ", ".join(t for t in ("BLOCKING" if f.blocking else "", IDENTITY_TO_CONFIRM if not f.confirmed else "",
                                 f"advice: {f.framework} {NOT_APPLICABLE}" if f.advisory else "") if t)
    out = [f"### {f.severity.upper()} · {_esc(f.rule_id)}: {_esc(f.title)}", ""]
    if tags:
        out += [f"*{_esc(tags)}*", ""]
    out += [_esc(flag_message(f)), "", f"Guideline: {_esc(f.guideline.section)} — {_url(f.guideline.url)}"]
    for m in f.evidence.matches:
        out.append(f"- {match_line(m, _esc)}")
        out.append(f"  - why: {_esc('; '.join(m.reasons))}; source: {_url(m.source_url)} ({_esc(m.source_date)})")
    for a in f.evidence.areas:
        out.append(f"- area {_esc(a.area_name)} ({_code(a.area_id)}, {a.decision}, score {a.score}): {area_terms(a, _esc)}")
    if f.mitigations:
        out += ["", "Mitigations:"] + [f"- {_esc(m)}" for m in f.mitigations]
    return [*out, ""]


def _flags(report: Report, details: bool, all_frameworks: bool) -> list[str]:
    full, advice = report.counted_flags, (report.advisory_flags if all_frameworks else [])
    out = ["", f"## Flags ({len(full)})", ""]
    if not full:
        out.append("No flags.")
    for f in full + advice:
        if advice and f is advice[0]:
            out += ["", f"## Advice from frameworks that do not apply ({len(advice)})", ""]
        out += _flag_full(f) if details else [_flag_brief(report, f)]
    return out


def _checklist(report: Report, all_frameworks: bool) -> list[str]:
    shown = [q for q in report.checklist if all_frameworks or not q.advisory or not report.any_applies]
    out = ["", f"## Checklist: open questions ({len(shown)})", ""]
    for q in shown:
        adv = f" (advice: {q.framework} {NOT_APPLICABLE})" if q.advisory and report.any_applies else ""
        out.append(f"- [ ] **{q.severity}** {_code(q.id)} · {REASON_TEXT[q.reason]}{_esc(adv)}: {_esc(question_text(q))}")
    hidden = len(report.checklist) - len(shown)
    if hidden:
        out += ["", f"{hidden} more from frameworks that do not apply (`--all-frameworks`)."]
    return out


def _record(report: Report) -> list[str]:
    out: list[str] = []
    if report.answers:
        out += ["", "## Answered questions", ""]
        out += [f"- {_esc(a.question)} — **{a.answer}** ({_esc(a.reviewer)}, {_esc(a.date)})"
                f"{': ' + _esc(a.note) if a.note else ''}" for a in report.answers]
    if report.reviews:
        out += ["", "## Reviewed decisions", ""] + [f"- {line}" for line in review_lines(report, _esc)]
    if report.warnings:
        out += ["", "## Warnings", ""] + [f"- {_esc(w)}" for w in report.warnings]
    return out


def _details(report: Report) -> list[str]:
    out: list[str] = []
    if report.areas:
        out += ["", "## Sensitive technology areas found", ""]
        out += [f"- {_esc(a.area_name)} ({_code(a.area_id)}, {_esc(a.taxonomy)} {_esc(a.taxonomy_version)}): "
                f"{a.decision}, {area_terms(a, _esc)}" for a in report.areas]
    near = near_miss_lines(report, _esc)
    if near:
        out += ["", "## Names checked and not matched (nearest list entries)", ""] + [f"- {line}" for line in near]
    cov = report.coverage
    out += ["", "## Coverage", ""]
    for c in cov.lists_checked:
        age = f", {c.age_days} days old" if c.age_days is not None else ""
        out.append(f"- checked: {_esc(c.title)} (edition {_esc(c.edition)}{age}, {c.entries} entries"
                   f"{'' if c.complete else ', PARTIAL'})")
    out += [f"- not checked: {_esc(t)}" for t in cov.lists_not_checked]
    out += ["", f"*{_esc(cov.note)}*"]
    return out


def _short_coverage(report: Report) -> list[str]:
    checked, missing = coverage_brief(report, _esc)
    return ["", "## Coverage", "", f"- {checked}"] + ([f"- not checked: {missing}"] if missing else []) + ["", f"*{SHORT_NOTE}*"]


def render_markdown(report: Report, details: bool = False, all_frameworks: bool = False) -> str:
    """The report in Markdown; ``details``: every flag in full, the areas, near misses and coverage
    list by list; ``all_frameworks``: also the findings of frameworks that do not apply."""
    out: list[str] = [f"# collabguard screening: {_esc(report.title)}", ""]
    out += _headline(report)
    out += _frameworks(report, all_frameworks)
    out += _flags(report, details, all_frameworks)
    out += _checklist(report, all_frameworks)
    out += _record(report)
    out += _details(report) if details else _short_coverage(report)
    out.append("")
    if report.context is not None:
        from collabguard.report.stats_text import render_stats_markdown

        out += render_stats_markdown(report.context)
    v = report.versions
    out += ["## Versions", ""]
    out.append(f"- collabguard {_esc(v.tool)}; matcher {_esc(v.matcher.algorithm)} (possible ≥ {v.matcher.possible_threshold})")
    if details:
        out += [f"- pack {_esc(p.id)} {_esc(p.version)} (sha256 {_esc(p.sha256[:12])}…)" for p in v.packs]
        out += [f"- list {_esc(ll.id)} edition {_esc(ll.edition)} (sha256 {_esc(ll.sha256[:12])}…)" for ll in v.lists]
    else:
        out.append(f"- packs: {_esc(', '.join(f'{p.id} {p.version}' for p in v.packs))}")
        out.append("- every flag in full, near misses, coverage list by list and digests: `--details` or `--format html`")
    return "\n".join(out) + "\n"
