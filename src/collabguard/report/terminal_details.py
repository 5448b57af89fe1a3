"""The terminal report's details (``--details``): each flag in full (message, every list's evidence
and source, areas, mitigations, guideline), the names checked and not matched, and the coverage
list by list; and the coverage in brief for the default view."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from collabguard.models.report import Flag, Report
from collabguard.report.escape import one_line as _1
from collabguard.report.labels import (
    IDENTITY_TO_CONFIRM,
    NOT_APPLICABLE,
    SHORT_NOTE,
    area_terms,
    coverage_brief,
    flag_message,
    match_line,
    near_miss_lines,
)
from collabguard.report.terminal_text import at, badge, heading


def flag_title(flag: Flag) -> Text:
    """A flag's first line: severity badge, rule, title, and what it is not (blocking, identity to confirm, advice)."""
    title = Text()
    title.append_text(badge(flag.severity, flag.advisory))
    title.append(f" {_1(flag.rule_id)} {_1(flag.title)}", style="bold")
    if flag.blocking:
        title.append("  BLOCKING", style="bold red")
    if not flag.confirmed:
        title.append(f"  {IDENTITY_TO_CONFIRM}", style="yellow")
    if flag.advisory:
        title.append(f"  (advice: {_1(flag.framework)} {NOT_APPLICABLE})", style="dim")
    return title


def flag_details(flag: Flag, console: Console) -> None:
    at(console, 4, flag_title(flag), first=0)
    at(console, 4, _1(flag_message(flag)))
    for m in flag.evidence.matches:
        at(console, 6, f"• {match_line(m, _1)}", "magenta", first=4)
        at(console, 8, f"why: {_1('; '.join(m.reasons))}", "dim", first=6)
        at(console, 8, f"source ({_1(m.source_date)}): {_1(m.source_url)}", "dim", first=6)
    for a in flag.evidence.areas:
        at(console, 6, f"• area {_1(a.area_name)} [{_1(a.area_id)}] {a.decision}: {area_terms(a, _1)}", "blue", first=4)
    for mit in flag.mitigations:
        at(console, 6, f"→ {_1(mit)}", "green", first=4)
    at(console, 4, f"guideline: {_1(flag.guideline.section)}", "dim")
    at(console, 4, _1(flag.guideline.url), "dim")
    console.print()


def near_misses(report: Report, console: Console) -> None:
    if report.areas:
        heading(console, "\nSensitive technology areas in the text")
        for a in report.areas:
            at(console, 4, f"{a.decision:8} {_1(a.area_name)} [{_1(a.area_id)}]: {area_terms(a, _1)}", first=2)
    near = near_miss_lines(report, _1)
    if near:
        heading(console, "\nNames checked and not matched (nearest list entries)")
        for near_line in near:
            at(console, 4, near_line, "dim", first=2)


def coverage_details(report: Report, console: Console) -> None:
    cov = report.coverage
    heading(console, "\nCoverage")
    for c in cov.lists_checked:
        age = f", {c.age_days} days old" if c.age_days is not None else ""
        partial = " PARTIAL" if not c.complete else ""
        at(console, 4, f"✓ {_1(c.title)} (edition {_1(c.edition)}{age}, {c.entries} entries){partial}", first=2)
    for t in cov.lists_not_checked:
        at(console, 4, f"✗ not checked: {_1(t)}", "yellow", first=2)
    at(console, 2, _1(cov.note), "italic")


def short_coverage(report: Report, console: Console) -> None:
    """Lists checked and not checked in a few lines: the count, the oldest edition, what is partial."""
    heading(console, "\nCoverage")
    checked, missing = coverage_brief(report, _1)
    at(console, 4, f"✓ {checked}", first=2)
    if missing:
        at(console, 4, f"✗ not checked: {missing}", "yellow", first=2)
    at(console, 2, Text(SHORT_NOTE, style="italic"))
