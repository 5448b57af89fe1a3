"""One self-contained HTML page summarising a batch: the run's notes, counts per risk level and
recommendation, every screened proposal with the reason for its verdict (the deciding flag, or the
open question that makes it "needs review") and one line per entity it matched (name as written →
entity [lists]), the entities matched most often, and the rows that could not be screened."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from html import escape
from typing import Any

from collabguard.models.report import Report
from collabguard.report.escape import one_line
from collabguard.report.html import CSS
from collabguard.report.labels import RECOMMENDATION_TEXT, entity_line

ORDER = ["critical", "high", "medium", "low", "info", "none"]
VERDICTS = ["do_not_proceed", "escalate", "needs_review", "proceed_with_mitigations", "proceed"]
MOST_MATCHED = 20


def _e(text: object) -> str:
    return escape(one_line(text), quote=True)


def _lines(items: Iterable[str]) -> str:
    return "<br>".join(_e(i) for i in items)


def _own_notes(notes: str, common: Iterable[str]) -> str:
    """A row's notes without those every row has (shown once, as notes on the run)."""
    for note in common:
        notes = notes.replace(note, "")
    return re.sub(r"(?:;\s*)+", "; ", notes).strip("; ")


def _row(r: dict[str, Any], rep: Report | None, common: Iterable[str] = ()) -> str:
    """One proposal: who it is, the verdict, why, and each entity it matched on one line."""
    rec = r.get("recommendation") or ""
    if rep is not None:
        s = rep.summary
        why, matched = _e(s.reason), _lines(entity_line(m) for m in s.matches)
    else:  # a result without its report (read back from an older journal): the columns say it
        why, matched = _e(str(r.get("top_flags", "")).split(" | ")[0]), _e(r.get("matched_entities", ""))
    own = _own_notes(str(r.get("notes") or ""), common)
    notes = f'<br><span class="small">note: {_e(own)}</span>' if own else ""
    return (f"<tr><td>{_e(r['row'])}</td><td>{_e(r.get('id', ''))}</td>"
            f"<td>{_e(rep.title if rep is not None else r.get('title', ''))}</td>"
            f'<td><span class="sev {_e(r.get("risk_level", "none"))}">{_e(r.get("risk_level", ""))}</span></td>'
            f'<td class="rec {_e(rec)}">{_e(RECOMMENDATION_TEXT.get(rec, rec))}</td>'
            f'<td class="small">{why}{notes}</td><td class="small">{matched}</td></tr>')


def _most_matched(reports: Iterable[Report]) -> list[tuple[str, int]]:
    """'Harbin Engineering University [us-bis-entity, ca-nro]': one line per entity, with every list that
    names it, and the number of proposals that matched it (once per proposal)."""
    names: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    count: Counter[str] = Counter()
    for report in reports:
        seen = set()
        for m in report.summary.matches:
            if m.decision != "match":
                continue
            key = m.entity.casefold()
            names.setdefault(key, m.entity)
            known = lists.setdefault(key, [])
            known += [x.id for x in m.lists if x.id not in known]
            seen.add(key)
        count.update(seen)
    return [(f"{names[k]} [{', '.join(lists[k])}]", n) for k, n in count.most_common(MOST_MATCHED)]


def _unlabelled(r: dict[str, Any]) -> str:
    """A row's error without the "row 7: " (or "line 7: ") it starts with: the list names the row already."""
    error = str(r.get("error", ""))
    for label in (f"row {r['row']}: ", f"line {r['row']}: "):
        error = error.removeprefix(label)
    return error


def render_batch_html(results: list[dict[str, Any]], source: str, notes: Iterable[str] = ()) -> str:
    """The summary page of a batch run; ``notes``: what the run said about its input (an unknown
    column, a file read as Windows-1252, a lock taken over …)."""
    ok = [r for r in results if r["status"] == "ok"]
    errors = [r for r in results if r["status"] != "ok"]
    levels = Counter(r["risk_level"] for r in ok)
    recs = Counter(r["recommendation"] for r in ok)
    reports = {r["row"]: Report.model_validate_json(r["report"]) for r in ok if r.get("report")}
    parts = [
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>collabguard batch: {_e(source)}</title><style>{CSS}</style></head><body>",
        f"<h1>Batch screening: {_e(source)}</h1>",
        f'<p class="meta">{len(results)} rows · {len(ok)} screened · {len(errors)} with errors</p>',
    ]
    # a warning every screened row has (the same missing field, say) is said once, here
    common = sorted(set.intersection(*(set(rep.warnings) for rep in reports.values()))) if len(reports) > 1 else []
    said = [n for n in notes if n]
    run_notes = said + [f"every row: {w}" for w in common]
    common += [n.split(": ", 1)[1] for n in said if ": " in n]  # a note on the run is not repeated on each row
    if run_notes:
        parts.append("<h2>Notes on this run</h2><ul>" + "".join(f"<li><strong>{_e(n)}</strong></li>" for n in run_notes) + "</ul>")
    parts += [
        "<h2>Risk levels</h2><table><tr>" + "".join(f"<th>{_e(level)}</th>" for level in ORDER) + "</tr><tr>"
        + "".join(f"<td>{levels.get(level, 0)}</td>" for level in ORDER) + "</tr></table>",
        "<h2>Recommendations</h2><ul>" + "".join(
            f"<li>{_e(RECOMMENDATION_TEXT.get(k, k))}: {v}</li>" for k, v in sorted(recs.items(), key=lambda kv: -kv[1])) + "</ul>",
    ]
    ranked = sorted(ok, key=lambda r: (VERDICTS.index(r["recommendation"]) if r["recommendation"] in VERDICTS else len(VERDICTS),
                                       ORDER.index(r["risk_level"]) if r["risk_level"] in ORDER else len(ORDER), r["row"]))
    review = sum(r["recommendation"] in VERDICTS[:3] for r in ok)
    parts.append(f"<h2>Proposals ({len(ok)}; {review} to review first)</h2>")
    parts.append("<table><tr><th>row</th><th>id</th><th>title</th><th>risk</th><th>recommendation</th>"
                 "<th>why (the deciding flag or open question)</th><th>matched (as written → entity [lists])</th></tr>")
    parts += [_row(r, reports.get(r["row"]), common) for r in ranked]
    parts.append("</table>")
    most = _most_matched(reports.values())
    if most:
        parts.append("<h2>Entities matched most often</h2><table><tr><th>entity [lists that name it]</th><th>proposals</th></tr>")
        parts += [f"<tr><td>{_e(name)}</td><td>{n}</td></tr>" for name, n in most]
        parts.append("</table>")
    if errors:
        parts.append(f"<h2>Rows that could not be screened ({len(errors)})</h2><ul>")
        parts += [f"<li>row {_e(r['row'])}{': ' + _e(r['title']) if r.get('title') else ''} — {_e(_unlabelled(r))}"
                  f"{' (' + _e(r['notes']) + ')' if r.get('notes') else ''}</li>" for r in errors]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
