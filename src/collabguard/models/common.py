"""Small shared vocabularies: severities and match decisions, with their order."""

from __future__ import annotations

from typing import Literal

Severity = Literal["info", "low", "medium", "high", "critical"]
SEVERITIES: tuple[Severity, ...] = ("info", "low", "medium", "high", "critical")
RiskLevel = Literal["none", "info", "low", "medium", "high", "critical"]

Decision = Literal["match", "possible", "none"]
DECISIONS: tuple[Decision, ...] = ("none", "possible", "match")


def severity_rank(severity: str) -> int:
    """0 for info … 4 for critical; -1 for 'none'."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else -1


def decision_rank(decision: str) -> int:
    """0 none, 1 possible, 2 match."""
    return DECISIONS.index(decision)
