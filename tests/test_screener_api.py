"""The Python API a grant system imports: load once, screen models, mappings or files."""

from __future__ import annotations

from collabguard import Screener
from collabguard.errors import InputError
from tests.conftest import EXAMPLES, RULES, TODAY


def test_screen_a_mapping_a_file_and_many() -> None:
    screener = Screener(rules=RULES)
    report = screener.screen({"title": "Sonar", "partners": [{"name": "Harbin Engineering University", "country": "CN"}]},
                             today=TODAY)
    assert any(f.rule_id == "CG-NO-PARTNER-001" for f in report.flags)
    assert screener.screen(EXAMPLES / "strac-nserc-nro-affiliation.yaml", today=TODAY).blocking
    results = list(screener.screen_many([{"title": "No partner"}, EXAMPLES / "european-project.yaml"], today=TODAY))
    assert [r.index for r in results] == [0, 1]
    assert results[0].report is None and "no partners and no personnel" in (results[0].error or "")
    assert results[1].report is not None and results[1].report.recommendation == "proceed"


def test_bad_input_raises_a_collabguard_error() -> None:
    screener = Screener.from_defaults()
    try:
        screener.screen({"title": "T", "partners": [{"name": "X", "country": "Narnia"}]})
    except InputError as exc:
        assert "unknown country 'Narnia'" in str(exc)
    else:
        raise AssertionError("expected an InputError")
