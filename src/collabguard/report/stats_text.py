"""Collaboration statistics as plain text and CSV (the JSON form is the pydantic model itself)."""

from __future__ import annotations

import csv
import io

from collabguard.bibliometrics.indicators import SMALL_N
from collabguard.bibliometrics.stats_model import CollaborationStats


def _share(works: int, share: float, denominator: int) -> str:
    pct = f"{share * 100:5.1f}%"
    return pct + (" (few works)" if denominator < SMALL_N else "")


def render_stats_text(stats: CollaborationStats, top: int = 15) -> str:
    q = stats.data_quality
    lines = ["Collaboration context (from publication exports; context, not a rule finding)", ""]
    for path, fmt in stats.files.items():
        lines.append(f"  {path}  [{fmt}]")
    lines.append(f"  {stats.works} works counted ({stats.counting} counting); shares are of {stats.denominator} "
                 f"({stats.denominator_works})")
    if stats.partner:
        lines += ["", f"Partner institution: {stats.partner.name}: {stats.partner.works} works"]
        lines += [f"    matched: {a}" for a in stats.partner.matched_affiliations[:20]]
        if len(stats.partner.matched_affiliations) > 20:
            lines.append(f"    … and {len(stats.partner.matched_affiliations) - 20} more address strings (see JSON)")
    if stats.country:
        lines += ["", f"Partner country {stats.country}: {stats.country_works} works; trend: {stats.country_trend}"]
    lines += ["", "Co-publications by country" + (" (fractional in brackets)" if stats.counting == "fractional" else "")]
    for c in stats.by_country[:top]:
        frac = f" [{c.fractional:.2f}]" if c.fractional is not None else ""
        lines.append(f"  {c.country}  {c.name[:28]:<28} {c.works:>6}{frac}  "
                     f"{_share(c.works, c.share, stats.denominator_works)}")
    if len(stats.by_country) > top:
        lines.append(f"  … {len(stats.by_country) - top} more countries (see --format csv or json)")
    if stats.by_year:
        lines += ["", "By year" + (f" (with {stats.country})" if stats.country else "")
                  + (" (with partner)" if stats.partner else "")]
        for y in stats.by_year:
            extra = "".join(f"  {v:>5}" for v in (y.with_country, y.with_partner) if v is not None)
            lines.append(f"  {y.year}  {y.works:>6}{extra}")
    if stats.top_fields:
        lines += ["", "Top fields"] + [f"  {f.works:>6}  {f.field}" for f in stats.top_fields]
    lines += ["", "Data quality",
              f"  records read {q.loaded}; skipped {len(q.skipped)}; duplicates {q.duplicates}; other document types "
              f"{q.excluded_type}; outside years {q.excluded_years}; more countries than the maximum "
              f"{q.excluded_many_countries}; counted with no known country {q.no_country}"]
    lines += [f"  skipped: {s}" for s in q.skipped[:20]] + [f"  warning: {w}" for w in q.warnings[:20]]
    return "\n".join(lines) + "\n"


def render_stats_csv(stats: CollaborationStats) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["country", "name", "works", "share", "fractional"])
    for c in stats.by_country:
        writer.writerow([c.country, c.name, c.works, c.share, "" if c.fractional is None else c.fractional])
    return out.getvalue()
