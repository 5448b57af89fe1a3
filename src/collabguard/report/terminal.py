"""Coloured terminal report (rich). Plain text when written to a file or a pipe.

Every value that is not collabguard's own wording goes through :func:`one_line`: a title, a name
or a note stays on its line and its control characters are shown (ESC as ␛), never sent to the
terminal, so a proposal cannot clear the screen, colour it, set the window title or print a
verdict of its own. Headings start at the left margin and nothing else does: every line that
carries a value is indented, also where a long one wraps, so no value can pass for a heading."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from collabguard.models.report import Report
from collabguard.report.escape import one_line as _1
from collabguard.report.labels import REASON_TEXT, RECOMMENDATION_TEXT, area_terms, match_line, near_miss_lines, review_lines

SEVERITY_STYLE = {"critical": "bold white on red", "high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim", "none": "green"}
RECOMMENDATION_STYLE = {
    "proceed": "bold green", "proceed_with_mitigations": "bold cyan", "needs_review": "bold yellow",
    "escalate": "bold red", "do_not_proceed": "bold white on red",
}


def _at(console: Console, indent: int, text: Text | str, style: str = "", first: int | None = None) -> None:
    """Print ``text`` indented by ``indent``, its wrapped lines too (the first line by ``first``)."""
    text = text if isinstance(text, Text) else Text(text, style=style)
    first = indent if first is None else first
    lines = text.wrap(console, max(20, (console.width or 80) - max(indent, first)))
    for i, line in enumerate(lines):
        line.rstrip()
        line.pad_left(first if i == 0 else indent)
    console.print(Text("\n").join(lines), no_wrap=True, crop=False)


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


def _head(report: Report) -> Panel:
    # labels in a column of their own: a long title wraps inside its cell, so no words of it can
    # start a line of the panel and pass for the verdict
    head = Table.grid(padding=(0, 1))
    head.add_column(no_wrap=True)
    head.add_column()
    head.add_row("Title:", Text(_1(report.title), style="bold"))
    head.add_row("Proposal:", Text(f"{_1(report.proposal_id)} · screened {_1(report.screened_on)}"))
    head.add_row("Recommendation:",
                 Text(RECOMMENDATION_TEXT[report.recommendation], style=RECOMMENDATION_STYLE[report.recommendation]))
    head.add_row("Why:", Text(_1(report.recommendation_reason)))
    risk = Text(report.risk_level, style=SEVERITY_STYLE[report.risk_level])
    risk.append(f" · blocking: {'YES' if report.blocking else 'no'}")
    head.add_row("Risk level:", risk)
    return Panel(head, title="collabguard screening", expand=False)


def _frameworks(report: Report, console: Console) -> None:
    fw = Table(title="Frameworks (each one's own verdict; * = applies)", box=box.SIMPLE_HEAD, expand=False, padding=(0, 1, 0, 0),
               pad_edge=False, show_edge=False)
    for col in ("framework", "verdict", "risk", "flags", "questions"):
        fw.add_column(col, no_wrap=True)
    for f in report.frameworks:
        fw.add_row(Text(_1(f.id) + (" *" if f.applies else "")),
                   Text(f.recommendation.replace("_", " "), style=RECOMMENDATION_STYLE[f.recommendation]),
                   Text(f.risk_level, style=SEVERITY_STYLE[f.risk_level]),
                   str(f.flags) + (" BLOCKING" if f.blocking else ""), str(f.questions))
    console.print(fw)
    applying = [f for f in report.frameworks if f.applies]
    if applying:
        why = Table.grid(padding=(0, 1))
        why.add_column(no_wrap=True)
        why.add_column()
        why.add_row("Applies because:", Text(_1("; ".join(f"{f.id}: {f.reason}" for f in applying))))
        console.print(why)


def _flags(report: Report, console: Console) -> None:
    # when some framework applies, the findings of the others are advice: one line each
    full, advice = report.counted_flags, report.advisory_flags
    console.print(_heading(f"\nFlags ({len(full)})"))
    if not full:
        console.print("  none")
    for flag in full:
        title = Text()
        title.append(f" {flag.severity.upper()} ", style=SEVERITY_STYLE[flag.severity])
        title.append(f" {_1(flag.rule_id)}  {_1(flag.title)}", style="bold")
        if flag.blocking:
            title.append("  BLOCKING", style="bold red")
        if not flag.confirmed:
            title.append("  unconfirmed: a person must confirm", style="yellow")
        if flag.advisory:
            title.append("  (advisory)", style="dim")
        _at(console, 2, title, first=0)
        _at(console, 2, _1(flag.message))
        for m in flag.evidence.matches:
            _at(console, 4, f"• {match_line(m, _1)}", "magenta", first=2)
            _at(console, 6, f"why: {_1('; '.join(m.reasons))}", "dim")
            _at(console, 6, f"source: {_1(m.source_url)} ({_1(m.source_date)})", "dim")
        for a in flag.evidence.areas:
            _at(console, 4, f"• area {_1(a.area_name)} [{_1(a.area_id)}] {a.decision}: {area_terms(a, _1)}", "blue", first=2)
        for mit in flag.mitigations:
            _at(console, 4, f"→ {_1(mit)}", "green", first=2)
        _at(console, 2, f"guideline: {_1(flag.guideline.section)}", "dim")
        _at(console, 2, _1(flag.guideline.url), "dim")
        console.print()
    if advice:
        console.print(Text(f"Advice from frameworks that do not apply to this proposal ({len(advice)}; details in the "
                           "JSON, Markdown and HTML reports)", style="bold"))
        for flag in advice:
            line = Text(f"{flag.severity.upper():8}", style=SEVERITY_STYLE[flag.severity])
            line.append(f" {_1(flag.rule_id)}  {_1(flag.title)}{'' if flag.confirmed else ' (unconfirmed)'}", style="dim")
            _at(console, 4, line, first=2)
        console.print()


def _checklist(report: Report, console: Console) -> None:
    console.print(_heading(f"Checklist ({len(report.checklist)})"))
    for q in report.checklist:
        line = Text("☐ ")
        line.append(f"[{q.severity}] ", style=SEVERITY_STYLE[q.severity])
        line.append(f"{_1(q.rule_id)} ({REASON_TEXT[q.reason]}{', advisory' if q.advisory else ''}): ", style="dim")
        line.append(_1(q.question))
        line.append(f"  [{_1(q.id)}]", style="dim")
        _at(console, 4, line, first=2)


def _findings(report: Report, console: Console) -> None:
    if report.areas:
        console.print(_heading("\nSensitive technology areas in the text"))
        for a in report.areas:
            _at(console, 4, f"{a.decision:8} {_1(a.area_name)} [{_1(a.area_id)}]: {area_terms(a, _1)}", first=2)
    if report.answers:
        console.print(_heading("\nAnswered questions"))
        for answered in report.answers:
            note = ": " + _1(answered.note) if answered.note else ""
            _at(console, 4, f"☑ {_1(answered.question)} — {answered.answer} ({_1(answered.reviewer)}, "
                            f"{_1(answered.date)}){note}", first=2)
    if report.reviews:
        console.print(_heading("\nReviewed decisions"))
        for review, review_line in zip(report.reviews, review_lines(report, _1), strict=True):
            _at(console, 4, review_line, "" if review.status == "applied" else "bold yellow", first=2)
    for warning in report.warnings:
        _at(console, 4, f"warning: {_1(warning)}", "bold yellow", first=2)
    near = near_miss_lines(report, _1)
    if near:
        console.print(_heading("\nNames checked and not matched (nearest list entries)"))
        for near_line in near:
            _at(console, 4, near_line, "dim", first=2)


def _coverage(report: Report, console: Console) -> None:
    cov = report.coverage
    console.print(_heading("\nCoverage"))
    for c in cov.lists_checked:
        age = f", {c.age_days} days old" if c.age_days is not None else ""
        partial = " PARTIAL" if not c.complete else ""
        _at(console, 4, f"✓ {_1(c.title)} (edition {_1(c.edition)}{age}, {c.entries} entries){partial}", first=2)
    for t in cov.lists_not_checked:
        _at(console, 4, f"✗ not checked: {_1(t)}", "yellow", first=2)
    _at(console, 2, _1(cov.note), "italic")
    v = report.versions
    packs = _1(", ".join(f"{p.id} {p.version}" for p in v.packs))
    console.print(Text(f"\ncollabguard {_1(v.tool)} · packs {packs} · matcher {_1(v.matcher.algorithm)}", style="dim"))


def render_terminal(report: Report, console: Console) -> None:
    console.print(_head(report))
    _frameworks(report, console)
    _flags(report, console)
    _checklist(report, console)
    _findings(report, console)
    _coverage(report, console)
