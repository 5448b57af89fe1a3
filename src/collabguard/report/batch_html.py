"""One self-contained HTML page summarising a batch: the run's notes, counts per risk level and
recommendation, every screened proposal with the reason for its verdict (the deciding flag, or the
open question that makes it "needs review") and one line per entity it matched (name as written →
entity [lists]), the entities matched most often, and the rows that could not be screened. The page is
in the language of the batch's reports (``collabguard batch --lang nb``: Norwegian Bokmål), from
reference/report-text.yaml (``batch.*``); the run's own notes stay as the run wrote them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from html import escape
from typing import Any

from collabguard.models.report import Report
from collabguard.reference.report_text import text
from collabguard.report.escape import one_line
from collabguard.report.html import CSS
from collabguard.report.labels import entity_line, recommendation_text, severity_word

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


def _recommendation(rec: str, lang: str) -> str:
    return recommendation_text(rec, lang) if rec in VERDICTS else rec


def _level(level: str, lang: str) -> str:
    return severity_word(level, lang) if level in ORDER else level


def _row(r: dict[str, Any], rep: Report | None, common: Iterable[str] = (), lang: str = "en") -> str:
    """One proposal: who it is, the verdict, why, and each entity it matched on one line."""
    rec = r.get("recommendation") or ""
    if rep is not None:
        s = rep.summary
        why, matched = _e(s.reason), _lines(entity_line(m, lang=lang) for m in s.matches)
    else:  # a result without its report (read back from an older journal): the columns say it
        why, matched = _e(str(r.get("top_flags", "")).split(" | ")[0]), _e(r.get("matched_entities", ""))
    own = _own_notes(str(r.get("notes") or ""), common)
    notes = f'<br><span class="small">{_e(text("batch.note", lang, note=own))}</span>' if own else ""
    return (f"<tr><td>{_e(r['row'])}</td><td>{_e(r.get('id', ''))}</td>"
            f"<td>{_e(rep.title if rep is not None else r.get('title', ''))}</td>"
            f'<td><span class="sev {_e(r.get("risk_level", "none"))}">{_e(_level(r.get("risk_level", ""), lang))}</span></td>'
            f'<td class="rec {_e(rec)}">{_e(_recommendation(rec, lang))}</td>'
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


def render_batch_html(results: list[dict[str, Any]], source: str, notes: Iterable[str] = (), lang: str | None = None) -> str:
    """The summary page of a batch run; ``notes``: what the run said about its input (an unknown
    column, a file read as Windows-1252, a lock taken over …); ``lang``: the page's language (by
    default that of the reports, which the batch's --lang chose; English when there are none)."""
    ok = [r for r in results if r["status"] == "ok"]
    errors = [r for r in results if r["status"] != "ok"]
    levels = Counter(r["risk_level"] for r in ok)
    recs = Counter(r["recommendation"] for r in ok)
    reports = {r["row"]: Report.model_validate_json(r["report"]) for r in ok if r.get("report")}
    lang = lang or next((rep.language for rep in reports.values()), "en")
    parts = [
        "<!doctype html>", f'<html lang="{_e(lang)}"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{_e(text('batch.title', lang, source=source))}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(text('batch.heading', lang, source=source))}</h1>",
        f'<p class="meta">{_e(text("batch.meta", lang, rows=len(results), ok=len(ok), errors=len(errors)))}</p>',
    ]
    # a warning every screened row has (the same missing field, say) is said once, here
    common = sorted(set.intersection(*(set(rep.warnings) for rep in reports.values()))) if len(reports) > 1 else []
    said = [n for n in notes if n]
    run_notes = said + [text("batch.every_row", lang, note=w) for w in common]
    common += [n.split(": ", 1)[1] for n in said if ": " in n]  # a note on the run is not repeated on each row
    if run_notes:
        parts.append(f"<h2>{_e(text('batch.notes_heading', lang))}</h2><ul>" + "".join(f"<li><strong>{_e(n)}</strong></li>" for n in run_notes) + "</ul>")
    parts += [
        f"<h2>{_e(text('batch.levels_heading', lang))}</h2><table><tr>" + "".join(f"<th>{_e(_level(level, lang))}</th>" for level in ORDER)
        + "</tr><tr>"
        + "".join(f"<td>{levels.get(level, 0)}</td>" for level in ORDER) + "</tr></table>",
        f"<h2>{_e(text('batch.recommendations_heading', lang))}</h2><ul>" + "".join(
            f"<li>{_e(_recommendation(k, lang))}: {v}</li>" for k, v in sorted(recs.items(), key=lambda kv: -kv[1])) + "</ul>",
    ]
    ranked = sorted(ok, key=lambda r: (VERDICTS.index(r["recommendation"]) if r["recommendation"] in VERDICTS else len(VERDICTS),
                                       ORDER.index(r["risk_level"]) if r["risk_level"] in ORDER else len(ORDER), r["row"]))
    review = sum(r["recommendation"] in VERDICTS[:3] for r in ok)
    parts.append(f"<h2>{_e(text('batch.proposals_heading', lang, n=len(ok), review=review))}</h2>")
    columns = ("row", "id", "title", "risk", "recommendation", "why", "matched")
    parts.append("<table><tr>" + "".join(f"<th>{_e(text(f'batch.column.{c}', lang))}</th>" for c in columns) + "</tr>")
    parts += [_row(r, reports.get(r["row"]), common, lang) for r in ranked]
    parts.append("</table>")
    most = _most_matched(reports.values())
    if most:
        parts.append(f"<h2>{_e(text('batch.most_matched_heading', lang))}</h2><table><tr>"
                     f"<th>{_e(text('batch.column.entity', lang))}</th><th>{_e(text('batch.column.proposals', lang))}</th></tr>")
        parts += [f"<tr><td>{_e(name)}</td><td>{n}</td></tr>" for name, n in most]
        parts.append("</table>")
    if errors:
        parts.append(f"<h2>{_e(text('batch.errors_heading', lang, n=len(errors)))}</h2><ul>")
        parts += [f"<li>{_e(text('batch.error_row', lang, row=r['row']))}{': ' + _e(r['title']) if r.get('title') else ''} — {_e(_unlabelled(r))}"
                  f"{' (' + _e(r['notes']) + ')' if r.get('notes') else ''}</li>" for r in errors]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
