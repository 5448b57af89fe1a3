"""How the Entity List's entries are read (its JSON parse, July 2026 edition): addresses printed inside an alias are
read off it (the alias is the name before them, the entry keeps the addresses, and a person whose address named an
"Office" is a person again); an alias that is only a town and its country is no name; the country an address names;
an acronym in brackets followed only by its place. Every alias and address below is the edition's."""

from __future__ import annotations

import pytest

from collabguard.lists.alias_addresses import split_alias
from collabguard.lists.entity_kind import KindReader
from collabguard.lists.importers import import_list
from collabguard.lists.rows import address_country, bracketed_acronyms, split_acronyms
from collabguard.ruleset import RuleSet
from tests.conftest import SHARED, needs_shared

SCREENING = SHARED / "data" / "lists" / "screening"


@pytest.mark.parametrize(
    ("alias", "name", "first_address"),
    [
        ("Sergei Nikoleivich Sanev, 5A North Street, Saransk, Republic of Mordovia, Russia 43006; and 53 Sherbakovskaya "
         "Street, Building 3, Office 509, 105318 Moscow, Russia", "Sergei Nikoleivich Sanev",
         "5A North Street, Saransk, Republic of Mordovia, Russia 43006"),
        ("Ship Repair Center Zvezdochka. 12, proyezd Mashinostroiteley, Severodvinsk, Arkhangelskaya Oblast 164509, "
         "Russia.", "Ship Repair Center Zvezdochka", "12, proyezd Mashinostroiteley, Severodvinsk, Arkhangelskaya Oblast 164509, Russia"),
        # a legal form after the full stop still belongs to the name
        ("Huawei Software Technologies Co. Ltd. 300 South Oak Way, Green Park, Reading, RG2 6UF; and 6 Mitre Passage, "
         "SE 10 0ER, United Kingdom", "Huawei Software Technologies Co. Ltd", "300 South Oak Way, Green Park, Reading, RG2 6UF"),
        # initials are no full stop that ends a name
        ("M.A.G. Tech, 5762 Royalmount Ave, Montreal, QC, H4P 1K5, Canada", "M.A.G. Tech",
         "5762 Royalmount Ave, Montreal, QC, H4P 1K5, Canada"),
        # a town and its country alone
        ("Southeast Trading LTD. Espoo, Finland; and Kannelkatu 8, Lappeenranta 53100, Finland", "Southeast Trading LTD",
         "Espoo, Finland"),
        # a closing quote before the full stop, and a stray one after it
        ("Federal State Institution Management of Federal Roads 'Taman'. 3 Revolution Avenue, Anapa, Krasnodar 353440, "
         "Russia", "Federal State Institution Management of Federal Roads 'Taman'", "3 Revolution Avenue, Anapa, Krasnodar 353440, Russia"),
        ("OOO 'Dorozhnaya Stroitelnaya Kompania'.' Stroitelnaya Street, 34, village of Kesova Gora, Tver Oblast 171470, "
         "Russia", "OOO 'Dorozhnaya Stroitelnaya Kompania'", "Stroitelnaya Street, 34, village of Kesova Gora, Tver Oblast 171470, Russia"),
        ("Sovfracht Management Company, LLC. Dobroslobodskaya, 3 BC Basmanov, Moscow 105066, Russia",
         "Sovfracht Management Company, LLC", "Dobroslobodskaya, 3 BC Basmanov, Moscow 105066, Russia"),
        # a town and its country, with no number
        ("Huawei Delhi OpenLab. Delhi, India", "Huawei Delhi OpenLab", "Delhi, India"),
        ("Huawei Moscow OpenLab, Moscow, Russia", "Huawei Moscow OpenLab", "Moscow, Russia"),
        # a street in a first part of three or more, with no number
        ("Hesheng Silicon Industry (Shanshan) Co., Ltd. Xinjiang East: West of Kekeya Road, Stone Industrial Park, "
         "Shanshan County, Turpan City, Xinjiang (Hesheng Industrial Park), China", "Hesheng Silicon Industry (Shanshan) Co., Ltd",
         "Xinjiang East: West of Kekeya Road, Stone Industrial Park, Shanshan County, Turpan City, Xinjiang (Hesheng "
         "Industrial Park), China"),
        # a name that runs on after its legal form into a building and its number (second review)
        ("BiotaGroup Company Al Thuraya Tower 1, 9th Floor, Office 907, P.O. Box: 500097, Dubai, U.A.E.",
         "BiotaGroup Company", "Al Thuraya Tower 1, 9th Floor, Office 907, P.O. Box: 500097, Dubai, U.A.E"),
        # nothing but a town and its country: no name (it matched every address in Rabat as Huawei Technologies Morocco)
        ("Rabat, Morocco", "", "Rabat, Morocco"),
    ],
)
def test_an_alias_that_carries_addresses_is_split(alias: str, name: str, first_address: str) -> None:
    found, addresses = split_alias(alias)
    assert found == name
    assert addresses[0] == first_address


@pytest.mark.parametrize(
    "alias",
    [
        "Tikhomirov Scientific Research Institute of Instrument Design, JSC",  # a legal form after the comma
        "Liyang No. 28 System Equipment Co., Ltd.",  # "No. 28" is no end of a name
        "Chelyabinsk-70, (Address: P.O. Box 245, 456770, Snezhinsk, Chelyabinsk Region Russia); and any nuclear-related "
        "entities, institutes, or centers located in Snezhinsk",  # never inside brackets
        "Pasit, AO",  # a legal form, not Angola
        # no country named: kept whole, since "Power Plant Workshops" alone would ask about every power plant's
        # workshops (second review)
        "Power Plant Workshops, P.O. Box 1114, Islamabad",
        "Beijing Institute of Technology, Chongqing Innovation Center",
        "China Electronics Technology Group Corporation 13th Research Institute, Hebei",
    ],
)
def test_an_alias_without_addresses_stays_whole(alias: str) -> None:
    assert split_alias(alias) == (alias, [])


@needs_shared
def test_the_entity_list_keeps_the_addresses_and_reads_the_person() -> None:
    rows = {r["entity_id"]: r for r in import_list(SCREENING / "us_bis_entity_list_2026-07-09.json", "bis-entity", "t")}
    sanaev = rows["t-ru-sergey-nikolayevich-sanaev"]
    # "Office 509" in the alias made him an organisation, and "SNS" an acronym asked about as a listed body
    assert sanaev["entity_kind"] == "person"
    assert sanaev["aliases"] == "Sergei Nikoleivich Sanev"
    assert "5A North Street, Saransk, Republic of Mordovia, Russia 43006" in sanaev["addresses"].split("|")
    assert len(sanaev["addresses"].split("|")) == 7
    zvezdochka = rows["t-ru-oao-ship-repair-center-zvezdochka"]
    assert "Ship Repair Center Zvezdochka" in zvezdochka["aliases"].split("|")
    assert any("Severodvinsk" in a for a in zvezdochka["addresses"].split("|"))
    assert not any(any(ch.isdigit() for ch in a) for a in zvezdochka["aliases"].split("|"))
    # "APEX Ltd., 26 General Belov St …": APEX's own name with its legal form, an alias (the company's), not an acronym
    apex = rows["t-ru-apex"]
    assert {"APEX Ltd.", "OOO APEX"} <= set(apex["aliases"].split("|")) and "APEX" not in apex["acronyms"].split("|")


def test_an_acronym_with_a_legal_form_is_an_acronym_unless_it_is_the_entrys_name() -> None:
    assert split_acronyms(["USC LTD"], "United Shipbuilding Corporation") == ([], ["USC"])
    assert split_acronyms(["APEX Ltd.", "OOO APEX"], "APEX") == (["APEX Ltd.", "OOO APEX"], [])


@pytest.mark.parametrize("name", ["Mohammed V University, Rabat, Morocco", "International University of Rabat, Rabat, Morocco",
                                  "Inst Natl Rech Agron, Rabat, Morocco"])
def test_an_address_in_rabat_is_not_huawei_technologies_morocco(ruleset: RuleSet, name: str) -> None:
    # the Entity List's alias "Rabat, Morocco" was matched as a name: every address in Rabat was a match
    assert "Huawei Technologies Morocco" not in {c.entity.name for c in ruleset.matcher.match(name, None)}


@pytest.mark.parametrize(("address", "country"), [
    ("Aviation 3 Trebeck Street, Mayfair, London, United Kingdom W1J7 LS", "GB"),  # not Lesotho
    ("Immeuble High Tech, 4eme Etage, Plateaux N 11, 12 Et 13, Hay Riad", ""),  # not Ethiopia
    ("No. 10", ""),  # not Norway
    ("and", ""),  # not Andorra
    ("12, 64th St. Jamalodin Asadabadi Avenue, Tehran, Iran", "IR"),
    ("7150 Rue Chouinard, Montreal, QC, H8N 2Z6 Canada", "CA"),
    ("Room 1203, 12/F, Tower A, Kowloon, Hong Kong", "HK"),
    ("1 Main Street, Springfield, USA", "US"),  # a code alone, in capitals
])
def test_the_country_an_address_names(address: str, country: str) -> None:
    # a short word is a country's code only alone and in capitals: the Entity List gave nine entries Norway from
    # "No. 601", CAEP Andorra from "and", three London addresses Lesotho
    assert address_country(address) == country


@pytest.mark.parametrize(("alias", "read"), [
    # only its place after the bracket: the name closes with it, and the acronym is the body's (PAEC's subordinate
    # institute on the Entity List; its letters stand for longer parts of the words: Pakistan INstitute … TECHnology)
    ("Pakistan Institute for Nuclear Science and Technology (PINSTECH), Nilore, Islamabad",
     (["Pakistan Institute for Nuclear Science and Technology"], ["PINSTECH"])),
    ("Beijing University of Aeronautics and Astronautics (BUAA)", (["Beijing University of Aeronautics and Astronautics"], ["BUAA"])),
    # letters of longer parts of the words, where the bracket closes the name
    ("National Institute of Lasers and Optronics (NILOP)", (["National Institute of Lasers and Optronics"], ["NILOP"])),
    ("Space and Upper Atmosphere Research Commission (SUPARCO)", (["Space and Upper Atmosphere Research Commission"],
                                                                  ["SUPARCO"])),
    # an organisation after the bracket: not its place, and the acronym is not taken
    ("China Electronics Technology Group Corporation 13th Research Institute (CETC 13), Hebei Semiconductor Research "
     "Institute", (["China Electronics Technology Group Corporation 13th Research Institute, Hebei Semiconductor Research "
                   "Institute"], [])),
])
def test_a_bracketed_acronym_followed_only_by_its_place(alias: str, read: tuple[list[str], list[str]]) -> None:
    assert bracketed_acronyms(alias) == read


def test_pinstech_is_found_as_the_entity_lists_paec(ruleset: RuleSet) -> None:
    found = {c.entity.list_id: c for c in ruleset.matcher.match("Pakistan Institute of Nuclear Science and Technology", "PK")}
    assert found["us-bis-entity"].entity.name == "Pakistan Atomic Energy Commission (PAEC)"
    assert found["us-bis-entity"].decision == "match"


@pytest.mark.parametrize(("name", "kind"), [
    ("Rostekh—Azimuth", "organisation"),  # a dash between words: a person's double name takes a hyphen
    ("Focus Middle East", "organisation"),  # a region
    ("Yuliya L. Molkova-Poluh", "person"),
    ("Brian Douglas Woodford", "person"),
])
def test_a_dash_or_a_region_makes_a_company(name: str, kind: str) -> None:
    import json

    entities = json.loads((SCREENING / "us_bis_entity_list_2026-07-09.json").read_text())["entities"]
    assert KindReader(e["name"] for e in entities).kind(name) == kind


def test_the_words_that_introduce_the_next_aliases_are_no_part_of_an_alias() -> None:
    rows = {r["entity_id"]: r for r in import_list(SCREENING / "us_bis_entity_list_2026-07-09.json", "bis-entity", "t")}
    paec = rows["t-pk-pakistan-atomic-energy-commission-paec"]
    aliases = paec["aliases"].split("|")
    assert "National Development Complex" in aliases and "National Institute of Lasers and Optronics" in aliases
    assert not any("following" in a for a in aliases)
    assert {"NDC", "NILOP", "PINSTECH"} <= set(paec["acronyms"].split("|"))
