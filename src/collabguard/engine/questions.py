"""Checklist question ids: stable across screenings, so an answer finds its question again."""

from __future__ import annotations

import hashlib
from functools import lru_cache


def question_id(reason: str, text: str, rule_id: str, target: dict[str, str] | None) -> str:
    """A stable id for a checklist question, from what it is about rather than its wording (which
    shows evidence that answers change): the match or area to confirm, the missing field, or the
    rule that asks."""
    if target:
        basis = "|".join(f"{k}={target[k]}" for k in sorted(target))
    elif reason == "judgement":
        basis = rule_id
    else:
        basis = text
    return _digest(f"{reason}|{basis}")


@lru_cache(maxsize=16384)  # the same questions come back screening after screening
def _digest(key: str) -> str:
    return "Q-" + hashlib.sha1(key.encode()).hexdigest()[:10]
