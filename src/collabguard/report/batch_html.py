"""One self-contained HTML page summarising a batch: counts per risk level and recommendation, the
flagged proposals with their evidence, and the list entries matched most often."""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any

from collabguard.models.report import Report
from collabguard.report.escape import one_line
from collabguard.report.html import CSS
from collabguard.report.labels import RECOMMENDATION_TEXT

ORDER = ["critical", "high", "medium", "low", "info", "none"]


def _e(text: object) -> str:
    return escape(one_line(text), quote=True)


def render_batch_html(results: list[dict[str, Any]], source: str) -> str:
    ok = [r for r in results if r["status"] == "ok"]
    errors = [r for r in results if r["status"] != "ok"]
    levels = Counter(r["risk_level"] for r in ok)
    recs = Counter(r["recommendation"] for r in ok)
    reports = {r["row"]: Report.model_validate_json(r["report"]) for r in ok if r.get("report")}
    entities: Counter[str] = Counter()
    for report in reports.values():  # one count per proposal, however many rules cite the entry
        entities.update({f"{m.entity_name} [{m.list}]" for f in report.flags for m in f.evidence.matches
                         if m.decision == "match"})
    parts = [
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>collabguard batch: {_e(source)}</title><style>{CSS}</style></head><body>",
        f"<h1>Batch screening: {_e(source)}</h1>",
        f'<p class="meta">{len(results)} rows · {len(ok)} screened · {len(errors)} with errors</p>',
        "<h2>Risk levels</h2><table><tr>" + "".join(f"<th>{_e(level)}</th>" for level in ORDER) + "</tr><tr>"
        + "".join(f"<td>{levels.get(level, 0)}</td>" for level in ORDER) + "</tr></table>",
        "<h2>Recommendations</h2><ul>" + "".join(
            f"<li>{_e(RECOMMENDATION_TEXT[k])}: {v}</li>" for k, v in sorted(recs.items(), key=lambda kv: -kv[1])) + "</ul>",
    ]
    flagged = [r for r in ok if r["recommendation"] in ("do_not_proceed", "escalate", "needs_review")]
    flagged.sort(key=lambda r: (ORDER.index(r["risk_level"]), r["row"]))
    parts.append(f"<h2>Proposals to review ({len(flagged)})</h2>")
    parts.append("<table><tr><th>row</th><th>id</th><th>title</th><th>risk</th><th>recommendation</th><th>evidence</th></tr>")
    for r in flagged:
        rep = reports.get(r["row"])
        ev = "<br>".join(_e(f"{f.rule_id}: {m.partner} → {m.entity_name} [{m.list}, {m.decision}]")
                         for f in (rep.flags if rep else []) for m in f.evidence.matches) or _e(r["top_flags"])
        parts.append(f"<tr><td>{_e(r['row'])}</td><td>{_e(r['id'])}</td><td>{_e(rep.title if rep else r['id'])}</td>"
                     f'<td><span class="sev {_e(r["risk_level"])}">{_e(r["risk_level"])}</span></td>'
                     f"<td>{_e(RECOMMENDATION_TEXT[r['recommendation']])}</td><td class=\"small\">{ev}</td></tr>")
    parts.append("</table>")
    if entities:
        parts.append("<h2>List entries matched most often</h2><table><tr><th>entry</th><th>proposals</th></tr>")
        parts += [f"<tr><td>{_e(name)}</td><td>{n}</td></tr>" for name, n in entities.most_common(20)]
        parts.append("</table>")
    if errors:
        parts.append(f"<h2>Rows that could not be screened ({len(errors)})</h2><ul>")
        parts += [f"<li>row {_e(r['row'])}: {_e(r['error'])}</li>" for r in errors]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
