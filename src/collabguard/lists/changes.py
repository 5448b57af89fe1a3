"""What changed between two editions of a list, and which stored screenings a new edition affects."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from collabguard.errors import InputError
from collabguard.io.csv_rows import DictRows
from collabguard.io.yaml_loader import read_text
from collabguard.matching.normalize import normalize


@dataclass(frozen=True)
class ListChange:
    change: str  # added | removed | renamed | changed (country or aliases) | rating (the list's own rating)
    entity_id: str
    name: str
    country: str
    old_name: str = ""  # renamed: the old name; changed: the old country and aliases; rating: the old rating
    rating: str = ""  # rating: the new rating ("unrated" for none)


def _read(path: Path) -> dict[str, dict[str, str]]:
    # cells up to the product's cell limit, a longer one is one error naming the line (not csv's 131,072)
    reader = DictRows(io.StringIO(read_text(path, "list file"), newline=""), str(path))
    missing = [c for c in ("entity_id", "name", "country") if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"{path}:1: missing column(s) {', '.join(missing)}: not a list in collabguard's list schema")
    out: dict[str, dict[str, str]] = {}
    for raw in reader:
        r = {k: v or "" for k, v in raw.items() if isinstance(k, str)}
        if r["entity_id"] in out:
            raise InputError(f"{path}:{reader.line_num}: entity_id: duplicate {r['entity_id']!r}")
        if r.get("entity_id"):
            out[r["entity_id"]] = r
    return out


def _rating(row: dict[str, str]) -> str:
    return (row.get("risk_level") or "").strip() or "unrated"


def diff_lists(old: Path, new: Path) -> list[ListChange]:
    """Entries added, removed, renamed, changed (country, aliases) or re-rated between two list CSVs
    (matched by entity_id, then by name and country, so a changed id with the same name is not reported
    as a removal and an addition; ASPI "very high" → "low" is a rating change)."""
    a, b = _read(old), _read(new)
    by_name_old = {(normalize(r["name"]), r.get("country", "")): k for k, r in a.items()}
    by_name_new = {(normalize(r["name"]), r.get("country", "")): k for k, r in b.items()}
    out: list[ListChange] = []
    for k, r in sorted(b.items()):
        old_key = k if k in a else by_name_old.get((normalize(r["name"]), r.get("country", "")))
        if old_key is not None and _rating(a[old_key]) != _rating(r):
            out.append(ListChange("rating", k, r["name"], r.get("country", ""), _rating(a[old_key]), _rating(r)))
        if k in a:
            if normalize(a[k]["name"]) != normalize(r["name"]):
                out.append(ListChange("renamed", k, r["name"], r.get("country", ""), a[k]["name"]))
            elif (a[k].get("country", ""), a[k].get("aliases", "")) != (r.get("country", ""), r.get("aliases", "")):
                out.append(ListChange("changed", k, r["name"], r.get("country", ""),
                                      f"country {a[k].get('country', '')}, aliases {a[k].get('aliases', '') or '—'}"))
        elif old_key is None:
            out.append(ListChange("added", k, r["name"], r.get("country", "")))
    for k, r in sorted(a.items()):
        if k not in b and (normalize(r["name"]), r.get("country", "")) not in by_name_new:
            out.append(ListChange("removed", k, r["name"], r.get("country", "")))
    return out
