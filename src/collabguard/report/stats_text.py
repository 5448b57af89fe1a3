"""Collaboration statistics as plain text and CSV (the JSON form is the pydantic model itself).

The words are looked up by key and language (reference/report-text.yaml, ``stats.*``): English by
default, Norwegian Bokmål for a report in Bokmål (``lang="nb"``), which also names countries in
Bokmål and writes shares with a decimal comma ("7,4 %"). The figures are the same in every language."""

from __future__ import annotations

import csv
import io

from collabguard.bibliometrics.indicators import SMALL_N
from collabguard.countries import country_name
from collabguard.models.collaboration import CollaborationStats, DataQuality, YearCount
from collabguard.reference.report_text import message, plural, text, text_or
from collabguard.report.escape import markdown as _md
from collabguard.report.escape import markdown_code as _code
from collabguard.report.escape import one_line


def percent(share: float, lang: str = "en", width: int = 0) -> str:
    """A share as a percentage with one decimal: "7.4%" in English, "7,4 %" in Bokmål."""
    figure = f"{share * 100:{width}.1f}"
    return figure + "%" if lang == "en" else figure.replace(".", ",") + " %"


def _share(share: float, denominator: int, lang: str = "en") -> str:
    return percent(share, lang, width=5) + (text("stats.few_works", lang) if denominator < SMALL_N else "")


def _fraction(value: float, lang: str) -> str:
    figure = f"{value:.2f}"
    return figure if lang == "en" else figure.replace(".", ",")


def quality_summary(q: DataQuality, lang: str = "en") -> str:
    """What was read and what was left out, in one sentence (every report format uses it)."""
    return text("stats.quality", lang, loaded=q.loaded, skipped=len(q.skipped), duplicates=q.duplicates,
                excluded_type=q.excluded_type, all_types=_all_types(q, lang), excluded_years=q.excluded_years,
                many_countries=q.excluded_many_countries, not_bilateral=q.excluded_not_bilateral,
                not_home=q.excluded_not_home, no_country=q.no_country)


def _all_types(q: DataQuality, lang: str = "en") -> str:
    if not q.all_types_counted:
        return ""
    return text("stats.all_types", lang, files=", ".join(q.all_types_counted))


def all_types_note(q: DataQuality, lang: str = "en") -> str:
    """The line saying that works of a file with no document type were all counted ("" when none)."""
    if not q.all_types_counted:
        return ""
    return plural("stats.all_types_note", len(q.all_types_counted), lang, files=", ".join(q.all_types_counted))


def works(n: int, lang: str = "en") -> str:
    return plural("stats.works", n, lang)


def counting(stats: CollaborationStats, lang: str = "en") -> str:
    """How works were counted, in words: "whole counting"."""
    return text_or(f"stats.counting.{stats.counting}", f"{stats.counting} counting", lang)


def denominator(stats: CollaborationStats, lang: str = "en") -> str:
    """What shares are a fraction of, in words (the JSON keeps the English)."""
    if lang == "en":
        return stats.denominator
    if stats.home_country and stats.home:
        return text("stats.denominator.home", lang, home=stats.home)
    return text("stats.denominator.all", lang)


def trend(value: str, lang: str = "en") -> str:
    return text_or(f"stats.trend.{value}", value, lang)


def country(code: str, name: str, lang: str = "en") -> str:
    """A country's name as the figures give it (English), or in the report's language."""
    return name if lang == "en" else country_name(code, lang)


def _years(by_year: list[YearCount]) -> str:
    return ", ".join(f"{y.year}: {y.works}" for y in by_year if y.works)


def _listed_lines(stats: CollaborationStats, lang: str) -> list[str]:
    if stats.listed is None:
        return []
    if not stats.listed:
        return ["", text("stats.listed_none", lang)]
    lines = ["", text("stats.listed_heading", lang)]
    for e in stats.listed:
        lines.append(f"  {one_line(e.name)} [{one_line(e.list_id)}] ({one_line(e.country)}): {works(e.works, lang)}")
        lines += ["    " + text("stats.matched", lang, address=one_line(a)) for a in e.matched_affiliations[:5]]
        if len(e.matched_affiliations) > 5:
            lines.append("    " + text("stats.more_addresses", lang, n=len(e.matched_affiliations) - 5))
    return lines


def render_stats_text(stats: CollaborationStats, top: int = 15, lang: str = "en") -> str:
    q = stats.data_quality
    of = one_line(denominator(stats, lang))
    lines = [text("stats.heading", lang), ""]
    for path, fmt in stats.files.items():
        lines.append(f"  {one_line(path)}  [{one_line(fmt)}]")
    lines.append("  " + text("stats.counted", lang, works=works(stats.works, lang), counting=counting(stats, lang),
                             denominator=of, n=stats.denominator_works))
    if q.all_types_counted:
        lines.append(f"  {one_line(all_types_note(q, lang))}")
    for p in stats.partners:
        lines += ["", text("stats.partner", lang, name=one_line(p.name)) + ": " + works(p.works, lang)
                  + (f" ({_years(p.by_year)})" if p.works else "")]
        lines += ["    " + text("stats.matched", lang, address=one_line(a)) for a in p.matched_affiliations[:20]]
        if len(p.matched_affiliations) > 20:
            lines.append("    " + text("stats.more_addresses", lang, n=len(p.matched_affiliations) - 20))
    for c in stats.countries:
        lines += ["", text("stats.country", lang, name=one_line(country(c.country, c.name, lang)), code=one_line(c.country))
                  + ": " + text("stats.country_figures", lang, works=works(c.works, lang), denominator=of,
                                share=_share(c.share, stats.denominator_works, lang).strip(), trend=trend(c.trend, lang))]
        if c.works:
            lines.append("    " + text("stats.by_year", lang, years=_years(c.by_year)))
            lines += ["    " + text("stats.field", lang, field=one_line(f.field), n=f.works) for f in c.top_fields[:5]]
    lines += _listed_lines(stats, lang)
    lines += ["", text("stats.by_country", lang) + (text("stats.fractional_note", lang) if stats.counting != "whole" else "")]
    for cc in stats.by_country[:top]:
        frac = f" [{_fraction(cc.fractional, lang)}]" if cc.fractional is not None else ""
        lines.append(f"  {one_line(cc.country)}  {one_line(country(cc.country, cc.name, lang))[:28]:<28} {cc.works:>6}{frac}  "
                     f"{_share(cc.share, stats.denominator_works, lang)}")
    if len(stats.by_country) > top:
        lines.append("  " + text("stats.more_countries", lang, n=len(stats.by_country) - top))
    if stats.by_year:
        lines += ["", text("stats.all_by_year", lang), f"    {_years(stats.by_year)}"]
    if stats.top_fields:
        lines += ["", text("stats.top_fields", lang)] + [f"  {f.works:>6}  {one_line(f.field)}" for f in stats.top_fields]
    lines += ["", text("stats.quality_heading", lang), f"  {quality_summary(q, lang)}"]
    lines += ["  " + text("stats.skipped", lang, what=one_line(s)) for s in q.skipped[:20]]
    lines += ["  " + text("stats.warning", lang, what=one_line(message(w, lang))) for w in q.warnings[:20]]
    return "\n".join(lines) + "\n"


def render_stats_csv(stats: CollaborationStats) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["country", "name", "works", "share", "fractional"])
    for c in stats.by_country:
        writer.writerow([c.country, c.name, c.works, c.share, "" if c.fractional is None else c.fractional])
    return out.getvalue()


def render_stats_markdown(stats: CollaborationStats, top: int = 10, lang: str = "en") -> list[str]:
    """Markdown lines for the report's collaboration-context section."""
    files = ", ".join(f"{_code(p)} ({_md(fmt)})" for p, fmt in stats.files.items())
    out = ["## " + text("stats.heading_markdown", lang), "",
           text("stats.counted_from", lang, works=works(stats.works, lang), counting=_md(counting(stats, lang)), files=files,
                denominator=_md(denominator(stats, lang)), n=stats.denominator_works), ""]
    for p in stats.partners:
        out.append("- **" + text("stats.partner", lang, name=_md(p.name)) + ":** " + works(p.works, lang)
                   + (f" ({_years(p.by_year)})" if p.works else ""))
        out += ["  - " + text("stats.matched", lang, address=_code(a)) for a in p.matched_affiliations[:20]]
    for c in stats.countries:
        out.append("- **" + text("stats.country", lang, name=_md(country(c.country, c.name, lang)), code=_md(c.country))
                   + ":** " + text("stats.country_figures_short", lang, works=works(c.works, lang),
                                   share=percent(c.share, lang), trend=trend(c.trend, lang))
                   + ("; " + text("stats.by_year", lang, years=_years(c.by_year)) if c.works else ""))
    if stats.listed:
        out += ["", text("stats.listed_heading", lang) + ":", ""]
        for e in stats.listed:
            out.append(f"- **{_md(e.name)}** [{_md(e.list_id)}] ({_md(e.country)}): {works(e.works, lang)}")
            out += ["  - " + text("stats.matched", lang, address=_code(a)) for a in e.matched_affiliations[:5]]
    elif stats.listed is not None:
        out += ["", text("stats.listed_none_sentence", lang)]
    columns = [text(f"stats.column.{c}", lang) for c in ("country", "works", "share")]
    out += ["", f"| {' | '.join(columns)} |", "|---|---:|---:|"]
    out += [f"| {_md(country(c.country, c.name, lang))} ({_md(c.country)}) | {c.works} | {percent(c.share, lang)} |"
            for c in stats.by_country[:top]]
    q = stats.data_quality
    out += ["", text("stats.quality_line", lang, summary=quality_summary(q, lang))]
    out += [f"- {_md(message(w, lang))}" for w in q.warnings[:20]] + ["- " + text("stats.skipped", lang, what=_md(s)) for s in q.skipped[:20]]
    return out + [""]
