"""The case register: every screening saved as a case with an append-only history (versions and
events), answers and decisions with who and when, and monitoring (screen every open case again when
a list or rule pack changes). SQLite by default, PostgreSQL through the same code. See docs/cases.md.

    from collabguard.cases import CaseRegister
"""

from collabguard.cases.diff import CaseDiff
from collabguard.cases.models import (
    CaseChange,
    CaseConflict,
    CaseDetail,
    CaseEvent,
    CaseExport,
    CaseSummary,
    CaseVersion,
)
from collabguard.cases.register import CaseRegister

__all__ = ["CaseChange", "CaseConflict", "CaseDetail", "CaseDiff", "CaseEvent", "CaseExport", "CaseRegister", "CaseSummary",
           "CaseVersion"]
