"""What changed between two editions of a list, and which stored screenings a new edition affects."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from collabguard.io.yaml_loader import read_text
from collabguard.matching.normalize import normalize


@dataclass(frozen=True)
class ListChange:
    change: str  # added | removed | renamed
    entity_id: str
    name: str
    country: str
    old_name: str = ""


def _read(path: Path) -> dict[str, dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(read_text(path, "list file"))))
    return {r["entity_id"]: r for r in rows if r.get("entity_id")}


def diff_lists(old: Path, new: Path) -> list[ListChange]:
    """Entries added, removed or renamed between two list CSVs (matched by entity_id, then by name
    and country, so a changed id with the same name is not reported as a removal and an addition)."""
    a, b = _read(old), _read(new)
    by_name_old = {(normalize(r["name"]), r.get("country", "")): k for k, r in a.items()}
    by_name_new = {(normalize(r["name"]), r.get("country", "")): k for k, r in b.items()}
    out: list[ListChange] = []
    for k, r in sorted(b.items()):
        if k in a:
            if normalize(a[k]["name"]) != normalize(r["name"]):
                out.append(ListChange("renamed", k, r["name"], r.get("country", ""), a[k]["name"]))
        elif (normalize(r["name"]), r.get("country", "")) not in by_name_old:
            out.append(ListChange("added", k, r["name"], r.get("country", "")))
    for k, r in sorted(a.items()):
        if k not in b and (normalize(r["name"]), r.get("country", "")) not in by_name_new:
            out.append(ListChange("removed", k, r["name"], r.get("country", "")))
    return out
