"""Coloured terminal report (rich). Plain text when written to a file or a pipe."""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from collabguard.models.report import Report
from collabguard.report.labels import REASON_TEXT, RECOMMENDATION_TEXT, area_terms, match_line, near_miss_lines, review_lines

SEVERITY_STYLE = {"critical": "bold white on red", "high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim", "none": "green"}
RECOMMENDATION_STYLE = {
    "proceed": "bold green", "proceed_with_mitigations": "bold cyan", "needs_review": "bold yellow",
    "escalate": "bold red", "do_not_proceed": "bold white on red",
}


def render_terminal(report: Report, console: Console) -> None:
    head = Text()
    head.append(f"{report.title}\n", style="bold")
    head.append(f"proposal {report.proposal_id} · screened {report.screened_on}\n")
    head.append("Recommendation: ")
    head.append(RECOMMENDATION_TEXT[report.recommendation], style=RECOMMENDATION_STYLE[report.recommendation])
    head.append(f"\n{report.recommendation_reason}\n")
    head.append("Risk level: ")
    head.append(report.risk_level, style=SEVERITY_STYLE[report.risk_level])
    head.append(f" · blocking: {'YES' if report.blocking else 'no'}")
    console.print(Panel(head, title="collabguard screening", expand=False))

    fw = Table(title="Frameworks (each one's own verdict; * = applies)", box=box.SIMPLE_HEAD, expand=False, padding=(0, 1, 0, 0),
               pad_edge=False, show_edge=False)
    for col in ("framework", "verdict", "risk", "flags", "questions"):
        fw.add_column(col, no_wrap=True)
    for f in report.frameworks:
        fw.add_row(escape(f.id + (" *" if f.applies else "")),
                   Text(f.recommendation.replace("_", " "), style=RECOMMENDATION_STYLE[f.recommendation]),
                   Text(f.risk_level, style=SEVERITY_STYLE[f.risk_level]),
                   str(f.flags) + (" BLOCKING" if f.blocking else ""), str(f.questions))
    console.print(fw)
    applying = [f for f in report.frameworks if f.applies]
    if applying:
        console.print("Applies because: " + escape("; ".join(f"{f.id}: {f.reason}" for f in applying)), soft_wrap=False)

    # when some framework applies, the findings of the others are advice: one line each
    full, advice = report.counted_flags, report.advisory_flags
    console.print(Text(f"\nFlags ({len(full)})", style="bold underline"))
    if not full:
        console.print("  none")
    for flag in full:
        title = Text()
        title.append(f" {flag.severity.upper()} ", style=SEVERITY_STYLE[flag.severity])
        title.append(f" {flag.rule_id}  {flag.title}", style="bold")
        if flag.blocking:
            title.append("  BLOCKING", style="bold red")
        if not flag.confirmed:
            title.append("  unconfirmed: a person must confirm", style="yellow")
        if flag.advisory:
            title.append("  (advisory)", style="dim")
        body: list[Text] = [title, Text(f"  {flag.message}")]
        for m in flag.evidence.matches:
            body.append(Text(f"  • {match_line(m)}", style="magenta"))
            body.append(Text(f"      why: {'; '.join(m.reasons)}", style="dim"))
            body.append(Text(f"      source: {m.source_url} ({m.source_date})", style="dim"))
        for a in flag.evidence.areas:
            terms = area_terms(a)
            body.append(Text(f"  • area {a.area_name} [{a.area_id}] {a.decision}: {terms}", style="blue"))
        for mit in flag.mitigations:
            body.append(Text(f"  → {mit}", style="green"))
        body.append(Text(f"  guideline: {flag.guideline.section}\n  {flag.guideline.url}", style="dim"))
        console.print(Group(*body))
        console.print()
    if advice:
        console.print(Text(f"Advice from frameworks that do not apply to this proposal ({len(advice)}; details in the "
                           "JSON, Markdown and HTML reports)", style="bold"))
        for flag in advice:
            line = Text("  ")
            line.append(f"{flag.severity.upper():8}", style=SEVERITY_STYLE[flag.severity])
            line.append(f" {flag.rule_id}  {flag.title}{'' if flag.confirmed else ' (unconfirmed)'}", style="dim")
            console.print(line)
        console.print()

    console.print(Text(f"Checklist ({len(report.checklist)})", style="bold underline"))
    for q in report.checklist:
        line = Text("  ☐ ")
        line.append(f"[{q.severity}] ", style=SEVERITY_STYLE[q.severity])
        line.append(f"{q.rule_id} ({REASON_TEXT[q.reason]}{', advisory' if q.advisory else ''}): ", style="dim")
        line.append(q.question)
        line.append(f"  [{q.id}]", style="dim")
        console.print(line)

    if report.areas:
        console.print(Text("\nSensitive technology areas in the text", style="bold underline"))
        for a in report.areas:
            terms = area_terms(a)
            console.print(Text(f"  {a.decision:8} {a.area_name} [{a.area_id}]: {terms}"))

    if report.answers:
        console.print(Text("\nAnswered questions", style="bold underline"))
        for answered in report.answers:
            note = ": " + answered.note if answered.note else ""
            console.print(Text(f"  ☑ {answered.question} — {answered.answer} ({answered.reviewer}, {answered.date}){note}"))
    if report.reviews:
        console.print(Text("\nReviewed decisions", style="bold underline"))
        for review, review_line in zip(report.reviews, review_lines(report), strict=True):
            console.print(Text(f"  {review_line}", style="" if review.status == "applied" else "bold yellow"))
    for warning in report.warnings:
        console.print(Text(f"  warning: {warning}", style="bold yellow"))
    near = near_miss_lines(report)
    if near:
        console.print(Text("\nNames checked and not matched (nearest list entries)", style="bold underline"))
        for near_line in near:
            console.print(Text(f"  {near_line}", style="dim"))

    cov = report.coverage
    console.print(Text("\nCoverage", style="bold underline"))
    for c in cov.lists_checked:
        age = f", {c.age_days} days old" if c.age_days is not None else ""
        partial = " PARTIAL" if not c.complete else ""
        console.print(Text(f"  ✓ {c.title} (edition {c.edition}{age}, {c.entries} entries){partial}"))
    for t in cov.lists_not_checked:
        console.print(Text(f"  ✗ not checked: {t}", style="yellow"))
    console.print(Text(f"  {cov.note}", style="italic"))
    v = report.versions
    packs = ", ".join(f"{p.id} {p.version}" for p in v.packs)
    console.print(Text(f"\ncollabguard {v.tool} · packs {packs} · matcher {v.matcher.algorithm}", style="dim"))
