"""Export-control list entry numbers in a proposal:

- EU dual-use entries (Regulation 2021/821 Annex I, mirrored by Norway's List II) such as 3A001 or
  9E003.a.1. The first digit is the category (0 nuclear … 9 aerospace and propulsion); the letter the
  product group (A systems … E technology);
- military-list entries ML1–ML22 (EU Common Military List, mirrored by Norway's List I) such as ML4,
  ML10.c or ML22.a, written in capitals ("ml4" in running text is not taken as an entry).

A declared entry (``export_control.codes``) or one written in the text is unambiguous evidence for its
category: a ``match``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from collabguard.areas.detect import AreaHit, TermEvidence, detect_areas
from collabguard.areas.taxonomy import AreaCatalog

DUAL_USE = re.compile(r"(?<![0-9A-Za-z])([0-9])([A-E])([0-9]{3})(?:\.[a-z0-9]+)*(?![0-9A-Za-z])")
MILITARY = re.compile(r"(?<![0-9A-Za-z])ML(2[0-2]|1[0-9]|[1-9])(?:\.[a-z0-9]+)*(?![0-9A-Za-z])")
_ENTRIES = ((DUAL_USE, "eu-dualuse.cat{}"), (MILITARY, "eu-cml.ml{}"))
_MAYBE = re.compile(r"[0-9][A-E][0-9]{3}|ML[1-9]")  # cheap test: most texts have no entry number at all


def detect_codes(texts: Mapping[str, str], codes: list[str], catalog: AreaCatalog) -> list[AreaHit]:
    """One hit per category named by an entry number in the text or the declared codes."""
    found: dict[str, list[TermEvidence]] = {}
    sources = [(field, text) for field, text in texts.items() if isinstance(text, str)]
    sources.append(("export_control", "; ".join(codes)))
    for field, text in sources:
        if _MAYBE.search(text) is None:
            continue
        for pattern, area in _ENTRIES:
            for m in pattern.finditer(text):
                area_id = area.format(m.group(1))
                if area_id in catalog.areas:
                    found.setdefault(area_id, []).append(
                        TermEvidence(term=m.group(0), field=field, start=m.start(), end=m.end(), text=m.group(0)))
    hits = []
    for area_id, evidence in sorted(found.items()):
        area = catalog.areas[area_id]
        info = catalog.taxonomies.get(area.taxonomy)
        hits.append(AreaHit(area_id=area_id, area_name=area.name, taxonomy=area.taxonomy,
                            taxonomy_version=info.version if info else "", level=area.level,
                            decision="match", score=100, evidence=evidence))
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
