"""Sensitivity lists: models, loading with provenance and integrity checks."""

from collabguard.lists.loader import load_lists
from collabguard.lists.model import Entity, ListInfo, ListSet

__all__ = ["Entity", "ListInfo", "ListSet", "load_lists"]
