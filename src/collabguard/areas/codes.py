"""Export-control list entry numbers in a proposal:

- EU dual-use entries (Regulation 2021/821 Annex I, mirrored by Norway's List II) such as 3A001 or
  9E003.a.1. The first digit is the category (0 nuclear … 9 aerospace and propulsion); the letter the
  product group (A systems … E technology);
- military-list entries ML1–ML22 (EU Common Military List, mirrored by Norway's List I) such as ML4,
  ML10.c or ML22.a; in running text only in capitals ("ml4" is not taken as an entry), declared codes
  in any case and spacing ("ml5", "ML-4").

A declared entry (``export_control.codes``), a dual-use entry in the text and a military entry with
its sub-item (ML10.c) are unambiguous evidence for their category: a ``match``. A bare "ML1" in
running text may be something else ("pipelines ML1 and ML2"): ``possible``, so a person confirms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from collabguard.areas.detect import AreaHit, TermEvidence, detect_areas
from collabguard.areas.taxonomy import AreaCatalog

DUAL_USE = re.compile(r"(?<![0-9A-Za-z])([0-9])([A-E])([0-9]{3})(?:\.[a-z0-9]+)*(?![0-9A-Za-z])")
MILITARY = re.compile(r"(?<![0-9A-Za-z])ML(2[0-2]|1[0-9]|[1-9])(?:\.[a-z0-9]+)*(?![0-9A-Za-z])")
# a declared code may be written loosely: "ml5", "ML-4", "ML 10"
DECLARED_MILITARY = re.compile(r"(?<![0-9A-Za-z])ML[\s\-]?(2[0-2]|1[0-9]|[1-9])(?:\.[a-z0-9]+)*(?![0-9A-Za-z])", re.IGNORECASE)
# cheap tests first: most texts hold no entry number at all
_MAYBE = re.compile(r"[0-9][A-E][0-9]{3}|ML[1-9]")
_MAYBE_DECLARED = re.compile(r"[0-9][A-E][0-9]{3}|ML[\s\-]?[1-9]", re.IGNORECASE)
DECLARED = "export_control"


def _entries(field: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    military = DECLARED_MILITARY if field == DECLARED else MILITARY
    return ((DUAL_USE, "eu-dualuse.cat{}"), (military, "eu-cml.ml{}"))


def _certain(ev: TermEvidence) -> bool:
    """A declared code, a dual-use entry (3A001 is unmistakable) or a military entry with its
    sub-item (ML10.c) names its category; a bare "ML1" in running text may be anything
    ("pipelines ML1 and ML2"), so it is only possible."""
    return ev.field == DECLARED or not ev.text.upper().startswith("ML") or "." in ev.text


def detect_codes(texts: Mapping[str, str], codes: list[str], catalog: AreaCatalog) -> list[AreaHit]:
    """One hit per category named by an entry number in the text or the declared codes."""
    found: dict[str, list[TermEvidence]] = {}
    sources = [(field, text) for field, text in texts.items() if isinstance(text, str)]
    sources.append((DECLARED, "; ".join(codes)))
    for field, text in sources:
        if (_MAYBE_DECLARED if field == DECLARED else _MAYBE).search(text) is None:
            continue
        for pattern, area_template in _entries(field):
            for m in pattern.finditer(text):
                area_id = area_template.format(m.group(1))
                if area_id in catalog.areas:
                    found.setdefault(area_id, []).append(
                        TermEvidence(term=m.group(0), field=field, start=m.start(), end=m.end(), text=m.group(0)))
    hits = []
    for area_id, evidence in sorted(found.items()):
        area = catalog.areas[area_id]
        info = catalog.taxonomies.get(area.taxonomy)
        certain = any(_certain(ev) for ev in evidence)
        hits.append(AreaHit(area_id=area_id, area_name=area.name, taxonomy=area.taxonomy,
                            taxonomy_version=info.version if info else "", level=area.level,
                            decision="match" if certain else "possible", score=100 if certain else 40,
                            evidence=evidence))
    return hits


def merge_hits(*groups: list[AreaHit]) -> list[AreaHit]:
    """Hits from several detectors, one per area: the stronger decision, all the evidence."""
    merged: dict[str, AreaHit] = {}
    for group in groups:
        for hit in group:
            if hit.area_id not in merged:
                merged[hit.area_id] = hit
                continue
            old = merged[hit.area_id]
            best = hit if (hit.decision == "match", hit.score) > (old.decision == "match", old.score) else old
            merged[hit.area_id] = best.model_copy(update={"evidence": [*old.evidence, *[e for e in hit.evidence if e not in old.evidence]]})
    return sorted(merged.values(), key=lambda h: (-h.score, h.area_id))


def find_areas(texts: Mapping[str, str], codes: list[str], catalog: AreaCatalog,
               taxonomies: Iterable[str] | None = None) -> list[AreaHit]:
    """The areas of a proposal: its terms (:func:`detect_areas`) and its entry numbers (in the text
    and declared), one hit per area; ``taxonomies`` limits both to those taxonomy ids."""
    selected = None if taxonomies is None else set(taxonomies)
    return merge_hits(detect_areas(texts, catalog, selected),
                      [h for h in detect_codes(texts, codes, catalog) if selected is None or h.taxonomy in selected])
