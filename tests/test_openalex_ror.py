"""ROR ids in OpenAlex exports (issue #15 item 1): each institution's ``ror`` is kept, and an address
whose institution carries the ROR id of a linked list entry counts as that entry's co-publication."""

from __future__ import annotations

import json
from pathlib import Path

from collabguard.bibliometrics.indicators import listed_copublications
from collabguard.bibliometrics.load import load_export
from collabguard.bibliometrics.openalex import read_openalex_csv, read_openalex_json
from collabguard.ruleset import RuleSet
from tests.conftest import SHARED, needs_shared


@needs_shared
def test_the_ror_ids_of_a_real_openalex_work_are_read() -> None:
    (work,) = load_export(SHARED / "data" / "bibliometrics" / "openalex_work_svp_harvester_various_locations.json").works
    rors = {a.institution: a.ror for a in work.affiliations}
    assert rors["University of Modena and Reggio Emilia"] == "https://ror.org/02d4c4y02"
    assert rors["Institut Lumière Matière"] == "https://ror.org/0323bey33"
    assert all(r.startswith("https://ror.org/0") for r in rors.values())


def test_the_web_export_pairs_each_institution_with_its_ror_id() -> None:
    lines = ['id,display_name,publication_year,authorships.countries,authorships.institutions.display_name,'
             'authorships.institutions.ror',
             'https://openalex.org/W1,A work,2024,CN|NO,Beihang University|NTNU,https://ror.org/00wk2mp56|https://ror.org/05xg72x27',
             'https://openalex.org/W2,Another,2024,CN,Beihang University|NTNU,https://ror.org/00wk2mp56']  # not one per name
    first, second = read_openalex_csv(lines, "export.csv").works
    assert {a.institution: a.ror for a in first.affiliations} == {"Beihang University": "https://ror.org/00wk2mp56",
                                                                  "NTNU": "https://ror.org/05xg72x27"}
    assert {a.ror for a in second.affiliations} == {""}  # unpaired: no guessing which name the id belongs to


def test_an_address_with_a_linked_ror_id_counts_as_the_listed_entry(ruleset: RuleSet) -> None:
    work = {"id": "https://openalex.org/W9", "title": "Flight control", "publication_year": 2024, "authorships": [{
        "raw_affiliation_strings": ["School of Automation, Hangzhou, China"],
        "institutions": [{"display_name": "BH School of Automation", "country_code": "CN", "ror": "https://ror.org/00wk2mp56"}]}]}
    loaded = read_openalex_json(json.dumps(work), "w.json")
    assert loaded.works[0].affiliations[0].ror == "https://ror.org/00wk2mp56"
    listed = {(row.list_id, row.name) for row in listed_copublications(loaded.works, ruleset.matcher)}
    assert ("aspi-cdut", "Beihang University") in listed
    work["authorships"][0]["institutions"][0].pop("ror")  # the same address without the id: the name says nothing
    assert listed_copublications(read_openalex_json(json.dumps(work), "w.json").works, ruleset.matcher) == []


def test_a_mistyped_ror_id_in_an_export_is_left_out(tmp_path: Path) -> None:
    work = {"id": "W1", "title": "T", "authorships": [{"institutions": [{"display_name": "X", "ror": "https://ror.org/00wk2mp57"}]}]}
    assert read_openalex_json(json.dumps(work), "w.json").works[0].affiliations[0].ror == ""
