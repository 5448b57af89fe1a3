"""Match many names at once (``collabguard match NAMES``): one result row per input row, in order.

Rows stream through in chunks: each chunk's distinct names are matched (in worker processes with
``jobs`` > 1), its rows come out, and only a bounded cache of recent results is kept, so memory stays
flat however many names come in. Where the names come from: :mod:`collabguard.matching.names_input`.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from collabguard.countries import country_code
from collabguard.matching.matcher import Matcher

MAX_NAME = 10_000
MIN_PARALLEL = 500  # fewer distinct names are matched faster than processes start
CHUNK_ROWS = 2_000  # rows matched and written together
CACHE_NAMES = 20_000  # results of recent distinct names kept (a name repeated over a bibliography is matched once)


@dataclass(frozen=True)
class NameRow:
    row: int  # 1-based line/row number in the input, for messages
    name: str
    country: str | None
    note: str = ""
    skip: bool = False  # an error row: the name cannot be trusted (lost characters, unreadable line), so it is not matched


def lost_characters(name: str) -> bool:
    """A name whose letters were lost when the file was saved: runs of "?" (a spreadsheet saving
    Chinese, Cyrillic or Persian text as Windows-1252) or U+FFFD (bytes that were not text). The same
    rule as a batch file's names."""
    return "\ufffd" in name or "??" in name


def name_rows(names: Iterable[Any]) -> list[NameRow]:
    """Names given in code or over HTTP (strings, or objects with ``name`` and ``country``), numbered from 1."""
    return list(iter_name_rows(names))


def iter_name_rows(names: Iterable[Any]) -> Iterator[NameRow]:
    """:func:`name_rows` one at a time, as the names come in."""
    for n, item in enumerate(names, start=1):
        if isinstance(item, NameRow):
            yield item
        elif isinstance(item, str):
            yield check_row(n, item.strip(), "")
        else:
            yield check_row(n, str(item.name).strip(), (item.country or "").strip())


def check_row(n: int, name: str, raw_country: str, label: str = "") -> NameRow:
    """One input name checked: ``label`` names it in notes ("row 7", "line 3"; default "row N")."""
    label = label or f"row {n}"
    note = ""
    country = None
    if raw_country:
        country = country_code(raw_country)
        if country is None:
            note = f"{label}: unknown country {raw_country!r} ignored"
    if not name:
        return NameRow(n, name, country, f"{label}: empty name", skip=True)
    if lost_characters(name):
        return NameRow(n, name[:MAX_NAME], country, f"{label}: {name[:60]!r} has lost its characters (the file was saved "
                       "in an encoding that cannot hold them): not matched; save it as 'CSV UTF-8' and run again", skip=True)
    if len(name) > MAX_NAME:
        note = f"{label}: name longer than {MAX_NAME} characters, cut"
        name = name[:MAX_NAME]
    return NameRow(n, name, country, note)


def _results(matcher: Matcher, name: str, country: str | None, kind: str, lists: list[str] | None,
             explain: bool) -> list[dict[str, Any]]:
    """Every list's result for one name, as plain data (so worker processes can return it)."""
    results = matcher.results(name, country, kind=kind, lists=lists, explain=explain) if name else []
    return [
        _nothing(x.list_id) if x.best is None and x.rejected is None else {
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


_NOTHING: dict[str, dict[str, Any]] = {}


def _nothing(list_id: str) -> dict[str, Any]:
    """A list's result when it has no candidate and no near miss: one shared dict per list (most of a
    name's lists have nothing, and results are kept for thousands of names; rows get copies)."""
    found = _NOTHING.get(list_id)
    if found is None:
        found = _NOTHING[list_id] = {
            "list": list_id, "decision": "none", "entity_id": None, "entity_name": None, "score": None,
            "matched_name": None, "query_normalized": None, "reasons": [], "features": {}, "also_fits": [],
            "rejected": None, "_rank": None}
    return found


def _shared(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Results from a worker process with their empty entries made the shared ones again."""
    return [_nothing(x["list"]) if x == _nothing(x["list"]) else x for x in results]


_WORKER: dict[str, Any] = {}
Key = tuple[str, str | None]


def _work(key: Key) -> list[dict[str, Any]]:
    return _results(_WORKER["matcher"], key[0], key[1], _WORKER["kind"], _WORKER["lists"], _WORKER["explain"])


class _Workers:
    """Matches distinct names: in this process, or (``jobs`` > 1, enough names at once) in ``jobs``
    forked worker processes that share the built matcher (nothing is rebuilt or copied). The pool is
    started at the first chunk that needs it and kept for the rest; where processes cannot be forked
    (a daemon process, a sandbox), names are matched in this process."""

    def __init__(self, matcher: Matcher, kind: str, lists: list[str] | None, explain: bool, jobs: int) -> None:
        self.matcher, self.kind, self.lists, self.explain, self.jobs = matcher, kind, lists, explain, jobs
        self.pool: Any = None
        self.forkable = jobs > 1 and "fork" in mp.get_all_start_methods()

    def map(self, keys: list[Key]) -> list[list[dict[str, Any]]]:
        if self.forkable and len(keys) >= MIN_PARALLEL:
            done = self._parallel(keys)
            if done is not None:
                return done
        return [_results(self.matcher, name, country, self.kind, self.lists, self.explain) for name, country in keys]

    def _parallel(self, keys: list[Key]) -> list[list[dict[str, Any]]] | None:
        try:
            if self.pool is None:
                _WORKER.update(matcher=self.matcher, kind=self.kind, lists=self.lists, explain=self.explain)
                self.pool = mp.get_context("fork").Pool(self.jobs)
            result: list[list[dict[str, Any]]] = self.pool.map(
                _work, keys, chunksize=max(1, min(256, len(keys) // (self.jobs * 8))))
            return [_shared(x) for x in result]
        except (OSError, AssertionError):  # no processes here: match in this one from now on
            self.forkable = False
            self.close()
            return None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool = None
        _WORKER.clear()


def _out_row(r: NameRow, results: list[dict[str, Any]], fresh: bool) -> dict[str, Any]:
    hits = sorted((x for x in results if x["decision"] != "none"), key=lambda x: x["_rank"], reverse=True)
    top = hits[0] if hits else None
    return {
        "name": r.name,
        "country": r.country or "",
        "decision": top["decision"] if top else "none",
        "entity_id": top["entity_id"] if top else "",
        "entity_name": top["entity_name"] if top else "",
        "list": top["list"] if top else "",
        "score": top["score"] if top else None,
        "matched_name": top["matched_name"] if top else "",
        "lists_matched": "|".join(sorted({x["list"] for x in hits})),
        "status": "error" if r.skip else "ok",
        "note": r.note,
        # each row its own copy (``fresh``): rows that repeat a name share nothing a caller could change
        "results": [{k: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v)
                     for k, v in x.items() if k != "_rank"} for x in results] if fresh else results,
    }


def _key(r: NameRow) -> Key:
    return ("", None) if r.skip else (r.name, r.country)


def iter_match_rows(rows: Iterable[NameRow], matcher: Matcher, lists: list[str] | None = None,
                    kind: str = "organisation", explain: bool = True, jobs: int = 1,
                    fresh: bool = True) -> Iterator[dict[str, Any]]:
    """Per input row, as the rows come in: the strongest candidate, every list with a match or
    possible, and all per-list results (with ``explain``, also the nearest rejected candidate of each
    list). An error row (``skip``) comes out with no result and its note. ``fresh=False``: rows share
    their per-list results (which may carry a ``_rank`` key), for a caller that copies them anyway
    (the Screener builds models from them).

    Rows are taken ``CHUNK_ROWS`` at a time; a name and country that recur within the last
    ``CACHE_NAMES`` distinct names are matched once. With ``jobs`` > 1, a chunk's distinct names are
    matched in that many processes. Memory does not grow with the number of rows."""
    cache: OrderedDict[Key, list[dict[str, Any]]] = OrderedDict()
    workers = _Workers(matcher, kind, lists, explain, jobs)
    source = iter(rows)
    try:
        while chunk := list(islice(source, CHUNK_ROWS)):
            keys = [k for k in dict.fromkeys(map(_key, chunk)) if k not in cache]
            cache.update(zip(keys, workers.map(keys), strict=True))
            out = []
            for r in chunk:
                key = _key(r)
                cache.move_to_end(key)
                out.append(_out_row(r, cache[key], fresh))
            while len(cache) > CACHE_NAMES:
                cache.popitem(last=False)
            yield from out
    finally:
        workers.close()


def match_rows(rows: Iterable[NameRow], matcher: Matcher, lists: list[str] | None = None,
               kind: str = "organisation", explain: bool = True, jobs: int = 1) -> list[dict[str, Any]]:
    """:func:`iter_match_rows` as a list (every row held at once: for a few names, not for millions)."""
    return list(iter_match_rows(rows, matcher, lists, kind, explain, jobs))


CSV_COLUMNS = ["name", "country", "decision", "entity_id", "entity_name", "list", "score", "matched_name", "lists_matched",
               "status", "note"]
