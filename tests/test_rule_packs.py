"""Shipped rule packs: every must-fire / must-not-fire example, and the pack contracts."""

from __future__ import annotations

import pytest

from collabguard.rules.testing import run_case
from collabguard.ruleset import RuleSet, load_ruleset
from tests.conftest import RULES, TODAY


def _cases() -> list[tuple[str, str, str, int]]:
    rs = load_ruleset(RULES)
    return [
        (pack.info.id, lr.rule.id, kind, i)
        for pack in rs.packs
        for lr in pack.rules
        for kind in ("must_fire", "must_not_fire")
        for i, _ in enumerate(getattr(lr.rule.examples, kind))
    ]


@pytest.mark.parametrize(("pack_id", "rule_id", "kind", "index"), _cases(), ids=lambda v: str(v))
def test_rule_example(ruleset: RuleSet, pack_id: str, rule_id: str, kind: str, index: int) -> None:
    pack = ruleset.pack(pack_id)
    lr = next(r for r in pack.rules if r.rule.id == rule_id)
    example = getattr(lr.rule.examples, kind)[index]
    result = run_case(ruleset, pack, lr, kind, index, example, TODAY)
    assert result.passed, result.detail


ALL_PACKS = {"no-hkdir", "ca-strac", "ca-nsgrp", "nl-knowledge-security", "uk-trusted-research", "au-ufit",
             "eu-research-security", "us-research-security"}


def test_all_shipped_packs_load(ruleset: RuleSet) -> None:
    assert {p.info.id for p in ruleset.packs} == ALL_PACKS


def test_every_rule_cites_its_framework_section_and_url(ruleset: RuleSet) -> None:
    for pack in ruleset.packs:
        for lr in pack.rules:
            g = lr.rule.guideline
            assert g.framework == pack.info.id and g.section and g.url.startswith("https://")


def test_norwegian_guidance_is_advisory_and_only_sanctions_law_blocks(ruleset: RuleSet) -> None:
    pack = ruleset.pack("no-hkdir")
    assert pack.info.binding == "advisory"
    # the UN Security Council list is Norwegian law through the sanctions regulations (issue 16)
    blocking = [lr.rule for lr in pack.rules if lr.rule.blocking]
    assert [r.id for r in blocking] == ["CG-NO-SANCTIONS-003"] and blocking[0].legal_gate
    assert blocking[0].when == {"listed": {"lists": ["un-sc"], "subjects": ["partner", "funder", "affiliation", "appointment"],
                                           "decision": "match"}}


def test_only_the_legal_prohibitions_block(ruleset: RuleSet) -> None:
    # STRAC's ineligibility, the CHIPS Act's prohibition of malign talent programmes, and UN Security
    # Council sanctions where the framework treats sanctions as law (issue 16); everything else, legal
    # gates such as export licences included, asks or escalates instead
    blocking = sorted(lr.rule.id for p in ruleset.packs for lr in p.rules if lr.rule.blocking)
    assert blocking == ["CG-AU-UFIT-019", "CG-CA-STRAC-001", "CG-NL-KS-018", "CG-NO-SANCTIONS-003", "CG-UK-TR-020",
                        "CG-US-RS-001"]


def test_a_declared_export_control_code_is_high_but_not_blocking(ruleset: RuleSet) -> None:
    rule = next(lr.rule for lr in ruleset.pack("no-hkdir").rules if lr.rule.id == "CG-NO-EXPORT-001")
    assert rule.severity == "high" and not rule.blocking
