"""Read a person's free-text role ("co-investigator", "visiting PhD student") into the category
policies turn on (``roles.yaml``: phrases, first match wins)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import get_args

import yaml

from collabguard.models.proposal import Category, Person

ROLES_FILE = Path(__file__).with_name("roles.yaml")
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.casefold().replace("'", "").replace("’", "")))


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[tuple[str, ...], str], ...]:
    # yaml.safe_load's result, parsed by libyaml (the pure-Python parser took 10 ms of every start)
    data = yaml.load(ROLES_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    known = set(get_args(Category))
    out = []
    for entry in data["roles"]:
        if entry["category"] not in known:  # a broken data file is a bug in the package, not user input
            raise ValueError(f"{ROLES_FILE}: unknown category {entry['category']!r}")
        out.append((_words(entry["phrase"]), entry["category"]))
    return tuple(out)


def category_of_role(role: str | None) -> Category | None:
    """The category a role names, or None when no phrase of the table occurs in it."""
    if not role:
        return None
    words = _words(role)
    for phrase, category in _table():
        if _contains(words, phrase):
            return category  # type: ignore[return-value]
    return None


def category_of(person: Person) -> Category | None:
    """A person's category: as given, else read from the role."""
    return person.category or category_of_role(person.role)
