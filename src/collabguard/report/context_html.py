"""The HTML report's collaboration-context section: figures, tables and inline SVG charts."""

from __future__ import annotations

from collabguard.models.collaboration import CollaborationStats
from collabguard.report.charts import by_year_chart, top_countries_chart
from collabguard.report.html import _e
from collabguard.report.stats_text import quality_summary, works


def _inline_svg(data: bytes | None) -> str:
    if data is None:
        return ""
    text = data.decode("utf-8")
    return f'<figure class="chart">{text[text.index("<svg"):]}</figure>'


def render_context_html(stats: CollaborationStats, top: int = 12) -> str:
    q = stats.data_quality
    parts = [
        "<h2>Collaboration context <span class=\"small\">(publication data; context, not a rule finding)</span></h2>",
        f"<p>{_e(works(stats.works))} counted ({_e(stats.counting)} counting); shares are of {_e(stats.denominator)} "
        f"({stats.denominator_works}). Files: "
        + ", ".join(f"<code>{_e(p)}</code> ({_e(fmt)})" for p, fmt in stats.files.items()) + ".</p>",
        "<ul>",
    ]
    for p in stats.partners:
        parts.append(f"<li><strong>Partner institution {_e(p.name)}:</strong> {_e(works(p.works))}")
        if p.matched_affiliations:
            parts.append('<details><summary>addresses matched</summary><ul class="small">'
                         + "".join(f"<li>{_e(a)}</li>" for a in p.matched_affiliations) + "</ul></details>")
        parts.append("</li>")
    for c in stats.countries:
        fields = ", ".join(f"{f.field} ({f.works})" for f in c.top_fields[:5])
        parts.append(f"<li><strong>Partner country {_e(c.name)} ({_e(c.country)}):</strong> {_e(works(c.works))}, "
                     f"{c.share * 100:.1f}%; trend: {_e(c.trend)}{'; fields: ' + _e(fields) if fields else ''}</li>")
    parts.append("</ul>")
    if stats.listed:
        parts.append("<p><strong>Listed organisations among co-authors</strong> (a match is a lead for a person to "
                     "check):</p><ul>")
        for e in stats.listed:
            parts.append(f"<li>{_e(e.name)} <code>{_e(e.list_id)}</code> ({_e(e.country)}): {_e(works(e.works))}"
                         '<details><summary>addresses matched</summary><ul class="small">'
                         + "".join(f"<li>{_e(a)}</li>" for a in e.matched_affiliations) + "</ul></details></li>")
        parts.append("</ul>")
    elif stats.listed is not None:
        parts.append("<p>No address matches an organisation on the sensitivity lists checked.</p>")
    parts.append(_inline_svg(by_year_chart(stats)))
    parts.append(_inline_svg(top_countries_chart(stats, top)))
    parts.append("<table><tr><th>country</th><th>works</th><th>share</th></tr>")
    parts += [f"<tr><td>{_e(c.name)} ({_e(c.country)})</td><td>{c.works}</td><td>{c.share * 100:.1f}%</td></tr>"
              for c in stats.by_country[:top]]
    parts.append("</table>")
    parts.append(f'<p class="small">Data quality: {_e(quality_summary(q))}</p>')
    notes = q.warnings[:20] + [f"skipped: {s}" for s in q.skipped[:20]]
    if notes:
        parts.append('<ul class="small">' + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")
    return "\n".join(p for p in parts if p)
