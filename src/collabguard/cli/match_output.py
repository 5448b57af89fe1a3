"""How `collabguard match` and `lists search` write their results: text, CSV or JSON, piece by piece
as the results stream in, so that millions of rows are never held at once."""

from __future__ import annotations

import itertools
import json
import textwrap
from collections.abc import Iterable, Iterator
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collabguard.models.usecases import NameMatch


class MatchFormat(str, Enum):
    text = "text"
    csv = "csv"
    json = "json"


def _text(rows: list[dict[str, Any]]) -> str:
    out = []
    for r in rows:
        head = f"{r['name']}" + (f" ({r['country']})" if r["country"] else "")
        if r.get("status") == "error":
            out.append(f"{head}: error: {r['note']}")
            continue
        if r["decision"] == "none":
            out.append(f"{head}: no match on any list")
        else:
            out.append(f"{head}: {r['decision']} — {r['entity_name']} [{r['list']}] score {r['score']}; lists: {r['lists_matched']}")
        for x in r["results"]:
            if x["decision"] != "none":
                out.append(f"    {x['list']:13} {x['decision']:9} {x['score']:>3}  {x['entity_name']}  ({'; '.join(x['reasons'])})")
            elif x["rejected"]:
                rj = x["rejected"]
                out.append(f"    {x['list']:13} {'none':9} {rj['score']:>3}  nearest: {rj['entity_name']}, rejected: {rj['why']}")
        if r["note"]:
            out.append(f"    note: {r['note']}")
    return "\n".join(out) + "\n" if out else ""


def render_rows(rows: list[dict[str, Any]], fmt: MatchFormat) -> str:
    from collabguard.io.tables import csv_text
    from collabguard.matching.batch import CSV_COLUMNS

    if fmt is MatchFormat.csv:
        return csv_text(CSV_COLUMNS, rows)
    if fmt is MatchFormat.json:
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    return _text(rows)


PIECE_ROWS = 1_000  # rows rendered and written together


def render_stream(results: Iterable[NameMatch], fmt: MatchFormat) -> Iterator[str]:
    """:func:`render_rows` piece by piece, as the results come: the same text, whatever the number of rows.
    Nothing is given before the first result (an input refused at its start leaves no partial output)."""
    from collabguard.io.tables import csv_text
    from collabguard.matching.batch import CSV_COLUMNS

    first = True
    source = iter(results)
    while True:
        rows = [r.model_dump(mode="json", exclude={"row"}) for r in itertools.islice(source, PIECE_ROWS)]
        last = len(rows) < PIECE_ROWS
        if fmt is MatchFormat.csv:
            text = csv_text(CSV_COLUMNS, rows)
            yield text if first else text.split("\n", 1)[1]
        elif fmt is MatchFormat.json:
            items = ",\n".join(textwrap.indent(json.dumps(r, indent=2, ensure_ascii=False), "  ") for r in rows)
            opening = "[\n" if first else (",\n" if items else "")
            yield ("[]\n" if first and not rows else opening + items + ("\n]\n" if last else ""))
        else:
            yield _text(rows)
        first = False
        if last:
            return


class ErrorRows:
    """The results passed through, with the error rows counted (the first few kept, to be named)."""

    SHOWN = 3

    def __init__(self, results: Iterable[NameMatch]) -> None:
        self.results = results
        self.count = 0
        self.first: list[str] = []

    def __iter__(self) -> Iterator[NameMatch]:
        for r in self.results:
            if r.status == "error":
                self.count += 1
                if len(self.first) < self.SHOWN:
                    self.first.append(r.note)
            yield r

    def summary(self) -> list[str]:
        if not self.count:
            return []
        more = f" … and {self.count - self.SHOWN:,} more" if self.count > self.SHOWN else ""
        return [f"{self.count:,} row{'s' if self.count != 1 else ''} not matched (status 'error' in the output): "
                + "; ".join(self.first) + more]
