"""A listed name written with the body's address after it (see collabguard.matching.listed_addresses): the
Entity List's alias "More Shipyard. 1 Desantnikov Street, Feodosia, Crimea 98176, Ukraine" is found by "More
Shipyard". Before, it was only "the beginning of" that text, a near miss, and "BellHuawei Technologies LLC"
or "Sovmortrans-Crimea", aliases the list gives, found nothing."""

from __future__ import annotations

import pytest

from collabguard.matching.listed_addresses import without_address
from collabguard.ruleset import RuleSet


@pytest.mark.parametrize(("listed", "name"), [
    ("BellHuawei Technologies LLC. 5 Dzerzhinsky Ave., Minsk, 220036, Belarus", "BellHuawei Technologies LLC"),
    ("More Shipyard. 1 Desantnikov Street, Feodosia, Crimea 98176, Ukraine", "More Shipyard"),
    ("Sovmortrans-Crimea. ul. Zoi Zhiltsovoy, d. 15, office 51, Simferopol, Crimea, Ukraine", "Sovmortrans-Crimea"),
    ("Gazmash. d. 54 korp. 1 litera A pomeshch prospekt Primorski, St. Petersburg 197374, Russia", "Gazmash"),
    ("Sovfrakht-Sovmortrans. Rakhmanovskiy Lane, 4, bld.1, Morskoy House, Moscow 127994", "Sovfrakht-Sovmortrans"),
    ("Kamensk-Uralsky Metallurgical Works J.S. Co. 5 Zavodskaya St.", "Kamensk-Uralsky Metallurgical Works J.S. Co"),
    # a full stop of a number or a street's abbreviation, an ordinal, a name without an address: nothing to take away
    ("Joint Stock Company Zavod No. 9", None),
    ("China Electronics Technology Group Corp. 54th Research Institute", None),
    ("Elena Albrecht Import-Export, Gmunder Str. 25, Heubach, Germany 73540", None),
    ("Huawei Technologies Co., Ltd.", None),
])
def test_the_name_before_the_address(listed: str, name: str | None) -> None:
    assert without_address(listed) == name


@pytest.mark.parametrize(("name", "listed"), [
    ("More Shipyard", "Federal SUE Shipyard 'Morye'"),
    ("BellHuawei Technologies LLC", "Bel Huawei Technologies LLC"),
    ("Sovmortrans-Crimea", "SMT-K"),
])
def test_a_listed_alias_written_with_an_address_is_found_by_the_alias(ruleset: RuleSet, name: str, listed: str) -> None:
    found = [c for c in ruleset.matcher.match(name, None) if c.entity.list_id == "us-bis-entity"]
    assert found and found[0].entity.name == listed
    assert found[0].reasons[0] == f"same name as the listed alias {name!r}"
