"""Coloured terminal report (rich). Plain text when written to a file or a pipe.

It leads with the headline (the recommendation, why, the names and lists behind it, the areas and
the next step), then the frameworks that apply, the flags and the open questions, one or two lines
each; mitigations, every list's evidence, near misses and the full coverage are behind
``details`` (``--details``), and the findings of frameworks that do not apply behind
``all_frameworks`` (``--all-frameworks``).

Every value that is not collabguard's own wording goes through :func:`one_line`: a title, a name
or a note stays on its line and its control characters are shown (ESC as ␛), never sent to the
terminal, so a proposal cannot clear the screen, colour it, set the window title or print a
verdict of its own. Headings start at the left margin and nothing else does: every line that
carries a value is indented, also where a long one wraps, so no value can pass for a heading."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from collabguard.models.common import severity_rank
from collabguard.models.report import Flag, Report
from collabguard.reference.report_text import plural, text
from collabguard.report.escape import one_line as _1
from collabguard.report.labels import (
    answer_word,
    entity_line,
    flag_message,
    question_sentence,
    question_text,
    recommendation_text,
    review_lines,
    risk_condition,
    severity_word,
    verdict_word,
)
from collabguard.report.summary import HEADLINE_NAMES, area_clause, match_clause, matched_names
from collabguard.report.terminal_details import coverage_details, flag_details, flag_title, near_misses, short_coverage
from collabguard.report.terminal_text import RECOMMENDATION_STYLE, SEVERITY_STYLE, at, heading

__all__ = ["RECOMMENDATION_STYLE", "SEVERITY_STYLE", "render_terminal"]
HEAD_LABELS = ("title", "recommendation", "why", "listed", "possibly", "areas", "next")


def _label_width(lang: str) -> int:
    """The headline's label column: as wide as its longest label ("Recommendation:")."""
    return max(len(text(f"head.{label}", lang)) for label in HEAD_LABELS)


def _grid(lang: str = "en") -> Table:
    # labels in a column of their own: a long value wraps inside its cell, so no words of it can
    # start a line of the panel and pass for the verdict
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, min_width=_label_width(lang))
    grid.add_column()
    return grid


def _head(report: Report) -> Panel:
    """The headline: recommendation, why, each name and the lists it is on, the areas, the next step."""
    s, lang = report.summary, report.language
    rows: list[RenderableType] = []
    top = _grid(lang)
    top.add_row(text("head.title", lang), Text(_1(report.title), style="bold"))
    rec = Text(recommendation_text(report.recommendation, lang), style=RECOMMENDATION_STYLE[report.recommendation])
    rec.append(text("head.risk_level", lang))
    rec.append(severity_word(report.risk_level, lang), style=SEVERITY_STYLE[report.risk_level])
    rec.append(risk_condition(report))
    rec.append(text("head.blocking", lang, answer=text("head.yes" if report.blocking else "head.no", lang)))
    top.add_row(text("head.recommendation", lang), rec)
    top.add_row(text("head.why", lang), Text(_1(s.reason)))
    rows.append(top)
    for m in s.matches[:HEADLINE_NAMES]:
        lead, lists = match_clause(m, lang)
        name = _grid(lang)
        name.add_row(text("head.listed" if m.decision == "match" else "head.possibly", lang), Text(_1(lead)))
        bullets = Table.grid(padding=(0, 1))
        bullets.add_column(no_wrap=True)
        bullets.add_column()
        for meaning in lists:
            bullets.add_row("•", Text(_1(meaning)))
        rows += [name, Padding(bullets, (0, 0, 0, 2))]
    rest = _grid(lang)
    if len(s.matches) > HEADLINE_NAMES:
        rest.add_row("", Text(text("head.more_names", lang, n=len(s.matches) - HEADLINE_NAMES)))
    if s.areas:
        rest.add_row(text("head.areas", lang), Text(_1(area_clause(s.areas, lead=False, lang=lang))))
    rest.add_row(text("head.next", lang), Text(_1(s.next_step), style="bold"))
    rows.append(rest)
    return Panel(Group(*rows), title=text("head.panel", lang, id=_1(report.proposal_id), date=_1(report.screened_on)),
                 expand=False)


def _frameworks(report: Report, console: Console, all_frameworks: bool) -> None:
    shown = sorted((f for f in report.frameworks if f.applies or all_frameworks), key=lambda f: not f.applies)  # those that apply first
    others = [f for f in report.frameworks if not f.applies]
    lang = report.language
    if shown:
        rows = []
        for f in shown:
            if f.applies:  # only a framework that applies has a verdict; the others give advice
                verdict = Text(verdict_word(f.recommendation, lang), style=RECOMMENDATION_STYLE[f.recommendation])
                risk = Text(severity_word(f.risk_level, lang), style=SEVERITY_STYLE[f.risk_level])
            else:
                verdict, risk = Text(text("framework.not_applicable", lang), style="dim"), Text("—", style="dim")
            rows.append((Text(_1(f.id)), verdict, risk, str(f.flags) + (text("frameworks.blocking", lang) if f.blocking else ""),
                         str(f.questions)))
        # the columns before "applies because", with their headers and two spaces after each
        headers = [text(f"frameworks.column.{c}", lang) for c in ("framework", "verdict", "risk", "flags", "questions")]
        fixed = 2 + sum(max(len(headers[i]), *(len(str(r[i])) for r in rows)) + 2 for i in range(5))
        inline = (console.width or 80) - fixed >= max(len(_1(f.reason)) for f in shown)  # every reason on its row
        table = Table(box=None, expand=False, padding=(0, 2, 0, 0), pad_edge=False, show_edge=False, header_style="bold")
        for col in headers:
            table.add_column(col, no_wrap=True)
        if inline:
            table.add_column(text("frameworks.column.because", lang))
        for f, row in zip(shown, rows, strict=True):
            table.add_row(*row, *([Text(_1(f.reason))] if inline else []))
        heading(console, text("frameworks.apply" if not all_frameworks else "frameworks.all", lang))
        console.print(Padding(table, (0, 0, 0, 2), expand=False))
        if not inline:
            for f in shown:
                at(console, 4, f"{_1(f.id)}: {_1(f.reason)}", "dim", first=2)
    if not report.any_applies:
        heading(console, text("frameworks.heading", lang))
        at(console, 2, text("frameworks.none_apply", lang))
    if others and not all_frameworks:
        advice = len([f for f in report.flags if f.advisory])
        folded = plural("frameworks.folded_terminal", advice, lang) if advice else ""
        at(console, 2, Text(text("framework.not_applicable_here", lang, frameworks=", ".join(_1(f.id) for f in others)) + folded,
                            style="dim"))


def _flag_brief(report: Report, flag: Flag, console: Console) -> None:
    lang = report.language
    at(console, 4, flag_title(flag, lang), first=0)
    names = matched_names(report, [flag])
    for m in names:
        at(console, 6, entity_line(m, _1, lang), "magenta", first=4)
    if flag.evidence.areas:
        at(console, 6, text("flags.areas", lang, n=len(flag.evidence.areas))
           + "; ".join(_1(a.area_name) for a in flag.evidence.areas), "blue", first=4, most=1)
    if not names and not flag.evidence.areas:
        at(console, 4, _1(flag_message(flag, lang)), most=3)


def _flags(report: Report, console: Console, details: bool, all_frameworks: bool) -> None:
    full = report.counted_flags
    advice = report.advisory_flags if all_frameworks else []
    lang = report.language
    heading(console, "\n" + text("flags.heading", lang, n=len(full)))
    if not full:
        at(console, 2, text("none", lang))
    for flag in full + advice:
        if advice and flag is advice[0]:
            heading(console, "\n" + text("flags.advice_heading", lang, n=len(advice)))
        if details:
            flag_details(flag, console, lang)
        else:
            _flag_brief(report, flag, console)


def _checklist(report: Report, console: Console, details: bool, all_frameworks: bool) -> None:
    """Every open question with the id that answers it; in the short view, a question below medium
    in one line (its question sentence), the others in full."""
    shown = [q for q in report.checklist if all_frameworks or not q.advisory or not report.any_applies]
    short = not details and any(severity_rank(q.severity) < severity_rank("medium") for q in shown)
    lang = report.language
    title = Text(text("checklist.heading", lang, n=len(shown)), style="bold underline")
    if short:
        title.append(text("checklist.short", lang), style="dim")
    console.print()
    at(console, 2, title, first=0)
    if not shown:
        at(console, 2, text("none", lang))
    for q in shown:
        full = details or severity_rank(q.severity) >= severity_rank("medium")
        line = Text("☐ ")
        line.append(severity_word(q.severity, lang), style=SEVERITY_STYLE[q.severity])
        line.append(f" {_1(q.id)}: ", style="dim")
        line.append(_1(question_text(q, lang) if full else question_sentence(question_text(q, lang))))
        if details or q.advisory:
            advice = text("checklist.advice_only", lang) if q.advisory and report.any_applies else ""
            line.append(f"  ({_1(q.rule_id)}{advice})", style="dim")
        at(console, 4, line, first=2, most=None if full else 1)
    hidden = len(report.checklist) - len(shown)
    if hidden:
        at(console, 2, Text(text("checklist.hidden_terminal", lang, n=hidden), style="dim"))


def _record(report: Report, console: Console) -> None:
    """What the case file must show whatever the view: answers, reviewed decisions, warnings."""
    lang = report.language
    if report.answers:
        heading(console, "\n" + text("record.answers", lang))
        for answered in report.answers:
            note = ": " + _1(answered.note) if answered.note else ""
            at(console, 4, f"☑ {_1(answered.question)} — {answer_word(answered.answer, lang)} ({_1(answered.reviewer)}, "
                           f"{_1(answered.date)}){note}", first=2)
    if report.reviews:
        heading(console, "\n" + text("record.reviews", lang))
        for review, review_line in zip(report.reviews, review_lines(report, _1), strict=True):
            at(console, 4, review_line, "" if review.status == "applied" else "bold yellow", first=2)
    if report.warnings:
        heading(console, "\n" + text("record.warnings", lang))
        for warning in report.warnings:
            at(console, 4, f"! {_1(warning)}", "bold yellow", first=2)


def render_terminal(report: Report, console: Console, details: bool = False, all_frameworks: bool = False) -> None:
    """The report for a terminal; ``details``: every piece of evidence, mitigation and guideline;
    ``all_frameworks``: also the findings and questions of frameworks that do not apply."""
    console.print(_head(report))
    _frameworks(report, console, all_frameworks)
    _flags(report, console, details, all_frameworks)
    _checklist(report, console, details, all_frameworks)
    _record(report, console)
    if details:
        near_misses(report, console)
        coverage_details(report, console)
    else:
        short_coverage(report, console)
    v, lang = report.versions, report.language
    packs = text("footer.packs", lang, packs=_1(", ".join(f"{p.id} {p.version}" for p in v.packs))) if details else ""
    console.print()
    at(console, 2, Text(text("footer", lang, tool=_1(v.tool), packs=packs, matcher=_1(v.matcher.algorithm))
                        + ("" if details else text("footer.more", lang)), style="dim"))
