"""A town's name in an address is the place (issue #15, the worst error: a false accusation). Lists call
some bodies by their town's name ("Tula" for Tula Arms Plant, "JSC Penza", "Balashikha" for the Balashikha
foundry); "Department of Physics, Tula State University, Tula, Russian Federation" was a `match` on Tula Arms
Plant. The towns are those of the Research Organization Registry's records (reference/matching/towns.yaml,
written by scripts/build_towns.py from the shared ROR data)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from collabguard.matching.compare import compare, names_a_town
from collabguard.matching.index import TWIN_RATIO
from collabguard.matching.normalize import tokens
from collabguard.reference.lexicons import LEXICON_DIR, towns
from collabguard.ruleset import RuleSet
from tests.conftest import REPO, SHARED, needs_shared

# (a real address shape, the listed body it must not be taken for)
NOT_THE_BODY = [
    ("Department of Physics, Tula State University, Tula, Russian Federation", "Tula Arms Plant"),
    ("Penza State University, Penza, Russia", "Joint Stock Company Penza Electrotechnical Research Institute"),
    ("Institute of Applied Mechanics, Dolgoprudny, Russian Federation", "Dolgoprudniy Design Bureau of Automatics"),
    # "Balashikha Branch" is the academy's branch in Balashikha, not a unit of the listed Balashikha foundry
    ("Balashikha Branch, Russian Presidential Academy, Balashikha, Russian Federation",
     "Open Joint Stock Company Balashikhinskiy Liteyno Mekhanicheskiy Zavod"),
    # a listed name that begins with the town (ROR's own records, in Scopus's order: benchmarks/match_negatives.py
    # --addresses)
    ("Volgograd State University, Volgograd, Russian Federation", "LLC Volgogradpromproyekt"),
    ("Siberian Federal University, Krasnoyarsk, Russian Federation", "Krasnoyarskgazprom, PAO"),
]


@pytest.mark.parametrize(("address", "listed"), NOT_THE_BODY, ids=[a[1] for a in NOT_THE_BODY])
def test_a_town_beside_another_organisation_is_its_town(ruleset: RuleSet, address: str, listed: str) -> None:
    assert any(e.name == listed for e in ruleset.lists.entities), "a listed entry"
    assert not [c for c in ruleset.matcher.match(address, None) if c.entity.name == listed]


def test_the_near_miss_says_it_is_a_town(ruleset: RuleSet) -> None:
    [result] = [r for r in ruleset.matcher.results("Penza State University, Penza, Russia", None)
                if r.list_id == "us-bis-entity"]
    assert result.best is None and result.rejected is not None
    assert result.rejected.why == "'Penza, Russia' is also the name of a town: read as the place"


@pytest.mark.parametrize(("name", "decision"), [
    ("Tula Arms Plant, Tula, Russia", "match"),  # the body's own name, its town beside it
    ("Department of Physics, Tula, Russia", "possible"),  # the town alone in an address: asked about
])
def test_the_body_is_still_found(ruleset: RuleSet, name: str, decision: str) -> None:
    assert [c.decision for c in ruleset.matcher.match(name, None) if c.entity.name == "Tula Arms Plant"] == [decision]


def test_a_town_is_no_companys_own_name() -> None:
    # "Department of Physics" is no descriptive word added to a company named "Tula" (the town)
    words = tokens("Department of Physics, Tula")
    assert not compare(words, ("tula",), lenient=False, twin_ratio=TWIN_RATIO, country="RU", company=True).passed
    # a company's own name that is no town may have them added, as before
    assert compare(("shenzhen", "tenco", "technology"), ("tenco", "technology"), lenient=False, twin_ratio=TWIN_RATIO,
                   country="CN", company=True).passed


@needs_shared
def test_the_shipped_towns_are_what_the_script_writes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_towns", REPO / "scripts" / "build_towns.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "towns.yaml"
    ror = SHARED / "data" / "ror"
    module.main([str(ror / "ror-records-subset.jsonl"), str(ror / "ror-records-home-education.jsonl")], out)
    assert out.read_bytes() == (LEXICON_DIR / "towns.yaml").read_bytes()
    read = towns().towns
    assert {"tula", "penza", "balashikha", "dolgoprudny", "dolgoprudnyy"} <= read["RU"] and "harbin" in read["CN"]


@pytest.mark.parametrize(("part", "country", "town"), [
    ("Tula 300012", "RU", True), ("Penza, Russian Federation", "RU", True), ("Krasnoyarsk", "RU", True),
    ("Harbin 150001", "HK", True),  # Hong Kong and Macau read with the mainland's towns
    ("China Mobile Limited", "CN", False), ("Mobile", "CN", False),  # Mobile is a town of Alabama, not of China
    ("Tula", "CN", False), ("Department of Physics", "RU", False),
])
def test_what_names_a_town(part: str, country: str, town: bool) -> None:
    assert names_a_town(tokens(part), country) is town


def test_a_listed_company_beside_a_town_is_found(ruleset: RuleSet) -> None:
    found = ruleset.matcher.match("School of Materials Science and Engineering, China Mobile Limited, Chengdu 662036, "
                                  "P.R. China", None)
    assert "China Mobile Limited" in {c.entity.name for c in found}
