"""A place of Xinjiang written as its Uyghur, Kazakh or Mongolian name is where the lists write it in pinyin:
"Hotan Taida Apparel" is the Entity List's "Hetian Taida Apparel Co., Ltd.", "Kumul Municipality Public Security
Bureau" its "Hami …" (issue #15: found only where the list gave that very alias). The spellings are the lists'
own (places.yaml ``spellings``); the same place written another way keeps the decision, the reason says so."""

from __future__ import annotations

import pytest

from collabguard.lists import load_lists
from collabguard.matching.matcher import Matcher
from collabguard.matching.place_spellings import place_spellings
from collabguard.reference.report_text import reason as report_reason
from tests.conftest import RULES, names_only_matcher


@pytest.fixture(scope="module")
def entity_list() -> Matcher:
    """The Entity List by its main names only (its aliases, which give the other spellings, taken away)."""
    return names_only_matcher("us-bis-entity")


@pytest.mark.parametrize(("written", "country", "readings"), [
    ("Hotan Taida Apparel", "CN", [("Hetian Taida Apparel", "'Hotan' as 'Hetian'")]),
    ("KARAMAY Municipality", None, [("Kelamayi Municipality", "'KARAMAY' as 'Kelamayi'"),
                                    ("Qaramay Municipality", "'KARAMAY' as 'Qaramay'")]),
    ("Hotan Taida Apparel", "IN", []),  # the table is China's
    ("Harbin Engineering University", "CN", []),
    ("Kashi Vidyapith", "IN", []),  # Kashi is Varanasi too
])
def test_a_place_is_read_with_its_other_spellings(written: str, country: str | None,
                                                   readings: list[tuple[str, str]]) -> None:
    assert [(r.text, r.said) for r in place_spellings(written, country)] == readings


@pytest.mark.parametrize(("name", "listed"), [
    ("Kumul Municipality Public Security Bureau", "Hami Municipality Public Security Bureau"),
    ("Qumul Municipality Public Security Bureau", "Hami Municipality Public Security Bureau"),
    ("Hotan Prefecture Public Security Bureau", "Hetian Prefecture Public Security Bureau"),
    ("Kashi Prefecture Public Security Bureau", "Kashgar Prefecture Public Security Bureau"),
    ("Ili Kazakh Autonomous Prefecture Public Security Bureau", "Yili Kazakh Autonomous Prefecture Public Security Bureau"),
    # a company named with the other spelling, which no list gives
    ("Hotan Taida Apparel Co., Ltd.", "Hetian Taida Apparel Co., Ltd."),
])
def test_the_same_place_spelt_otherwise_is_the_listed_body(entity_list: Matcher, name: str, listed: str) -> None:
    found = entity_list.match(name, "CN")
    assert found and found[0].entity.name == listed
    assert found[0].decision == "match"  # the same name: only the place is spelt another way
    assert any(r.endswith("another spelling of the same place the lists give") for r in found[0].reasons)


def test_a_name_found_as_written_is_not_read_otherwise() -> None:
    # the full list gives "Hotan Prefecture Public Security Bureau" as an alias: found as written
    found = Matcher(load_lists(RULES / "lists")).match("Hotan Prefecture Public Security Bureau", "CN")
    assert found and not any("another spelling" in " ".join(c.reasons) for c in found)


@pytest.mark.parametrize(("name", "country"), [
    ("Kashi Vidyapith", None),  # Mahatma Gandhi Kashi Vidyapith, Varanasi: "Kashgar Vidyapith" finds nothing either
    ("Hotan Normal University", "CN"),  # an unlisted body of the place
    ("Kumul Municipality Public Security Bureau", "IN"),  # another country's names are not read so
])
def test_no_other_body_is_found(entity_list: Matcher, name: str, country: str | None) -> None:
    assert not any("another spelling" in " ".join(c.reasons) for c in entity_list.match(name, country))


def test_the_reason_reads_in_bokmal() -> None:
    assert report_reason("read with 'Hotan' as 'Hetian', another spelling of the same place the lists give", "nb") == (
        "lest med 'Hotan' som 'Hetian', en annen skrivemåte for det samme stedet som listene oppgir")
