"""Shared fixtures.

Strategy: tests read the real shipped rules (``rules/``) and the real example proposals
(``examples/``). Tests that need the project's shared data (official list downloads, bibliographic
export samples) find it through ONE path, ``SHARED``: ``$COLLABGUARD_SHARED`` if set, else
``../shared`` next to the repository. They skip when it is absent (CI has it). For an unusual case,
build a small file inline in ``tmp_path`` rather than adding another shared fixture.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from collabguard.ruleset import RuleSet, load_ruleset

REPO = Path(__file__).resolve().parent.parent
RULES = REPO / "rules"
EXAMPLES = REPO / "examples"
SHARED = Path(os.environ.get("COLLABGUARD_SHARED", REPO.parent / "shared"))
TODAY = date(2026, 11, 28)

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"shared data folder not found at {SHARED}")


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return load_ruleset(RULES)


def names_only_matcher(list_id: str, entity_ids: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    """A matcher over one shipped list (or some of its entries) with every alias, acronym and
    local-script name taken away (the names ROR gives an entry too): only the main English names, as
    in the benchmarks' leave-out protocol."""
    from collabguard.lists import load_lists
    from collabguard.lists.model import ListSet
    from collabguard.matching.matcher import Matcher

    lists = load_lists(RULES / "lists")
    keep = [e.model_copy(update={"aliases": (), "acronyms": (), "name_local": "", "registry": None}) for e in lists.entities
            if e.list_id == list_id and (not entity_ids or e.entity_id in entity_ids)]
    assert not entity_ids or len(keep) == len(entity_ids)
    return Matcher(ListSet(lists={list_id: lists.lists[list_id]}, entities=tuple(keep)))
