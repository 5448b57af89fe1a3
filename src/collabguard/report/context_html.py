"""The HTML report's collaboration-context section: figures, tables and inline SVG charts, in the
report's language (English, or Norwegian Bokmål: see report/stats_text.py)."""

from __future__ import annotations

from collabguard.models.collaboration import CollaborationStats
from collabguard.reference.report_text import message, text
from collabguard.report.charts import by_year_chart, top_countries_chart
from collabguard.report.html import _e
from collabguard.report.stats_text import counting, country, denominator, percent, quality_summary, trend, works


def _inline_svg(data: bytes | None) -> str:
    if data is None:
        return ""
    svg = data.decode("utf-8")
    return f'<figure class="chart">{svg[svg.index("<svg"):]}</figure>'


def _addresses(lang: str, addresses: list[str]) -> str:
    return (f'<details><summary>{_e(text("stats.matched_summary", lang))}</summary><ul class="small">'
            + "".join(f"<li>{_e(a)}</li>" for a in addresses) + "</ul></details>")


def render_context_html(stats: CollaborationStats, top: int = 12, lang: str = "en") -> str:
    q = stats.data_quality
    files = ", ".join(f"<code>{_e(p)}</code> ({_e(fmt)})" for p, fmt in stats.files.items())
    parts = [
        f"<h2>{_e(text('stats.heading_html', lang))} <span class=\"small\">{_e(text('stats.heading_html_note', lang))}</span></h2>",
        "<p>" + text("stats.counted", lang, works=_e(works(stats.works, lang)), counting=_e(counting(stats, lang)),
                     denominator=_e(denominator(stats, lang)), n=stats.denominator_works)
        + "." + text("stats.files", lang, files=files) + "</p>",
        "<ul>",
    ]
    for p in stats.partners:
        parts.append(f"<li><strong>{_e(text('stats.partner', lang, name=p.name))}:</strong> {_e(works(p.works, lang))}")
        if p.matched_affiliations:
            parts.append(_addresses(lang, p.matched_affiliations))
        parts.append("</li>")
    for c in stats.countries:
        fields = ", ".join(f"{f.field} ({f.works})" for f in c.top_fields[:5])
        label = text("stats.country", lang, name=country(c.country, c.name, lang), code=c.country)
        figures = text("stats.country_figures_short", lang, works=works(c.works, lang), share=percent(c.share, lang),
                       trend=trend(c.trend, lang))
        parts.append(f"<li><strong>{_e(label)}:</strong> {_e(figures)}"
                     f"{_e(text('stats.fields', lang, fields=fields)) if fields else ''}</li>")
    parts.append("</ul>")
    if stats.listed:
        name, note = text("stats.listed_heading", lang).split(" (", 1)  # the heading in bold, its note after it
        parts.append(f"<p><strong>{_e(name)}</strong> ({_e(note)}:</p><ul>")
        for e in stats.listed:
            parts.append(f"<li>{_e(e.name)} <code>{_e(e.list_id)}</code> ({_e(e.country)}): {_e(works(e.works, lang))}"
                         + _addresses(lang, e.matched_affiliations) + "</li>")
        parts.append("</ul>")
    elif stats.listed is not None:
        parts.append(f"<p>{_e(text('stats.listed_none_sentence', lang))}</p>")
    parts.append(_inline_svg(by_year_chart(stats, lang=lang)))
    parts.append(_inline_svg(top_countries_chart(stats, top, lang=lang)))
    parts.append("<table><tr>" + "".join(f"<th>{_e(text(f'stats.column.{c}', lang))}</th>" for c in ("country", "works", "share"))
                 + "</tr>")
    parts += [f"<tr><td>{_e(country(c.country, c.name, lang))} ({_e(c.country)})</td><td>{c.works}</td>"
              f"<td>{_e(percent(c.share, lang))}</td></tr>" for c in stats.by_country[:top]]
    parts.append("</table>")
    parts.append(f'<p class="small">{_e(text("stats.quality_line", lang, summary=quality_summary(q, lang)))}</p>')
    notes = [message(w, lang) for w in q.warnings[:20]] + [text("stats.skipped", lang, what=s) for s in q.skipped[:20]]
    if notes:
        parts.append('<ul class="small">' + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")
    return "\n".join(p for p in parts if p)
