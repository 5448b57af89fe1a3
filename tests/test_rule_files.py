"""Rule-file errors: all at once, each as file:line:col: message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from collabguard.errors import RuleFileError
from collabguard.ruleset import load_ruleset
from tests.conftest import RULES

BROKEN = """\
schema_version: 1
pack:
  id: xx-test
  title: Test pack
  publisher: Nobody
  url: https://example.org
  version: "2026.1"
  guideline_version: "1"
  accessed: "2026-11-28"
  binding: advisory
  applies_when: {home_countries: [NO]}
example_base: {title: Example, partners: [{name: Aarhus University, country: DK}]}
rules:
  - id: CG-XX-TEST-001
    title: Unknown predicate and key
    guideline: {framework: xx-test, section: "1", url: https://example.org}
    severity: high
    sevrity: low
    when:
      partner_listed: {lists: [ca-nro]}
    message: "Found {partner}"
    examples:
      must_fire: [{}]
      must_not_fire: [{}]
  - id: CG-XX-TEST-001
    title: Duplicate id, unknown list and group
    guideline: {framework: xx-test, section: "1", url: https://example.org}
    severity: extreme
    when:
      all:
        - listed: {lists: [no-such-list]}
        - country_in: {group: no-such-group}
        - field: {path: personnel.nationality, equals: CN}
    message: ok
    examples:
      must_fire: [{partners: [{name: X, country: Narnia}]}]
      must_not_fire: [{}]
"""


@pytest.fixture()
def rules_copy(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    return root


def test_every_problem_is_reported_at_once_with_file_line_col(rules_copy: Path) -> None:
    (rules_copy / "xx-test.yaml").write_text(BROKEN)
    with pytest.raises(RuleFileError) as exc:
        load_ruleset(rules_copy)
    problems = [p.replace(str(rules_copy) + "/", "") for p in exc.value.problems]
    assert any(p.startswith("xx-test.yaml:18:5: rules[0].sevrity: is not a known field") for p in problems), problems
    assert any(p.startswith("xx-test.yaml:28:5: rules[1].severity: Input should be") for p in problems), problems
    assert len(problems) >= 2


def test_semantic_problems_are_all_reported(rules_copy: Path) -> None:
    fixed = BROKEN.replace("    sevrity: low\n", "").replace("severity: extreme", "severity: low")
    (rules_copy / "xx-test.yaml").write_text(fixed)
    with pytest.raises(RuleFileError) as exc:
        load_ruleset(rules_copy)
    text = "\n".join(p.replace(str(rules_copy) + "/", "") for p in exc.value.problems)
    for expected in (
        "xx-test.yaml:19:7: rules[0].when.partner_listed: unknown predicate 'partner_listed'",
        "xx-test.yaml:20:5: rules[0].message: unknown placeholder(s) {partner}",
        "duplicate rule id 'CG-XX-TEST-001'",
        "rules[1].when.all[0].listed.lists: unknown list 'no-such-list'",
        "rules[1].when.all[1].country_in.group: unknown country group 'no-such-group'",
        "rules[1].when.all[2].field.path: unknown field 'personnel.nationality'",  # nationality is not a risk input
        "rules[1].examples.must_fire[0].partners[0].country: unknown country 'Narnia'",
    ):
        assert expected in text, text


def test_unsafe_yaml_in_a_rule_file_is_refused(rules_copy: Path) -> None:
    (rules_copy / "xx-test.yaml").write_text("a: &x 1\nb: *x\n")
    with pytest.raises(RuleFileError, match="aliases"):
        load_ruleset(rules_copy)


@pytest.mark.parametrize(
    ("condition", "problem"),
    [
        ("listed: [ca-nro]", "the arguments of 'listed' must be a mapping"),  # would otherwise mean "every list"
        ("area: {areas: [ca-stra.qantum.*]}", "unknown technology area 'ca-stra.qantum.*'"),
        ("field: {path: start_date, gte: 24}", "'gte' cannot test start_date (a date)"),
        ("field: {path: data.personal_data, equals: 'yes'}", "data.personal_data is true or false"),
        ("country_in: {countries: [China]}", "'China' is not an ISO 3166 alpha-2 code"),
        ("country_in: {group: eu-eea, countries: [CN]}", "give exactly one of 'group' or 'countries'"),
    ],
)
def test_conditions_are_checked_as_they_will_run(rules_copy: Path, condition: str, problem: str) -> None:
    pack = BROKEN.replace("    sevrity: low\n", "").replace("severity: extreme", "severity: low")
    pack = pack.replace("      partner_listed: {lists: [ca-nro]}", "      " + condition)
    pack = pack.replace('message: "Found {partner}"', "message: ok")
    (rules_copy / "xx-test.yaml").write_text(pack)
    with pytest.raises(RuleFileError) as exc:
        load_ruleset(rules_copy)
    assert any(problem in p for p in exc.value.problems), exc.value.problems


def test_applies_when_countries_must_be_codes(rules_copy: Path) -> None:
    (rules_copy / "xx-test.yaml").write_text(BROKEN.replace("home_countries: [NO]", "home_countries: [Canada]"))
    with pytest.raises(RuleFileError) as exc:
        load_ruleset(rules_copy)
    assert any("pack.applies_when.home_countries: not ISO 3166 alpha-2 codes: Canada" in p for p in exc.value.problems)


def test_the_eu_eea_group_has_the_27_member_states_and_the_three_eea_efta_states() -> None:
    # Hungary was once missing: a Hungarian partner was treated as outside the EU/EEA
    from collabguard.ruleset import get_ruleset
    members = frozenset(get_ruleset().groups["eu-eea"].countries)
    eu27 = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
            "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}
    assert members == frozenset(eu27 | {"IS", "LI", "NO"})
    assert len(eu27) == 27


def test_nationality_is_refused_outside_legal_gates(rules_copy: Path) -> None:
    pack = rules_copy / "no-hkdir.yaml"
    text = pack.read_text(encoding="utf-8")
    marker = "      all:\n        - area:"
    assert marker in text
    pack.write_text(text.replace(marker, "      all:\n        - nationality_outside: {group: eu-eea}\n        - area:", 1),
                    encoding="utf-8")
    with pytest.raises(RuleFileError, match="nationality may only be used by a legal gate"):
        load_ruleset(rules_copy)
