"""Collaboration statistics as plain text and CSV (the JSON form is the pydantic model itself)."""

from __future__ import annotations

import csv
import io

from collabguard.bibliometrics.indicators import SMALL_N
from collabguard.models.collaboration import CollaborationStats, DataQuality, YearCount
from collabguard.report.escape import markdown as _md
from collabguard.report.escape import markdown_code as _code
from collabguard.report.escape import one_line


def _share(works: int, share: float, denominator: int) -> str:
    pct = f"{share * 100:5.1f}%"
    return pct + (" (few works)" if denominator < SMALL_N else "")


def quality_summary(q: DataQuality) -> str:
    """What was read and what was left out, in one sentence (every report format uses it)."""
    return (f"{q.loaded} records read; {len(q.skipped)} skipped; {q.duplicates} duplicates; {q.excluded_type} of "
            f"other document types{_all_types(q)}; {q.excluded_years} outside the years; {q.excluded_many_countries} with too many "
            f"countries; {q.excluded_not_bilateral} not bilateral; {q.excluded_not_home} without a home address; "
            f"{q.no_country} with no known country.")


def _all_types(q: DataQuality) -> str:
    if not q.all_types_counted:
        return ""
    return f" (every type counted from {', '.join(q.all_types_counted)}: no document type given)"


def all_types_note(q: DataQuality) -> str:
    """The line saying that works of a file with no document type were all counted ("" when none)."""
    if not q.all_types_counted:
        return ""
    files = ", ".join(q.all_types_counted)
    return (f"note: {files} {'gives' if len(q.all_types_counted) == 1 else 'give'} no document type: all "
            f"{'its' if len(q.all_types_counted) == 1 else 'their'} works are counted, not only articles and reviews "
            "(map a type column with --columns YOUR_HEADER=doc_type to filter)")


def works(n: int) -> str:
    return f"{n} work" if n == 1 else f"{n} works"


def _years(by_year: list[YearCount]) -> str:
    return ", ".join(f"{y.year}: {y.works}" for y in by_year if y.works)


def _listed_lines(stats: CollaborationStats) -> list[str]:
    if stats.listed is None:
        return []
    if not stats.listed:
        return ["", "Listed organisations: no address matches an organisation on the sensitivity lists checked"]
    lines = ["", "Listed organisations among co-authors (a match is a lead for a person to check)"]
    for e in stats.listed:
        lines.append(f"  {one_line(e.name)} [{one_line(e.list_id)}] ({one_line(e.country)}): {works(e.works)}")
        lines += [f"    matched: {one_line(a)}" for a in e.matched_affiliations[:5]]
        if len(e.matched_affiliations) > 5:
            lines.append(f"    … and {len(e.matched_affiliations) - 5} more address strings (see JSON)")
    return lines


def render_stats_text(stats: CollaborationStats, top: int = 15) -> str:
    q = stats.data_quality
    lines = ["Collaboration context (from publication exports; context, not a rule finding)", ""]
    for path, fmt in stats.files.items():
        lines.append(f"  {one_line(path)}  [{one_line(fmt)}]")
    lines.append(f"  {works(stats.works)} counted ({stats.counting} counting); shares are of {one_line(stats.denominator)} "
                 f"({stats.denominator_works})")
    if q.all_types_counted:
        lines.append(f"  {one_line(all_types_note(q))}")
    for p in stats.partners:
        lines += ["", f"Partner institution {one_line(p.name)}: {works(p.works)}"
                  + (f" ({_years(p.by_year)})" if p.works else "")]
        lines += [f"    matched: {one_line(a)}" for a in p.matched_affiliations[:20]]
        if len(p.matched_affiliations) > 20:
            lines.append(f"    … and {len(p.matched_affiliations) - 20} more address strings (see JSON)")
    for c in stats.countries:
        lines += ["", f"Partner country {one_line(c.name)} ({one_line(c.country)}): {works(c.works)}, "
                      f"{_share(c.works, c.share, stats.denominator_works).strip()} of {one_line(stats.denominator)}; "
                      f"trend: {c.trend}"]
        if c.works:
            lines.append(f"    by year: {_years(c.by_year)}")
            lines += [f"    field: {one_line(f.field)} ({f.works})" for f in c.top_fields[:5]]
    lines += _listed_lines(stats)
    lines += ["", "Co-publications by country" + (" (fractional in brackets)" if stats.counting != "whole" else "")]
    for cc in stats.by_country[:top]:
        frac = f" [{cc.fractional:.2f}]" if cc.fractional is not None else ""
        lines.append(f"  {one_line(cc.country)}  {one_line(cc.name)[:28]:<28} {cc.works:>6}{frac}  "
                     f"{_share(cc.works, cc.share, stats.denominator_works)}")
    if len(stats.by_country) > top:
        lines.append(f"  … {len(stats.by_country) - top} more countries (see --format csv or json)")
    if stats.by_year:
        lines += ["", "All works counted, by year", f"    {_years(stats.by_year)}"]
    if stats.top_fields:
        lines += ["", "Top fields"] + [f"  {f.works:>6}  {one_line(f.field)}" for f in stats.top_fields]
    lines += ["", "Data quality", f"  {quality_summary(q)}"]
    lines += [f"  skipped: {one_line(s)}" for s in q.skipped[:20]] + [f"  warning: {one_line(w)}" for w in q.warnings[:20]]
    return "\n".join(lines) + "\n"


def render_stats_csv(stats: CollaborationStats) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["country", "name", "works", "share", "fractional"])
    for c in stats.by_country:
        writer.writerow([c.country, c.name, c.works, c.share, "" if c.fractional is None else c.fractional])
    return out.getvalue()


def render_stats_markdown(stats: CollaborationStats, top: int = 10) -> list[str]:
    """Markdown lines for the report's collaboration-context section."""
    out = ["## Collaboration context (publication data; context, not a rule finding)", "",
           f"{works(stats.works)} counted ({stats.counting} counting) from "
           + ", ".join(f"{_code(p)} ({_md(fmt)})" for p, fmt in stats.files.items())
           + f"; shares are of {_md(stats.denominator)} ({stats.denominator_works}).", ""]
    for p in stats.partners:
        out.append(f"- **Partner institution {_md(p.name)}:** {works(p.works)}"
                   + (f" ({_years(p.by_year)})" if p.works else ""))
        out += [f"  - matched: {_code(a)}" for a in p.matched_affiliations[:20]]
    for c in stats.countries:
        out.append(f"- **Partner country {_md(c.name)} ({_md(c.country)}):** {works(c.works)}, {c.share * 100:.1f}%; "
                   f"trend: {c.trend}" + (f"; by year: {_years(c.by_year)}" if c.works else ""))
    if stats.listed:
        out += ["", "Listed organisations among co-authors (a match is a lead for a person to check):", ""]
        for e in stats.listed:
            out.append(f"- **{_md(e.name)}** [{_md(e.list_id)}] ({_md(e.country)}): {works(e.works)}")
            out += [f"  - matched: {_code(a)}" for a in e.matched_affiliations[:5]]
    elif stats.listed is not None:
        out += ["", "No address matches an organisation on the sensitivity lists checked."]
    out += ["", "| country | works | share |", "|---|---:|---:|"]
    out += [f"| {_md(c.name)} ({_md(c.country)}) | {c.works} | {c.share * 100:.1f}% |" for c in stats.by_country[:top]]
    q = stats.data_quality
    out += ["", f"Data quality: {quality_summary(q)}"]
    out += [f"- {_md(w)}" for w in q.warnings[:20]] + [f"- skipped: {_md(s)}" for s in q.skipped[:20]]
    return out + [""]
