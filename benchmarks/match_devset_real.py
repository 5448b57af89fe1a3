"""Real strings for the dev and held-out sets: units of listed bodies, look-alikes, real typos.

Used by ``build_devset.py`` (not run on its own). Three sources, each row keeping where it came from:

- ``benchmarks/data/real_variants.csv``: strings written by hand from issue #15's examples and from
  public GitHub text (each with the corpus id it was found under), split into dev and held-out when
  they were collected, before any was measured;
- ROR records (``../shared/data/ror``, CC0): every record that is a unit of a listed body (see
  ``match_negatives.label_records``) and whose name holds the parent's listed name, kind ``part-ror``
  (expected: the parent); and records that are neither listed nor units, but name a unit ("Institute",
  "Hospital" …) and share two or more neighbouring words with a listed name, kind
  ``part-lookalike-ror`` (negatives: "Beijing University of Technology" next to Beijing Institute of
  Technology);
- one record in three (by a hash of its ROR id) goes to the held-out set, the rest to the dev set.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from match_negatives import identity_key, label_records, read_ror

from collabguard.lists.model import ListSet
from collabguard.matching.index import entity_forms
from collabguard.matching.parts import lexicon
from collabguard.matching.translate import script_of

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ROOT / "benchmarks" / "data" / "real_variants.csv"
Row = dict[str, str]


def _held_out(key: str) -> bool:
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % 3 == 0


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for n in (2, 3) for i in range(len(words) - n + 1)}


def real_rows(lists: ListSet, ror: Path) -> tuple[list[Row], list[Row]]:
    """(dev rows, held-out rows), in the dev set's columns (held-out kinds start with "heldout-")."""
    dev: list[Row] = []
    held: list[Row] = []

    def add(held_out: bool, query: str, country: str, kind: str, expected: str, source: str) -> None:
        row = {"query": query, "country": country, "kind": ("heldout-" + kind) if held_out else kind,
               "scope": "all", "expected": expected, "source": source}
        (held if held_out else dev).append(row)

    with open(VARIANTS, encoding="utf-8", newline="") as fh:
        for v in csv.DictReader(fh):
            add(v["split"] == "heldout", v["query"], v["country"], v["kind"], v["expected"], v["source"])
    if not ror.is_dir():
        return dev, held
    labels = label_records(lists, list(read_ror(ror)))
    listed_names: dict[str, list[list[str]]] = {}
    runs: set[tuple[str, ...]] = set()
    for e in lists.entities:
        if e.kind in ("institution", "company"):
            for form in entity_forms(e):
                if form.kind in ("name", "alias"):
                    words = identity_key(form.text, e.country)[0].split()
                    listed_names.setdefault(e.entity_id, []).append(words)
                    runs |= _runs(words)
    units = lexicon().units
    for r in sorted(labels.records, key=lambda r: r.ror_id):
        if r.ror_id in labels.listed or script_of(r.name) != "latin":
            continue
        words = identity_key(r.name, r.country)[0].split()
        source = f"ROR {r.ror_id} (CC0)"
        parents = sorted(labels.parents.get(r.ror_id, ()))
        if parents:
            named = [p for p in parents if any(
                n and any(words[i:i + len(n)] == n for i in range(len(words) - len(n) + 1)) for n in listed_names.get(p, ()))]
            if named:
                add(_held_out(r.ror_id), r.name, r.country, "part-ror", named[0], source)
        elif any(w in units for w in words) and _runs(words) & runs:
            add(_held_out(r.ror_id), r.name, r.country, "part-lookalike-ror", "", source)
    return dev, held
