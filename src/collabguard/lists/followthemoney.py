"""FollowTheMoney, the data model of OpenSanctions' exports, as collabguard's importers read it: which
schema is an organisation or a person, country and territory codes, multi-value cells, topic labels.

The vocabulary (schemata, property names, topic labels) is in ``reference/followthemoney.yaml`` with
its source; this module applies it. Both OpenSanctions formats use it: ``targets.simple.csv``
(:mod:`collabguard.lists.import_opensanctions`) and ``entities.ftm.json``
(:mod:`collabguard.lists.import_ftm`).

A ``Person`` is a person. A ``LegalEntity`` (FtM's "the source does not say") is a person only on
evidence in the data: a property only people have (a birth date, a nationality …) or a topic only
people carry (``role.pep`` …); else an organisation. The name rule of
:mod:`collabguard.lists.entity_kind` is not used here: it reads "Almaz Antey" or "Al Qaida" as
personal names, and an organisation read as a person would leave the screening.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from collabguard.countries import country_code

VOCABULARY_FILE = Path(__file__).resolve().parent.parent / "reference" / "followthemoney.yaml"
DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")  # FtM dates are ISO prefixes: 2014, 2014-05, 2014-05-12


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """The FtM vocabulary of ``reference/followthemoney.yaml``."""
    from collabguard.io.yaml_loader import load_yaml

    data = load_yaml(VOCABULARY_FILE, "FollowTheMoney vocabulary").data
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=1)
def _sets() -> tuple[frozenset[str], frozenset[str], frozenset[str], str]:
    v = vocabulary()
    return (frozenset(v.get("organisation_schemata") or ()), frozenset(v.get("person_schemata") or ()),
            frozenset(v.get("person_properties") or ()), str(v.get("person_topic_prefix") or "role."))


@lru_cache(maxsize=4096)
def ftm_country(code: str) -> str:
    """A FollowTheMoney territory code as an ISO 3166 country: ``cn`` → CN, a subdivision such as
    ``ua-cri`` (Crimea) or ``gb-sct`` (Scotland) → its country (UA, GB, as ISO 3166-2 has them); a code
    of a state that no longer exists (``suhh``, ``yucs``, ``zr``) → "" (country not known), never a
    refused file."""
    base = code.strip().split("-", 1)[0].upper()
    return base if len(base) == 2 and country_code(base) == base else ""


def countries(codes: Iterable[str]) -> list[str]:
    """The ISO countries of FtM codes, each once, in order; unknown codes left out."""
    return list(dict.fromkeys(c for c in (ftm_country(code) for code in codes) if c))


def split_cell(text: str | None) -> list[str]:
    """The values of a ``targets.simple.csv`` multi-value cell: joined with ``;``, and a value holding
    ``;`` or a double quote is quoted CSV-style (the name LLC "Inter Tobacco" is written with its
    quotes doubled, inside quotes), as OpenSanctions' exporter writes it."""
    if not text or not text.strip():
        return []
    if '"' not in text:
        return [v.strip() for v in text.split(";") if v.strip()]
    try:
        values = next(csv.reader([text], delimiter=";", quotechar='"', doublequote=True, strict=True), [])
    except csv.Error:  # not quoted as the exporter quotes: read the text as it stands
        values = text.split(";")
    return [v.strip() for v in values if v.strip()]


def kind_of(schema: str, person_evidence: bool) -> str:
    """``person``, ``organisation``, or "" for a schema that is neither (a vessel, an aircraft, a
    sanction or an address record)."""
    organisations, persons, _, _ = _sets()
    if schema in persons:
        return "person"
    if schema not in organisations:
        return ""
    undecided = str(vocabulary().get("undecided_schema") or "LegalEntity")
    return "person" if schema == undecided and person_evidence else "organisation"


def has_person_evidence(properties: Mapping[str, Any], topics: Iterable[str]) -> bool:
    """Does an entity carry a property only people have, or a topic only people carry?"""
    _, _, person_properties, prefix = _sets()
    return any(properties.get(p) for p in person_properties) or any(t.startswith(prefix) for t in topics)


def topic_labels(topics: Iterable[str]) -> list[str]:
    """Topics in words ("export.control" → "Export controlled"); an unknown topic as written."""
    labels: dict[str, str] = vocabulary().get("topics") or {}
    return list(dict.fromkeys(labels.get(t, t) for t in topics if t))


def iso_date(text: str | None) -> str:
    """An FtM date or timestamp as an ISO date prefix (``2024-04-20T00:00:00`` → ``2024-04-20``); "" if it is none."""
    m = DATE.match((text or "").strip())
    return m.group(0) if m else ""
