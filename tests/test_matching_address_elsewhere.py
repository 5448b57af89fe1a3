"""An institution's namesake: where the address names another country, a town of it and no place of the listed
institution's country, and the Research Organization Registry registers an institution of that name in that
country (rules/lists/ror-aliases-namesakes.csv), the listed one is set aside and the near miss names the ROR record.
A country alone, an institution of that name abroad that ROR does not know (a listed university's centre abroad, a
visiting address), an address that also names the listed country, another organisation or a second address before
the town, and a company stay questions, as a differing country always made them (second review: the first rule,
without the namesake, hid "National University of Defense Technology, Cambridge, MA, USA")."""

from __future__ import annotations

import pytest

from collabguard.reference.report_text import reason
from collabguard.ruleset import RuleSet

NEU_BOSTON = ("Boston", "US", "Northeastern University", "Boston", "https://ror.org/04t5xt781")


@pytest.mark.parametrize(("name", "list_id", "listed", "listed_country", "there"), [
    ("Northeastern University, Boston, MA 02115, USA", "aspi-cdut", "Northeastern University", "CN", NEU_BOSTON),
    ("Dept Phys, Northeastern Univ, Boston, MA 02115 USA", "aspi-cdut", "Northeastern University", "CN", NEU_BOSTON),
    # its own units named between it and the town
    ("Northeastern Univ, Coll Engn, Boston, MA 02115 USA", "aspi-cdut", "Northeastern University", "CN", NEU_BOSTON),
    ("Northeastern Univ, Dept Elect & Comp Engn, Boston, MA 02115 USA", "aspi-cdut", "Northeastern University", "CN",
     NEU_BOSTON),
    # the Entity List's institute is Protvino's; ROR registers the CAS one in Beijing
    ("Institute of High Energy Physics, Beijing, China", "us-bis-entity", "Institute of High Energy Physics", "RU",
     ("Beijing", "CN", "Institute of High Energy Physics", "Beijing", "https://ror.org/03v8tnc06")),
    # the 1286 list's Army Service Arms University has the alias "Army University"
    ("Army University, Fort Leavenworth, Kansas, USA", "us-dod-1286", "Army Service Arms University", "CN",
     ("Fort Leavenworth", "US", "Army University", "Fort Leavenworth", "https://ror.org/01rsvh545")),
])
def test_an_address_where_ror_registers_a_namesake_sets_the_listed_one_aside(
        ruleset: RuleSet, name: str, list_id: str, listed: str, listed_country: str,
        there: tuple[str, str, str, str, str]) -> None:
    town, country, other, other_town, record = there
    result = {r.list_id: r for r in ruleset.matcher.results(name, None)}[list_id]
    assert result.best is None or result.best.decision == "none"
    assert result.rejected is not None and result.rejected.entity.name == listed
    assert result.rejected.why == (f"the address places it in {town}, {country}, and names no place in the listed "
                                   f"{listed_country}; ROR registers another {other!r} there ({other_town}, {record}): "
                                   "that institution, not the listed one")
    assert reason(result.rejected.why, "nb") == (
        f"adressen plasserer den i {town}, {country}, og nevner ikke noe sted i det listeførte {listed_country}; ROR "
        f"registrerer en annen {other!r} der ({other_town}, {record}): den institusjonen, ikke den listeførte")


@pytest.mark.parametrize(("name", "country", "list_id", "decision"), [
    ("Northeastern University, Shenyang, China", None, "aspi-cdut", "match"),
    ("Northeastern University, USA", None, "aspi-cdut", "possible"),  # a country, no town
    ("Northeastern University", "US", "aspi-cdut", "possible"),  # a country entered: it may be wrong
    # no institution of that name in that country that ROR knows (its data holds no Soochow University of Taipei)
    ("Soochow University, Taipei, Taiwan", None, "aspi-cdut", "possible"),
    ("National University of Defense Technology, Cambridge, MA, USA", None, "us-dod-1286", "possible"),
    ("Tsinghua Univ, Global Innovat Exchange, Bellevue, WA 98004 USA", None, "aspi-cdut", "possible"),
    ("Kurchatov Institute, Hamburg, Germany", None, "us-dod-1286", "possible"),
    # several addresses: each name is read with its own address's country (second review: the NUDT acronym was set
    # aside as the last address's US)
    ("Northeastern University, Shenyang, China; Harvard University, Boston, MA, USA", None, "aspi-cdut", "match"),
    ("NUDT, Changsha, China; MIT, Cambridge, MA, USA", None, "aspi-cdut", "possible"),
    ("MIT, Cambridge, MA, USA; Tsinghua University, Beijing, China", None, "aspi-cdut", "match"),
    # the same name in two addresses: which is meant cannot be told, and the string's country stands (second review)
    ("Institute of High Energy Physics, Beijing, China; Institute of High Energy Physics, Protvino, Russia", None,
     "us-bis-entity", "match"),
    ("IHEP, Beijing, China; IHEP, Protvino, Russia", None, "us-bis-entity", "possible"),
    # a second address, or another organisation, between it and the town: the town may be the other one's
    ("Northeastern University / MIT, Boston, MA, USA", None, "aspi-cdut", "possible"),
    ("Northeastern Univ, Harvard Med Sch, Boston, MA 02115 USA", None, "aspi-cdut", "possible"),
    ("Huawei Technologies Co., Ltd., Stockholm, Sweden", None, "us-bis-entity", "possible"),  # a company
    # ROR's Army University is the namesake of the alias "Army University", not of the listed name (second review)
    ("Army Service Arms University, Fort Leavenworth, Kansas, USA", None, "us-dod-1286", "possible"),
])
def test_otherwise_a_differing_country_still_asks(ruleset: RuleSet, name: str, country: str | None, list_id: str,
                                                  decision: str) -> None:
    found = {c.entity.list_id: c for c in ruleset.matcher.match(name, country)}
    assert found[list_id].decision == decision


def test_a_country_alone_still_asks_and_says_which_namesake_would_answer(ruleset: RuleSet) -> None:
    found = {c.entity.list_id: c for c in ruleset.matcher.match("Northeastern University", "US")}["aspi-cdut"]
    assert found.decision == "possible"
    said = ("ROR registers another 'Northeastern University' in US (Boston, https://ror.org/04t5xt781): confirm which is "
            "meant")
    assert said in found.reasons
    assert reason(said, "nb") == ("ROR registrerer en annen 'Northeastern University' i US (Boston, https://ror.org/04t5xt781): "
                                  "bekreft hvilken som menes")
