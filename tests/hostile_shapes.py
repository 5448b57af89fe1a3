"""Hypothesis strategies for the shapes of issue 19 (used by tests/test_properties.py): YAML nested in
block and flow style, numbers too long to read, a field of every export format given a value of the
wrong JSON type, and cells longer than the csv module reads.

Values are built as JSON *text* and put into a template in place of one field, so that a value can be
nested thousands deep or hold a 5,000-digit number (which ``json.dumps`` could not write).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

HOLE = '"__hole__"'

# ---- YAML nesting: block style outside (it cannot sit inside flow style), flow style inside


@dataclass(frozen=True)
class Nesting:
    levels: list[tuple[str, str]]  # (block|flow, seq|map) from the outside in

    @property
    def depth(self) -> int:
        """Levels below the document: the collections, and the scalar in the innermost."""
        return len(self.levels) + 1

    def yaml(self) -> str:
        block = [kind for style, kind in self.levels if style == "block"]
        flow = [kind for style, kind in self.levels if style == "flow"]
        inner = "x"
        for kind in reversed(flow):
            inner = f"[{inner}]" if kind == "seq" else f"{{k: {inner}}}"
        if not block:
            return f"title: Sonar\nabstract: {inner}\n"
        lines, indent = ["title: Sonar", "abstract:"], 1
        for kind in block:
            lines.append(" " * indent + ("-" if kind == "seq" else "k:"))
            indent += 2
        lines.append(" " * indent + inner)
        return "\n".join(lines) + "\n"


def _nesting(block: int, flow: int) -> st.SearchStrategy[Nesting]:
    kinds = st.sampled_from(["seq", "map"])
    return st.builds(lambda b, f: Nesting([("block", k) for k in b] + [("flow", k) for k in f]),
                     st.lists(kinds, min_size=block, max_size=block), st.lists(kinds, min_size=flow, max_size=flow))


nestings = st.one_of(
    st.tuples(st.integers(0, 80), st.integers(0, 80)).flatmap(lambda n: _nesting(*n)),  # around the 64-level limit
    st.tuples(st.integers(0, 2_000), st.integers(0, 10_000)).flatmap(lambda n: _nesting(*n)),  # far beyond it
)

# ---- JSON values of every type, including the hostile ones

_text_values = st.one_of(st.text(max_size=30), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
                         st.booleans(), st.none())
long_numbers = st.integers(4_301, 8_000).map(lambda n: "-" * (n % 2) + "9" * n)
json_values = st.one_of(
    _text_values.map(json.dumps),
    st.lists(_text_values, max_size=3).map(json.dumps),
    st.dictionaries(st.sampled_from(["display_name", "name", "x"]), _text_values, max_size=2).map(json.dumps),
    st.integers(1, 6_000).map(lambda n: "[" * n + "]" * n),  # nested: up to 6,000 deep
    long_numbers,
)


def kind_of(raw: str) -> str:
    """What JSON type ``raw`` holds, as the export readers name it."""
    if raw.startswith("[") or raw.startswith("{"):
        return "list" if raw.startswith("[") else "object"
    if raw.lstrip("-").isdigit() and len(raw.lstrip("-")) > 4_300:
        return "long number"
    value = json.loads(raw)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    return "text" if isinstance(value, str) else "number"


def with_hole(template: Any, path: tuple[str | int, ...]) -> str:
    """``template`` as JSON text with the value at ``path`` replaced by :data:`HOLE`."""
    data = json.loads(json.dumps(template))
    at = data
    for part in path[:-1]:
        at = at[part]
    at[path[-1]] = "__hole__"
    return json.dumps(data)


# ---- OpenAlex: every field collabguard reads, with the kinds it accepts there

OPENALEX_WORK: dict[str, Any] = {
    "id": "https://openalex.org/W1", "doi": "https://doi.org/10.1/x", "display_name": "Sonar arrays", "title": "Sonar arrays",
    "publication_year": 2024, "type": "article",
    "primary_topic": {"field": {"display_name": "Engineering"}, "subfield": {"display_name": "Ocean Engineering"}},
    "authorships": [{"institutions": [{"display_name": "NTNU", "country_code": "NO"}],
                     "raw_affiliation_strings": ["NTNU, Trondheim, Norway"], "countries": ["NO"]}],
}
TEXT = {"text", "number", "null"}
OPENALEX_FIELDS: dict[tuple[str | int, ...], set[str]] = {
    ("id",): TEXT, ("doi",): TEXT, ("display_name",): TEXT, ("title",): TEXT, ("type",): TEXT,
    ("publication_year",): {"text", "number", "null"},
    ("primary_topic",): {"object", "null"}, ("primary_topic", "field"): {"object", "null"},
    ("primary_topic", "field", "display_name"): TEXT, ("primary_topic", "subfield"): {"object", "null"},
    ("primary_topic", "subfield", "display_name"): TEXT,
    ("authorships",): {"list", "null"}, ("authorships", 0): {"object", "null"},
    ("authorships", 0, "institutions"): {"list", "null"}, ("authorships", 0, "institutions", 0): {"object", "null"},
    ("authorships", 0, "institutions", 0, "display_name"): TEXT,
    ("authorships", 0, "institutions", 0, "country_code"): TEXT,
    ("authorships", 0, "raw_affiliation_strings"): {"list", "null"}, ("authorships", 0, "raw_affiliation_strings", 0): TEXT,
    ("authorships", 0, "countries"): {"list", "null"}, ("authorships", 0, "countries", 0): TEXT,
}


def field_name(path: tuple[str | int, ...]) -> str:
    """``("authorships", 0, "institutions")`` → ``authorships[0].institutions``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# ---- the CSV exports: their header and one good row; a cell of any of their columns is replaced

CSV_EXPORTS: dict[str, tuple[str, list[str], str]] = {  # name: (header, good row, delimiter)
    "scopus": ("Authors,Title,Year,Source title,EID,Affiliations,Abstract",
               ["Nordmann K.", "Sonar arrays", "2024", "J", "2-s2.0-1", "NTNU, Trondheim, Norway", "An abstract"], ","),
    "wos-tab": ("PT\tAU\tTI\tPY\tUT\tC1\tAB", ["J", "Nordmann, K", "Sonar arrays", "2024", "WOS:1",
                                               "[Nordmann, K] NTNU, Trondheim, Norway", "An abstract"], "\t"),
    "openalex-csv": ("id,display_name,publication_year,type,authorships.countries,authorships.institutions.display_name",
                     ["https://openalex.org/W1", "Sonar arrays", "2024", "article", "NO|CN", "NTNU|Harbin Engineering University"], ","),
    "plain": ("id,year,title,countries,institutions", ["1", "2024", "Sonar arrays", "NO;CN", "NTNU;HEU"], ","),
}
cell_values = st.one_of(
    st.text(max_size=40),
    json_values,
    st.tuples(st.sampled_from(["x", "é", "大", ";", "|", " "]), st.integers(100_000, 1_100_000)).map(lambda t: t[0] * t[1]),
)


def csv_cell(value: str, delimiter: str) -> str:
    """A cell as an export writes it: quoted where it must be (tab-delimited WoS never quotes)."""
    if delimiter == "\t":
        return value.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    if any(c in value for c in (delimiter, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


# ---- proposals in JSON: every field, any JSON type

PROPOSAL: dict[str, Any] = {
    "id": "P-1", "title": "Sonar arrays", "activity": "research", "abstract": "Synthetic aperture sonar.", "keywords": ["sonar"],
    "home_institution": {"name": "NTNU", "country": "NO"},
    "partners": [{"name": "Harbin Engineering University", "country": "CN", "role": "partner", "type": "university"}],
    "personnel": [{"name": "Kari Nordmann", "role": "PI", "affiliations": [{"name": "NTNU", "country": "NO"}],
                   "talent_programmes": []}],
    "funding": [{"funder": "Research Council of Norway", "country": "NO", "amount": 1000, "currency": "NOK"}],
    "export_control": {"codes": ["6A001"]}, "data": {"personal_data": False}, "agreement": {"written": True},
    "travel": ["CN"], "start_date": "2026-01-01", "duration_months": 36, "frameworks": ["no-hkdir"], "strac": {"advances_stra": False},
}


def _paths(value: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _paths(item, prefix + (i,))
    return out


PROPOSAL_FIELDS = _paths(PROPOSAL)
