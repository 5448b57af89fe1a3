"""A Russian university's name is found without its status title ("National Research Tomsk Polytechnic
University" for the listed Tomsk Polytechnic University), at most ``possible``, the reason saying what was
left out (issue #15: "National Research … University", Russia's status title, was a miss)."""

from __future__ import annotations

import pytest

from collabguard.matching.normalize import tokens
from collabguard.matching.status_titles import names_a_body, without_centre_title, without_status_title
from collabguard.reference.report_text import reason as report_reason
from tests.conftest import names_only_matcher

TPU = "dod1286-tomsk-polytechnic-university"


@pytest.mark.parametrize(("written", "country", "rest", "title"), [
    ("National Research Tomsk Polytechnic University", "RU", "Tomsk Polytechnic University", "National Research"),
    ("National Research Tomsk Polytechnic University", None, "Tomsk Polytechnic University", "National Research"),
    ("Natl Res Tomsk Polytech Univ", "RU", "Tomsk Polytech Univ", "Natl Res"),  # as Web of Science writes it
    ("Национальный исследовательский Томский политехнический университет", "RU",
     "Томский политехнический университет", "Национальный исследовательский"),
    # only Russia's title
    ("National Research Tomsk Polytechnic University", "CN", None, ""),
    # whole words only
    ("International Research Institute", "RU", None, ""),
])
def test_a_status_title_is_read_away(written: str, country: str | None, rest: str | None, title: str) -> None:
    found = without_status_title(written, country)
    assert (found.text if found else None) == rest
    if found:
        assert found.title == title


@pytest.mark.parametrize("name", [
    "National Research Tomsk Polytechnic University",
    "Natl Res Tomsk Polytech Univ",
    "Национальный исследовательский Томский политехнический университет",
    "School of Physics, National Research Tomsk Polytechnic University, Tomsk, Russia",
])
def test_a_university_without_its_status_title_is_possible(name: str) -> None:
    matcher = names_only_matcher("us-dod-1286", (TPU,))  # the list's own name only: "Tomsk Polytechnic University"
    found = matcher.match(name, "RU")
    assert [c.entity.entity_id for c in found] == [TPU]
    assert found[0].decision == "possible"  # asked, never matched on a name read without part of it
    assert any("the status title of a national research university: confirm it is the body meant" in r
               for r in found[0].reasons), found[0].reasons


@pytest.mark.parametrize(("name", "country"), [
    ("National Research Tomsk Polytechnic University", "CN"),  # another country's name is not read so
    # what follows the title is no university's own name
    ("National Research University Tomsk Polytechnic", "RU"),
])
def test_no_status_title_is_read_away_elsewhere(name: str, country: str) -> None:
    matcher = names_only_matcher("us-dod-1286", (TPU,))
    assert not any("status title" in " ".join(c.reasons) for c in matcher.match(name, country))


@pytest.mark.parametrize("name", ["National Research Council", "National Research Center Kurchatov Institute",
                                  "National Research University Higher School of Economics"])
def test_a_council_centre_or_title_alone_is_not_read_as_a_university(name: str) -> None:
    matcher = names_only_matcher("us-dod-1286")
    assert not any("status title" in " ".join(c.reasons) for c in matcher.match(name, "RU"))


def test_the_status_title_reason_reads_in_bokmal() -> None:
    nb = report_reason("read without 'National Research', the status title of a national research university: "
                       "confirm it is the body meant", "nb")
    assert nb == ("lest uten 'National Research', statustittelen til et nasjonalt forskningsuniversitet: bekreft at "
                  "det er denne organisasjonen som menes")


# Russia's research centres carry a status in front of their name, or leave it out (name-words.yaml centre_titles)
@pytest.mark.parametrize(("written", "rest", "title"), [
    ("National Research Center Kurchatov Institute", "Kurchatov Institute", "National Research Center"),
    ("Federal State Institution Federal Scientific Center Scientific Research Institute for System Analysis of the "
     "Russian Academy of Sciences", "Federal State Institution Scientific Research Institute for System Analysis of the "
     "Russian Academy of Sciences", "Federal Scientific Center"),
    ("Krylov State Research Center", "Krylov", "State Research Center"),  # read away, but "Krylov" names no body
])
def test_a_research_centres_status_is_read_away(written: str, rest: str, title: str) -> None:
    found = without_centre_title(written, "RU")
    assert found is not None and (found.text, found.title) == (rest, title)
    assert names_a_body(tokens(found.text)) is (rest != "Krylov")


@pytest.mark.parametrize(("name", "list_id", "entity_id", "why"), [
    # the lists' own aliases of these entries, asked of their main names only: the listed name without its status
    ("Scientific Research Institute of System Analysis, Russian Academy of Sciences", "us-bis-entity",
     "us-bis-entity-ru-federal-state-institution-federal-scientific-center-scientific-research-institute-for-s",
     "without 'Federal Scientific Center', a status the state gives research centres"),
    ("The Kurchatov Institute", "us-bis-entity", "us-bis-entity-ru-national-research-center-kurchatov-institute",
     "without 'National Research Center', a status"),
    # the name without its status
    ("Federal Research and Production Center Research Institute of Applied Chemistry", "us-bis-entity",
     "us-bis-entity-ru-scientific-research-institute-of-applied-chemistry",
     "read without 'Federal Research and Production Center', the status of a research centre: confirm"),
])
def test_a_research_centre_is_found_without_its_status_as_possible(name: str, list_id: str, entity_id: str,
                                                                    why: str) -> None:
    found = names_only_matcher(list_id).match(name, "RU")
    assert [(c.entity.entity_id, c.decision) for c in found][:1] == [(entity_id, "possible")]
    assert any(why in r for r in found[0].reasons), found[0].reasons


def test_a_research_centres_status_reads_in_bokmal() -> None:
    nb = report_reason("read without 'National Research Center', the status of a research centre: confirm it is the "
                       "body meant", "nb")
    assert nb == "lest uten 'National Research Center', statusen til et forskningssenter: bekreft at det er denne " \
                 "organisasjonen som menes"


def test_a_translation_of_a_listed_name_without_its_status_is_no_match() -> None:
    # ИК СО РАН: translated word for word, the name is the listed FRC's without "Federal Research Center", which
    # may join several institutes: asked, not matched (as a name without its eponym)
    found = names_only_matcher("us-bis-entity").match("Институт катализа им. Г.К. Борескова", "RU")
    assert found and {c.decision for c in found} == {"possible"}
    assert found[0].entity.name == "Federal Research Center Boreskov Institute of Catalysis"
