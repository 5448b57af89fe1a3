"""The same inputs, rules and lists give byte-identical JSON.

Golden files in tests/golden/ are the reviewed reports of two examples (screening date fixed).
When a change alters a report on purpose, regenerate them and review the diff:

    python -m tests.test_golden
"""

from __future__ import annotations

from collabguard.engine.screen import screen
from collabguard.io.proposal_loader import load_proposal
from collabguard.ruleset import RuleSet, load_ruleset
from tests.conftest import EXAMPLES, REPO, RULES, TODAY

GOLDEN = REPO / "tests" / "golden"
CASES = ["strac-nserc-nro-affiliation", "innocent-lookalike"]


def render(ruleset: RuleSet, name: str) -> str:
    return screen(load_proposal(EXAMPLES / f"{name}.yaml"), ruleset, today=TODAY).model_dump_json(indent=2) + "\n"


def test_reports_match_the_golden_files(ruleset: RuleSet) -> None:
    for name in CASES:
        assert render(ruleset, name) == (GOLDEN / f"{name}.json").read_text(), f"regenerate: python -m tests.test_golden ({name})"


def test_two_runs_are_byte_identical(ruleset: RuleSet) -> None:
    fresh = load_ruleset(RULES)
    assert all(render(ruleset, name) == render(fresh, name) for name in CASES)


if __name__ == "__main__":
    rs = load_ruleset(RULES)
    for case in CASES:
        (GOLDEN / f"{case}.json").write_text(render(rs, case))
