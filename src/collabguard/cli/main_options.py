"""Option types shared by several commands."""

from __future__ import annotations

from enum import Enum


class FailOn(str, Enum):
    info = "info"
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"
