"""The published JSON Schema is the one the code produces (regenerate: `collabguard schema -o schemas/report.schema.json`)."""

from __future__ import annotations

from collabguard.report.schema import report_schema_text
from tests.conftest import REPO


def test_published_schema_is_current() -> None:
    published = (REPO / "schemas" / "report.schema.json").read_text()
    assert published == report_schema_text(), "run: collabguard schema -o schemas/report.schema.json"
