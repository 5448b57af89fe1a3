"""Match many names at once (``collabguard match NAMES``): one result row per input row, in order."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from collabguard.countries import country_code
from collabguard.errors import InputError
from collabguard.io.yaml_loader import read_text
from collabguard.matching.matcher import Matcher

MAX_NAME = 10_000


@dataclass(frozen=True)
class NameRow:
    row: int  # 1-based line/row number in the input, for messages
    name: str
    country: str | None
    note: str = ""


def read_names_csv(path: Path) -> list[NameRow]:
    """A CSV with a ``name`` column and an optional ``country`` column (names matched case-insensitively).
    Cells are read as text: a country code ``NA`` (Namibia) is not a missing value."""
    text = read_text(path, "names file")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None) or []
    lower = [h.strip().lower() for h in header]
    if "name" not in lower:
        raise InputError(f"{path}:1: no 'name' column (columns: {', '.join(header) or 'none'})")
    i_name = lower.index("name")
    i_country = lower.index("country") if "country" in lower else None
    rows = []
    for n, cells in enumerate(reader, start=2):
        name = cells[i_name].strip() if i_name < len(cells) else ""
        raw_country = cells[i_country].strip() if i_country is not None and i_country < len(cells) else ""
        rows.append(_row(n, name, raw_country))
    return rows


def read_names_lines(text: str) -> list[NameRow]:
    """One name per line (from standard input); an optional country after a tab."""
    rows = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, _, country = line.partition("\t")
        rows.append(_row(n, name.strip(), country.strip()))
    return rows


def _row(n: int, name: str, raw_country: str) -> NameRow:
    note = ""
    country = None
    if raw_country:
        country = country_code(raw_country)
        if country is None:
            note = f"row {n}: unknown country {raw_country!r} ignored"
    if not name:
        note = f"row {n}: empty name"
    elif len(name) > MAX_NAME:
        note = f"row {n}: name longer than {MAX_NAME} characters, cut"
        name = name[:MAX_NAME]
    return NameRow(n, name, country, note)


def match_rows(rows: Iterable[NameRow], matcher: Matcher, lists: list[str] | None = None,
               kind: str = "organisation", explain: bool = True) -> list[dict[str, Any]]:
    """Per input row: the strongest candidate, every list with a match or possible, and all per-list
    results (with ``explain``, also the nearest rejected candidate of each list)."""
    out: list[dict[str, Any]] = []
    for r in rows:
        results = matcher.results(r.name, r.country, kind=kind, lists=lists, explain=explain) if r.name else []
        hits = sorted((x.best for x in results if x.best is not None and x.best.decision != "none"),
                      key=lambda c: c.sort_key(), reverse=True)
        top = hits[0] if hits else None
        out.append({
            "name": r.name,
            "country": r.country or "",
            "decision": top.decision if top else "none",
            "entity_id": top.entity.entity_id if top else "",
            "entity_name": top.entity.name if top else "",
            "list": top.entity.list_id if top else "",
            "score": top.score if top else "",
            "matched_name": top.form.text if top else "",
            "lists_matched": "|".join(sorted({c.entity.list_id for c in hits})),
            "note": r.note,
            "results": [
                {
                    "list": x.list_id,
                    "decision": x.best.decision if x.best else "none",
                    "entity_id": x.best.entity.entity_id if x.best else None,
                    "entity_name": x.best.entity.name if x.best else None,
                    "score": x.best.score if x.best else None,
                    "matched_name": x.best.form.text if x.best else None,
                    "query_normalized": x.best.query_normalized if x.best else None,
                    "reasons": x.best.reasons if x.best else [],
                    "features": x.best.features if x.best else {},
                    "also_fits": [{"entity_id": e.entity_id, "entity_name": e.name} for e in x.best.also] if x.best else [],
                    "rejected": ({"entity_id": x.rejected.entity.entity_id, "entity_name": x.rejected.entity.name,
                                  "score": x.rejected.score, "why": x.rejected.why} if x.rejected else None),
                }
                for x in results
            ],
        })
    return out


CSV_COLUMNS = ["name", "country", "decision", "entity_id", "entity_name", "list", "score", "matched_name", "lists_matched", "note"]
