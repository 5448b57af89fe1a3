"""Recognise a home institution's country from its name when the proposal leaves the country out
(``home: {name: NTNU}``): frameworks such as Norway's apply by the home institution's country.

The table (``home-institutions.csv``) is built from ROR records of education organisations in the
home countries (CC0; ``scripts/build_home_institutions.py``). A name counts only when it is, word
for word after normalisation, one organisation's name, label, alias or acronym, and every
organisation it names is in one country; anything else stays unknown (and the report says how to
fix it)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from collabguard.matching.normalize import tokens

TABLE = Path(__file__).with_name("home-institutions.csv")


@dataclass(frozen=True, slots=True)
class HomeInstitution:
    ror_id: str
    name: str
    country: str


@lru_cache(maxsize=1)
def _index() -> dict[tuple[str, ...], tuple[HomeInstitution, ...]]:
    index: dict[tuple[str, ...], list[HomeInstitution]] = {}
    with TABLE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            inst = HomeInstitution(row["ror_id"], row["name"], row["country"])
            names = [row["name"], *(n for n in row["other_names"].split("; ") if n)]
            for key in {tokens(n) for n in names}:
                if key:
                    index.setdefault(key, []).append(inst)
    return {k: tuple(v) for k, v in index.items()}


def recognise(name: str) -> tuple[HomeInstitution | None, tuple[HomeInstitution, ...]]:
    """The one institution ``name`` names (or None), and every candidate it could name."""
    found = _index().get(tokens(name), ())
    countries = {i.country for i in found}
    if len(countries) == 1:
        return found[0], found
    return None, found
