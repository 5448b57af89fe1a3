"""Size limits on what collabguard reads, each configurable by an environment variable.

| limit | variable | default |
|---|---|---|
| a proposal file (YAML/JSON) | ``COLLABGUARD_MAX_PROPOSAL_BYTES`` | 5 MiB |
| one spreadsheet cell | ``COLLABGUARD_MAX_CELL_CHARS`` | 1,000,000 characters |
| partners (also funders, people, and people's affiliations and appointments, each) in one proposal | ``COLLABGUARD_MAX_PARTNERS`` | 2,000 |
| rows in one batch input | ``COLLABGUARD_MAX_BATCH_ROWS`` | 1,000,000 |
| columns in one batch input | ``COLLABGUARD_MAX_BATCH_COLUMNS`` | 1,000 |
| an HTTP request body | ``COLLABGUARD_MAX_BODY`` | 2 MiB |
| proposals in one HTTP batch request | ``COLLABGUARD_MAX_BATCH`` | 100 |

YAML nesting (64 levels) and aliases (refused) are fixed: they protect the parser itself. Each limit
is enforced where the data is read, with a one-line error naming the file, row or request.
"""

from __future__ import annotations

import os

from collabguard.errors import UsageError

DEFAULTS: dict[str, tuple[str, int]] = {
    "proposal_bytes": ("COLLABGUARD_MAX_PROPOSAL_BYTES", 5 * 1024 * 1024),
    "cell_chars": ("COLLABGUARD_MAX_CELL_CHARS", 1_000_000),
    "partners": ("COLLABGUARD_MAX_PARTNERS", 2_000),
    "batch_rows": ("COLLABGUARD_MAX_BATCH_ROWS", 1_000_000),
    "batch_columns": ("COLLABGUARD_MAX_BATCH_COLUMNS", 1_000),
    "body_bytes": ("COLLABGUARD_MAX_BODY", 2 * 1024 * 1024),
    "batch_requests": ("COLLABGUARD_MAX_BATCH", 100),
}


def limit(name: str) -> int:
    """The limit in force (read at each call, so a test or a service can set it)."""
    return positive_number(*DEFAULTS[name])


def positive_number(variable: str, default: int) -> int:
    """A positive whole number from the environment variable ``variable``, else ``default``; anything
    else is one line naming the variable."""
    raw = os.environ.get(variable)
    if raw is None or raw == "":
        return default
    if not raw.strip().isdigit() or int(raw) <= 0:
        raise UsageError(f"{variable}={raw!r}: give a positive whole number (default {default})")
    return int(raw)
