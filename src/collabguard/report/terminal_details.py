"""The terminal report's details (``--details``): each flag in full (message, every list's evidence
and source, areas, mitigations, guideline), the names checked and not matched, and the coverage
list by list; and the coverage in brief for the default view."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from collabguard.models.report import Flag, Report
from collabguard.reference.report_text import reason, text
from collabguard.report.escape import one_line as _1
from collabguard.report.labels import (
    advice_tag,
    area_terms,
    coverage_brief,
    decision_word,
    flag_message,
    match_line,
    near_miss_lines,
)
from collabguard.report.terminal_text import at, badge, heading


def flag_title(flag: Flag, lang: str = "en") -> Text:
    """A flag's first line: severity badge, rule, title, and what it is not (blocking, identity to confirm, advice)."""
    title = Text()
    title.append_text(badge(flag.severity, flag.advisory, lang))
    title.append(f" {_1(flag.rule_id)} {_1(flag.title)}", style="bold")
    if flag.blocking:
        title.append("  " + text("flag.blocking", lang), style="bold red")
    if not flag.confirmed:
        title.append("  " + text("flag.identity_to_confirm", lang), style="yellow")
    if flag.advisory:
        title.append(f"  ({advice_tag(_1(flag.framework), lang)})", style="dim")
    return title


def flag_details(flag: Flag, console: Console, lang: str = "en") -> None:
    at(console, 4, flag_title(flag, lang), first=0)
    at(console, 4, _1(flag_message(flag, lang)))
    for m in flag.evidence.matches:
        at(console, 6, f"• {match_line(m, _1, lang)}", "magenta", first=4)
        at(console, 8, text("details.why", lang, why=_1("; ".join(reason(r, lang) for r in m.reasons))), "dim", first=6)
        at(console, 8, text("details.source", lang, date=_1(m.source_date), url=_1(m.source_url)), "dim", first=6)
    for a in flag.evidence.areas:
        at(console, 6, text("details.area", lang, name=_1(a.area_name), id=_1(a.area_id), decision=decision_word(a.decision, lang),
                            terms=area_terms(a, _1, lang)), "blue", first=4)
    for mit in flag.mitigations:
        at(console, 6, f"→ {_1(mit)}", "green", first=4)
    at(console, 4, text("details.guideline", lang, section=_1(flag.guideline.section)), "dim")
    at(console, 4, _1(flag.guideline.url), "dim")
    console.print()


def near_misses(report: Report, console: Console) -> None:
    lang = report.language
    if report.areas:
        heading(console, "\n" + text("details.areas_heading", lang))
        for a in report.areas:
            at(console, 4, f"{decision_word(a.decision, lang):8} {_1(a.area_name)} [{_1(a.area_id)}]: {area_terms(a, _1, lang)}",
               first=2)
    near = near_miss_lines(report, _1)
    if near:
        heading(console, "\n" + text("details.near_heading", lang))
        for near_line in near:
            at(console, 4, near_line, "dim", first=2)


def coverage_details(report: Report, console: Console) -> None:
    cov, lang = report.coverage, report.language
    heading(console, "\n" + text("coverage.heading", lang))
    for c in cov.lists_checked:
        age = text("coverage.days_old", lang, days=c.age_days) if c.age_days is not None else ""
        partial = text("coverage.partial_mark", lang) if not c.complete else ""
        at(console, 4, "✓ " + text("coverage.list", lang, title=_1(c.title), edition=_1(c.edition), age=age, entries=c.entries)
           + partial, first=2)
    for t in cov.lists_not_checked:
        at(console, 4, "✗ " + text("coverage.not_checked", lang, lists=_1(t)), "yellow", first=2)
    at(console, 2, _1(cov.note), "italic")


def short_coverage(report: Report, console: Console) -> None:
    """Lists checked and not checked in a few lines: the count, the oldest edition, what is partial."""
    lang = report.language
    heading(console, "\n" + text("coverage.heading", lang))
    checked, missing = coverage_brief(report, _1)
    at(console, 4, f"✓ {checked}", first=2)
    if missing:
        at(console, 4, "✗ " + text("coverage.not_checked", lang, lists=missing), "yellow", first=2)
    at(console, 2, Text(text("coverage.short_note", lang), style="italic"))
