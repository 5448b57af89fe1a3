"""Where the rules shipped with collabguard are."""

from __future__ import annotations

from pathlib import Path


def shipped_rules_dir() -> Path:
    """The packaged copy (``collabguard/shipped_rules`` in a wheel), else the repository's ``rules/``
    folder (an editable or development install)."""
    here = Path(__file__).resolve().parent
    packaged = here / "shipped_rules"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "rules"
