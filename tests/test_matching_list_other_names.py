"""A listed name that gives the body's other names in brackets, as the Entity List writes them (see
collabguard.matching.list_other_names): "Zorsecurity Center (f.k.a., Esage Lab)" is found by
"Zorsecurity Center" and by "Esage Lab". Before, the first was only a near miss ("short name: only the
beginning of …") and the second gave nothing: a listed partner missed by the name the list gives it."""

from __future__ import annotations

import pytest

from collabguard.matching.list_other_names import OtherNames, other_names
from collabguard.matching.matcher import Matcher
from collabguard.ruleset import RuleSet
from tests.conftest import names_only_matcher


@pytest.mark.parametrize(("listed", "read"), [
    ("Zorsecurity Center (f.k.a., Esage Lab)", OtherNames("Zorsecurity Center", ("Esage Lab",))),
    ("Gazprom Flot, OOO (f.k.a., Obshchestvo S Ogranichennoi Otvetstvennostyu Gazflot)",
     OtherNames("Gazprom Flot, OOO", ("Obshchestvo S Ogranichennoi Otvetstvennostyu Gazflot",))),
    # the bracket left open where the list's text was cut; a former name in quotation marks
    ("OOO Shipyard 'Zaliv' (f.k.a., AO Shipyard 'Zaliv'", OtherNames("OOO Shipyard 'Zaliv'", ("AO Shipyard 'Zaliv'",))),
    ("Mesbah Energy Company (a.k.a. “MEC”)", OtherNames("Mesbah Energy Company", ("MEC",))),
    ("Rosneft (a.k.a. Open Joint-Stock Company Rosneft Oil Company",
     OtherNames("Rosneft", ("Open Joint-Stock Company Rosneft Oil Company",))),
    ("Sabanican Company (a.k.a. ", OtherNames("Sabanican Company", ())),  # cut before the other name
    ("Ch'oe Ch'o'l-min (a.k.a Choe Chol Min) (DPRK individual)",
     OtherNames("Ch'oe Ch'o'l-min (DPRK individual)", ("Choe Chol Min",))),
])
def test_the_name_and_the_other_names_a_listed_name_gives(listed: str, read: OtherNames) -> None:
    assert other_names(listed) == read


@pytest.mark.parametrize("listed", [
    "North China Industries Corp. (NORINCO)",  # an acronym in brackets: list_brackets.py
    "Kaka Trading (Pvt) Ltd",  # a word that begins like one
    "(a.k.a. Esage Lab)",  # nothing before it
])
def test_no_other_names_where_none_are_given(listed: str) -> None:
    assert other_names(listed) is None


@pytest.mark.parametrize(("name", "via"), [
    ("Zorsecurity Center", "same name as the listed name 'Zorsecurity Center'"),
    ("Esage Lab", "same name as the listed alias 'Esage Lab'"),  # its former name
    ("Gazflot", "Obshchestvo S Ogranichennoi Otvetstvennostyu Gazflot"),  # the former name without its legal form
    ("Zorsecurity Center (f.k.a., Esage Lab)", "same name as the listed name 'Zorsecurity Center (f.k.a., Esage Lab)'"),
])
def test_a_listed_body_is_found_by_each_name_its_listed_name_gives(ruleset: RuleSet, name: str, via: str) -> None:
    found = [c for c in ruleset.matcher.match(name, "RU") if c.entity.list_id == "us-bis-entity"]
    assert found and found[0].decision == "match"
    assert found[0].entity.name.startswith(("Zorsecurity Center", "Gazprom Flot"))
    assert via in found[0].reasons[0]


@pytest.fixture(scope="module")
def entity_list() -> Matcher:
    return names_only_matcher("us-bis-entity")


def test_without_the_aliases_the_name_before_the_bracket_is_the_listed_name(entity_list: Matcher) -> None:
    # the Entity List's aliases of the entry taken away: its name alone says "Gazprom Flot, OOO"
    found = entity_list.match("Obshchestvo S Ogranichennoi Otvetstvennostyu 'Gazprom Flot'", "RU")
    assert found and (found[0].entity.entity_id, found[0].decision) == (
        "us-bis-entity-ru-gazprom-flot-ooo-f-k-a-obshchestvo-s-ogranichennoi-otvetstvennostyu-gazflot", "match")
