"""An institution's namesake whose address names another country and a town of it, and no place of the listed
body's country, is another institution: set aside, with the near miss saying where the address places it. A
country alone, a town the table does not know, an address that also names the listed country, and a company
(which works abroad under its group's name) stay questions, as a differing country always made them."""

from __future__ import annotations

import pytest

from collabguard.reference.report_text import reason
from collabguard.ruleset import RuleSet


@pytest.mark.parametrize(("name", "list_id", "listed", "town", "listed_country"), [
    ("Northeastern University, Boston, MA 02115, USA", "aspi-cdut", "Northeastern University", "Boston, US", "CN"),
    ("Dept Phys, Northeastern Univ, Boston, MA 02115 USA", "aspi-cdut", "Northeastern University", "Boston, US", "CN"),
    ("Soochow University, Taipei, Taiwan", "aspi-cdut", "Soochow University", "Taipei, TW", "CN"),
    # its own units named between it and the town
    ("Northeastern Univ, Coll Engn, Boston, MA 02115 USA", "aspi-cdut", "Northeastern University", "Boston, US", "CN"),
    ("Northeastern Univ, Dept Elect & Comp Engn, Boston, MA 02115 USA", "aspi-cdut", "Northeastern University", "Boston, US",
     "CN"),
    # HEPHY of Vienna is not the Entity List's institute of Protvino
    ("Institute of High Energy Physics, Vienna, Austria", "us-bis-entity", "Institute of High Energy Physics", "Vienna, AT",
     "RU"),
])
def test_an_address_in_another_countrys_town_sets_the_namesake_aside(ruleset: RuleSet, name: str, list_id: str,
                                                                      listed: str, town: str, listed_country: str) -> None:
    found = {r.list_id: r for r in ruleset.matcher.results(name, None)}
    result = found[list_id]
    assert result.best is None or result.best.decision == "none"
    assert result.rejected is not None and result.rejected.entity.name == listed
    assert result.rejected.why == f"the address places it in {town}, and names no place in the listed {listed_country}: another institution"
    assert reason(result.rejected.why, "nb") == (f"adressen plasserer den i {town}, og nevner ikke noe sted i det listeførte "
                                                 f"{listed_country}: en annen institusjon")


@pytest.mark.parametrize(("name", "country", "list_id", "decision"), [
    ("Northeastern University, Shenyang, China", None, "aspi-cdut", "match"),
    ("Northeastern University, USA", None, "aspi-cdut", "possible"),  # a country, no town
    ("Northeastern University", "US", "aspi-cdut", "possible"),  # a country entered: it may be wrong
    ("Southeast University, Dhaka, Bangladesh", None, "aspi-cdut", "possible"),  # a town the table does not hold
    # the listed body's own town is named too: a visiting address beside the home one
    ("Tsinghua University, Beijing, China; MIT, Cambridge, USA", None, "aspi-cdut", "possible"),
    # a second address, or another organisation, between it and the town: the town may be the other one's
    ("Tsinghua University / MIT, Cambridge, USA", None, "aspi-cdut", "possible"),
    ("Tsinghua Univ, Dept Phys; Univ Calif Berkeley, Berkeley, CA 94720 USA", None, "aspi-cdut", "possible"),
    ("Tsinghua Univ, Harvard Med Sch, Boston, MA 02115 USA", None, "aspi-cdut", "possible"),
    ("Huawei Technologies Co., Ltd., Stockholm, Sweden", None, "us-bis-entity", "possible"),  # a company
])
def test_otherwise_a_differing_country_still_asks(ruleset: RuleSet, name: str, country: str | None, list_id: str,
                                                  decision: str) -> None:
    found = {c.entity.list_id: c for c in ruleset.matcher.match(name, country)}
    assert found[list_id].decision == decision
