"""Sanctions and export-control lists read from the real downloads (issue 16, item 1): row counts
pinned, persons kept apart from organisations, countries (Hong Kong as HK), addresses, the Federal
Register citation or other legal basis, the date added and the list's meaning kept per entry; and
the shipped lists are exactly what the importer writes from those downloads."""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.errors import InputError
from collabguard.lists.entity_kind import KindReader
from collabguard.lists.importers import import_files, import_list, list_csv_text
from tests.conftest import RULES, SHARED, needs_shared

SCREENING = SHARED / "data" / "lists" / "screening"
runner = CliRunner()
pytestmark = needs_shared


def _rows(name: str, fmt: str, prefix: str = "t") -> dict[str, dict[str, str]]:
    return {r["entity_id"]: r for r in import_list(SCREENING / name, fmt, prefix)}


# file, format, rows, organisations, persons (UN and EU say who is a person; the US lists do not, and
# collabguard's rule decides: README, "Persons on the lists")
COUNTS = [
    ("us_bis_entity_list_2026-07-09.json", "bis-entity", 3409, 3008, 401),
    ("us_bis_meu_list_2026-07-09.json", "bis-meu", 70, 70, 0),
    ("us_ofac_ns_cmic_list_2026-07-09.json", "ofac-cmic", 68, 68, 0),
    ("us_state_isn_nonproliferation_2025-05.json", "state-isn", 528, 430, 98),
    ("un_sc_consolidated_2026-02-27.xml", "un-xml", 1003, 273, 730),
    ("eu_oj_reg-833-2014_russia_consolidated_2026-07-17.csv", "eu-annex", 1085, 1085, 0),  # 661 vessels and assets left out
    ("eu_oj_reg-269-2014_russia-ukraine_consolidated_2026-07-17.csv", "eu-annex", 2802, 818, 1984),
    ("eu_oj_reg-267-2012_iran_consolidated_2026-08-01.csv", "eu-annex", 339, 262, 77),
    ("eu_oj_reg-2023-1529_iran-drones-missiles_consolidated_2026-08-01.csv", "eu-annex", 49, 27, 22),
    ("eu_oj_reg-765-2006_belarus_consolidated_2026-04-24.csv", "eu-annex", 407, 95, 312),
    ("eu_oj_reg-2017-1509_dprk_consolidated_2025-12-17.csv", "eu-annex", 251, 94, 157),
    ("eu_oj_reg-2019-796_cyber_consolidated_2026-07-13.csv", "eu-annex", 38, 11, 27),
    ("eu_oj_reg-2020-1998_human-rights_consolidated_2026-05-28.csv", "eu-annex", 177, 41, 136),
    ("eu_oj_reg-2024-2642_russia-destabilising_consolidated_2026-07-13.csv", "eu-annex", 100, 20, 80),
]


@pytest.mark.parametrize(("name", "fmt", "rows", "organisations", "persons"), COUNTS)
def test_each_real_download_gives_its_pinned_rows(name: str, fmt: str, rows: int, organisations: int, persons: int) -> None:
    found = import_list(SCREENING / name, fmt, "t")
    kinds = Counter(r["entity_kind"] for r in found)
    assert (len(found), kinds["organisation"], kinds["person"]) == (rows, organisations, persons)
    assert all(r["source_url"].startswith("https://") and r["legal_basis"] for r in found)


def test_entity_list_entries_keep_names_citation_date_addresses_and_meaning() -> None:
    rows = _rows("us_bis_entity_list_2026-07-09.json", "bis-entity")
    buaa = rows["t-cn-beijing-university-of-aeronautics-and-astronautics-buaa"]
    assert buaa["name"] == "Beijing University of Aeronautics and Astronautics (BUAA)"
    # the name without its bracketed acronym is another form of it, so the plain name matches
    assert "Beihang University" in buaa["aliases"].split("|")
    assert "Beijing University of Aeronautics and Astronautics" in buaa["aliases"].split("|")
    assert buaa["acronyms"] == "BUAA"
    assert (buaa["country"], buaa["legal_basis"], buaa["date_added"]) == ("CN", "Federal Register 66 FR 24266, 5/14/01", "2001-05-14")
    assert buaa["addresses"].split("|")[0] == "37 Xueyuan Road, Haidian District, Beijing, China"
    assert buaa["measure"].startswith("licence requirement: For all items subject to the EAR")
    assert sum(1 for r in rows.values() if r["date_added"]) == 3407  # two citations carry no date


def test_an_acronym_in_brackets_after_of_is_the_parents_not_the_entrys() -> None:
    """"20th Research Institute of China Electronic Technology Group Corp (CETC)" is an alias of the Xi'an Research
    Institute of Navigation Technology: CETC is the group's acronym, not the institute's (it was written as the
    institute's, and "CETC" alone asked about two of its institutes as if the list named them so)."""
    rows = _rows("us_bis_entity_list_2026-07-09.json", "bis-entity")
    for key in ("t-cn-xi-an-research-institute-of-navigation-technology",
                "t-cn-southwest-research-institute-of-electronics-technology"):
        assert "CETC" not in rows[key]["acronyms"].split("|")
        assert any("(CETC)" in a for a in rows[key]["aliases"].split("|"))
    assert rows["t-cn-beijing-university-of-aeronautics-and-astronautics-buaa"]["acronyms"] == "BUAA"


def test_hong_kong_addresses_give_hk_and_every_country_is_kept() -> None:
    rows = _rows("us_bis_entity_list_2026-07-09.json", "bis-entity")
    countries = Counter(r["country"] for r in rows.values())
    assert countries["HK"] == 174  # under the China heading, every address in Hong Kong
    chipgoo = rows["t-cn-chipgoo-electronics-limited"]  # Kowloon and Shenzhen addresses
    assert (chipgoo["country"], chipgoo["countries"]) == ("CN", "CN|HK")
    un = _rows("un_sc_consolidated_2026-02-27.xml", "un-xml")
    assert un["t-kpe-017"]["country"] == "HK"  # "Wanchai, China, Hong Kong Special Administrative Region"


def test_a_subordinate_institution_is_listed_as_itself_with_its_parent() -> None:
    rows = _rows("us_bis_entity_list_2026-07-09.json", "bis-entity")
    envoltek = rows["t-cn-envoltek"]
    assert envoltek["name"] == "Envoltek"
    assert envoltek["category"] == "subordinate institution of China Electronics Technology Group Corporation 13th Research Institute (CETC 13)"
    # "… subordinate institution:" with no name after it: the first alias is its name
    assert rows["t-cn-hebei-brightway-international"]["name"] == "Hebei Brightway International"


@pytest.mark.parametrize(
    ("name", "aliases", "kind"),
    [
        ("Wang Wei", ["Jack Wang"], "person"),
        ("Habib ur Rahman", ["Hanif"], "person"),
        ("M.R. Ahmadi", [], "person"),
        ("DJI", [], "organisation"),  # one word: a brand
        ("Huawei Cloud Argentina", [], "organisation"),  # a country in the name
        ("Wise Road Capital", ["Beijing Wise Road Management Co., Ltd."], "organisation"),  # an alias says so
        ("Albrecht Import-Export", [], "organisation"),  # a hyphenated business word
        ("Aerofalcon S.L.", [], "organisation"),  # a legal form written with dots
        ("Address 01", [], "organisation"),  # a digit
    ],
)
def test_the_person_rule_on_the_entity_list(name: str, aliases: list[str], kind: str) -> None:
    import json

    entities = json.loads((SCREENING / "us_bis_entity_list_2026-07-09.json").read_text())["entities"]
    reader = KindReader(e["name"] for e in entities)
    assert reader.kind(name, aliases) == kind


def test_the_nonproliferation_table_says_which_measures_are_still_active() -> None:
    rows = _rows("us_state_isn_nonproliferation_2025-05.json", "state-isn")
    assert Counter(r["category"] for r in rows.values()) == {"ended": 376, "active": 152}
    han = rows["t-cn-han-dejian-prc-individual"]  # the table itself says "(PRC individual)"
    assert (han["entity_kind"], han["category"]) == ("person", "active")
    limmt = rows["t-cn-dalian-sunny-industries"]
    assert "LIMMT (Dalian) Metallurgy and Minerals Co." in limmt["aliases"].split("|")
    assert not any(a.startswith(("and ", "also known as")) for a in limmt["aliases"].split("|"))


def test_the_cmic_list_keeps_programme_listing_date_and_target_type() -> None:
    rows = _rows("us_ofac_ns_cmic_list_2026-07-09.json", "ofac-cmic")
    avic = rows["t-cn-aviation-industry-corporation-of-china-ltd"]
    assert (avic["legal_basis"], avic["date_added"], avic["category"]) == (
        "OFAC programme CMIC-EO13959", "2021-06-03", "State-Owned Enterprise")
    assert avic["acronyms"] == "AVIC"


def test_the_un_list_keeps_reference_regime_and_listing_date() -> None:
    rows = _rows("un_sc_consolidated_2026-02-27.xml", "un-xml")
    malek = rows["t-ire-040"]
    assert (malek["name"], malek["country"], malek["entity_kind"]) == ("MALEK ASHTAR UNIVERSITY", "IR", "organisation")
    assert (malek["legal_basis"], malek["date_added"]) == ("UN Security Council Iran sanctions, IRe.040", "2010-06-09")
    assert malek["measure"].startswith("UN asset freeze")
    katanga = rows["t-cdi-006"]
    assert (katanga["name"], katanga["entity_kind"], katanga["country"]) == ("GERMAIN KATANGA", "person", "CD")


def test_an_eu_act_and_its_amending_act_make_one_list() -> None:
    act = SCREENING / "eu_oj_reg-833-2014_russia_consolidated_2026-07-17.csv"
    amending = SCREENING / "eu_oj_amendment_32026R1848.csv"
    rows = {r["entity_id"]: r for r in import_files([act, amending], "eu-annex", "t", "2026-07-17")}
    assert len(rows) == 1192  # 1,085 + 107 new organisations; one record (581) replaced by the amending act
    sft = rows["t-32014r0833-iv-581"]
    assert sft["legal_basis"] == ("Council Regulation (EU) No 833/2014, Annex IV, as amended by Council Regulation (EU) 2026/1848")
    assert (sft["country"], sft["date_added"], sft["measure"], sft["source_date"]) == ("RU", "2023-12-18", "Export control", "2026-07-17")
    assert "Общество с Ограниченной Ответственностью «СФТ» (ООО «СФТ»)" in sft["aliases"].split("|")
    assert sum(1 for r in rows.values() if r["country"] == "HK") == 60


def test_every_shipped_sanctions_list_is_what_the_importer_writes_from_its_download() -> None:
    shipped = {"us-bis-entity": ("us_bis_entity_list_2026-07-09.json", "bis-entity"),
               "us-bis-meu": ("us_bis_meu_list_2026-07-09.json", "bis-meu"),
               "us-ofac-cmic": ("us_ofac_ns_cmic_list_2026-07-09.json", "ofac-cmic"),
               "us-state-isn": ("us_state_isn_nonproliferation_2025-05.json", "state-isn"),
               "un-sc": ("un_sc_consolidated_2026-02-27.xml", "un-xml")}
    for list_id, (name, fmt) in shipped.items():
        text = list_csv_text(import_list(SCREENING / name, fmt, list_id))
        assert text.encode("utf-8") == (RULES / "lists" / f"{list_id}.csv").read_bytes(), list_id


def test_the_import_command_prints_the_manifest_entry_with_meaning(tmp_path: Path) -> None:
    out = tmp_path / "un.csv"
    result = runner.invoke(app, ["lists", "import", str(SCREENING / "un_sc_consolidated_2026-02-27.xml"), "-f", "un-xml",
                                 "-o", str(out), "--id", "un-sc"])
    assert result.exit_code == 0, result.output
    assert "1003 entries written" in result.output and "273 organisations, 730 persons kept apart" in result.output
    assert f"sha256: {hashlib.sha256(out.read_bytes()).hexdigest()}" in result.output
    assert "legal_character: sanctions" in result.output and 'edition: "2026-02-27"' in result.output
    header = next(csv.reader(io.StringIO(out.read_text())))
    assert header[-6:] == ["entity_kind", "countries", "addresses", "legal_basis", "date_added", "measure"]


@pytest.mark.parametrize(
    ("name", "fmt", "says"),
    [
        ("us_bis_meu_list_2026-07-09.json", "bis-entity", "list_id is 'bis-meu', not 'bis-entity-list': not a bis-entity file"),
        ("eu_oj_reg-2019-796_cyber_consolidated_2026-07-13.csv", "un-xml", "not readable XML"),
        ("un_sc_consolidated_2026-02-27.xml", "eu-annex", "not an EU annex transcription: missing column(s)"),
    ],
)
def test_a_file_of_another_format_is_one_clear_line(name: str, fmt: str, says: str) -> None:
    with pytest.raises(InputError) as exc:
        import_list(SCREENING / name, fmt, "t")
    assert says in str(exc.value) and name in str(exc.value) and "\n" not in str(exc.value)


def test_an_xml_file_with_entity_declarations_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "un.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
                    "<CONSOLIDATED_LIST><ENTITIES><ENTITY><FIRST_NAME>&b;</FIRST_NAME></ENTITY></ENTITIES></CONSOLIDATED_LIST>")
    with pytest.raises(InputError, match="declares a DOCTYPE or entities"):
        import_list(bomb, "un-xml", "t")
