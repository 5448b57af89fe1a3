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

from collabguard.rules.loader import RuleSet, load_ruleset

REPO = Path(__file__).resolve().parent.parent
RULES = REPO / "rules"
EXAMPLES = REPO / "examples"
SHARED = Path(os.environ.get("COLLABGUARD_SHARED", REPO.parent / "shared"))
TODAY = date(2026, 11, 28)

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"shared data folder not found at {SHARED}")


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return load_ruleset(RULES)
