"""Exceptions collabguard raises. Each carries a message a research officer can act on.

The CLI maps these (and only these) to exit code 2; anything else is an internal error (exit 3).
"""

from __future__ import annotations


class CollabguardError(Exception):
    """Base class: a problem the user can fix (bad input, bad rule file, missing data)."""

    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(CollabguardError):
    """A proposal or other input file cannot be read or is invalid."""

    code = "input"


class RuleFileError(CollabguardError):
    """One or more rule-pack, list or taxonomy files are invalid; carries every problem found."""

    code = "rules"

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__(several(self.problems) if self.problems else "invalid rule file")


class UsageError(CollabguardError):
    """A command was called with options that do not make sense together."""

    code = "usage"


SHOWN_PROBLEMS = 3  # problems given in full in a one-line message


def several(problems: list[str], shown: int = SHOWN_PROBLEMS) -> str:
    """Several problems in one line: the first ``shown`` in full, separated by "; ", then how many more
    ("a; b; c (and 2 more problems)"). The useful part is never hidden behind a count alone."""
    rest = len(problems) - shown
    return "; ".join(problems[:shown]) + (f" (and {rest} more problem{'s' if rest != 1 else ''})" if rest > 0 else "")
