"""Sensitive technology areas: shipped taxonomies (``rules/areas/*.yaml``) and text detection.

- :func:`load_catalog` loads and checks a folder of taxonomy files into an :class:`AreaCatalog`;
- :meth:`AreaCatalog.resolve` turns a selector (``ca-stra.quantum``, ``ca-stra.*``) into area ids;
- :func:`detect_areas` finds areas mentioned in a proposal's title, keywords and abstract.
"""

from collabguard.areas.detect import AreaHit, TermEvidence, detect_areas
from collabguard.areas.taxonomy import Area, AreaCatalog, TaxonomyInfo, load_catalog

__all__ = [
    "Area",
    "AreaCatalog",
    "AreaHit",
    "TaxonomyInfo",
    "TermEvidence",
    "detect_areas",
    "load_catalog",
]
