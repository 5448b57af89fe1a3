"""Match many names at once (``collabguard match NAMES``): one result row per input row, in order."""

from __future__ import annotations

import io
import multiprocessing as mp
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from collabguard.countries import country_code
from collabguard.errors import InputError
from collabguard.io.csv_rows import Rows
from collabguard.io.yaml_loader import read_text
from collabguard.matching.matcher import Matcher

MAX_NAME = 10_000
MIN_PARALLEL = 500  # fewer distinct names are matched faster than processes start


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
    reader = Rows(io.StringIO(text), str(path))  # cells up to COLLABGUARD_MAX_CELL_CHARS; CSV problems name the line
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


def name_rows(names: Iterable[Any]) -> list[NameRow]:
    """Names given in code or over HTTP (strings, or objects with ``name`` and ``country``), numbered from 1."""
    rows = []
    for n, item in enumerate(names, start=1):
        if isinstance(item, NameRow):
            rows.append(item)
        elif isinstance(item, str):
            rows.append(_row(n, item.strip(), ""))
        else:
            rows.append(_row(n, str(item.name).strip(), (item.country or "").strip()))
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


def _results(matcher: Matcher, name: str, country: str | None, kind: str, lists: list[str] | None,
             explain: bool) -> list[dict[str, Any]]:
    """Every list's result for one name, as plain data (so worker processes can return it)."""
    results = matcher.results(name, country, kind=kind, lists=lists, explain=explain) if name else []
    return [
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
            "_rank": list(x.best.sort_key()) if x.best else None,
        }
        for x in results
    ]


_WORKER: dict[str, Any] = {}


def _work(key: tuple[str, str | None]) -> list[dict[str, Any]]:
    return _results(_WORKER["matcher"], key[0], key[1], _WORKER["kind"], _WORKER["lists"], _WORKER["explain"])


def _parallel(keys: list[tuple[str, str | None]], matcher: Matcher, kind: str, lists: list[str] | None, explain: bool,
              jobs: int) -> list[list[dict[str, Any]]] | None:
    """Match in ``jobs`` worker processes that share the built matcher (forked: nothing is rebuilt
    or copied); None where processes cannot be forked (the caller matches in this process)."""
    if "fork" not in mp.get_all_start_methods():
        return None
    _WORKER.update(matcher=matcher, kind=kind, lists=lists, explain=explain)
    try:
        with mp.get_context("fork").Pool(jobs) as pool:
            return pool.map(_work, keys, chunksize=max(1, min(256, len(keys) // (jobs * 8))))
    except (OSError, AssertionError):  # no processes here (a daemon process, a sandbox): match in this one
        return None
    finally:
        _WORKER.clear()


def match_rows(rows: Iterable[NameRow], matcher: Matcher, lists: list[str] | None = None,
               kind: str = "organisation", explain: bool = True, jobs: int = 1) -> list[dict[str, Any]]:
    """Per input row: the strongest candidate, every list with a match or possible, and all per-list
    results (with ``explain``, also the nearest rejected candidate of each list).

    A name and country that recur (an affiliation repeated over a bibliography) are matched once.
    With ``jobs`` > 1 and enough distinct names, they are matched in that many processes."""
    rows = list(rows)
    keys = list(dict.fromkeys((r.name, r.country) for r in rows))
    done = None
    if jobs > 1 and len(keys) >= MIN_PARALLEL:
        done = _parallel(keys, matcher, kind, lists, explain, jobs)
    if done is None:
        done = [_results(matcher, name, country, kind, lists, explain) for name, country in keys]
    by_key = dict(zip(keys, done, strict=True))
    out: list[dict[str, Any]] = []
    for r in rows:
        results = by_key[(r.name, r.country)]
        hits = sorted((x for x in results if x["decision"] != "none"), key=lambda x: x["_rank"], reverse=True)
        top = hits[0] if hits else None
        out.append({
            "name": r.name,
            "country": r.country or "",
            "decision": top["decision"] if top else "none",
            "entity_id": top["entity_id"] if top else "",
            "entity_name": top["entity_name"] if top else "",
            "list": top["list"] if top else "",
            "score": top["score"] if top else None,
            "matched_name": top["matched_name"] if top else "",
            "lists_matched": "|".join(sorted({x["list"] for x in hits})),
            "note": r.note,
            # each row its own copy: rows that repeat a name share nothing a caller could change
            "results": [{k: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v)
                         for k, v in x.items() if k != "_rank"} for x in results],
        })
    return out


CSV_COLUMNS = ["name", "country", "decision", "entity_id", "entity_name", "list", "score", "matched_name", "lists_matched", "note"]
