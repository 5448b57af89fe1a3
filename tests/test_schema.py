"""The published JSON Schema is the one the code produces (regenerate: `collabguard schema -o schemas/report.schema.json`)."""

from __future__ import annotations

import pytest

from collabguard.report.schema import CONTRACTS, FILES, contract_text
from tests.conftest import REPO


@pytest.mark.parametrize("kind", CONTRACTS)
def test_published_contract_is_current(kind: str) -> None:
    published = (REPO / "schemas" / FILES[kind]).read_text(encoding="utf-8")  # type: ignore[index]
    assert published == contract_text(kind), f"run: collabguard schema {kind} -o schemas/{FILES[kind]}"  # type: ignore[arg-type,index]
