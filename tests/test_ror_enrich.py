"""`collabguard lists enrich` (issue #15 item 1): list entries linked to ROR records only where
identity is certain; ambiguous links reported, never made; the alias file shipped beside the lists
is exactly what the command writes from the shared ROR data."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.lists import load_lists
from collabguard.lists.enrich import Enrichment, enrich
from collabguard.lists.model import Entity
from tests.conftest import REPO, RULES, SHARED, needs_shared

runner = CliRunner()
ROR = SHARED / "data" / "ror"
DUMPS = [ROR / "ror-records-subset.jsonl", ROR / "ror-records-home-education.jsonl"]
FIXTURES = REPO / "tests" / "data" / "ror"

# per list: entries, linked, ambiguous (pinned on the shared ROR data of 2026-06-23)
LINKED = {
    "aspi-cdut": (159, 113, 1), "ca-nro": (103, 43, 2), "jp-mofa-ru": (129, 7, 0), "un-sc": (273, 0, 0),
    "us-bis-entity": (3008, 63, 0), "us-bis-meu": (70, 1, 0), "us-dod-1260h": (188, 21, 1), "us-dod-1286": (150, 58, 0),
    "us-ofac-cmic": (68, 9, 1), "us-state-isn": (430, 3, 2),
}


@pytest.fixture(scope="module")
def enriched() -> Enrichment:
    if not ROR.is_dir():
        pytest.skip(f"shared ROR data not found at {ROR}")
    return enrich(load_lists(RULES / "lists", registry_names=False).entities, DUMPS, date="2026-06-23")


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@needs_shared
def test_links_per_list_on_the_real_ror_records(enriched: Enrichment) -> None:
    assert enriched.per_list() == LINKED
    assert (enriched.records_read, dict(enriched.skipped)) == (7283, {"withdrawn": 310, "inactive": 209,
                                                                      "not a ROR record": 0})
    rows = enriched.rows()
    assert (len(rows), sum(r["relation"] == "part" for r in rows)) == (2256, 922)


@needs_shared
@pytest.mark.parametrize(("entity_id", "problem"), [
    # the list names the same body twice (spelling variants of one party): which row is it?
    ("us-state-isn-ir-atomic-energy-organization-of-iran", "the ROR record fits several entries of this list"),
    ("us-state-isn-ir-atomic-energy-organization-of-iran-aeoi", "the ROR record fits several entries of this list"),
    # the entry's aliases name three ROR records (its units, listed as aliases)
    ("ca-nro-chinese-academy-of-engineering-physics", "fits several ROR records"),
    # ROR gives "China Telecom" the other entry's own name
    ("dod1260h-china-telecom-group-co-ltd", "the ROR record fits another entry of this list by that entry's own name"),
    # a ROR record carries this institute's Chinese name, but its English name is another university's
    ("aspi-heilongjiang-institute-of-technology", "only a local-script name fits the ROR record, and the English names disagree"),
])
def test_ambiguous_links_are_reported_and_not_made(enriched: Enrichment, entity_id: str, problem: str) -> None:
    assert {a.entity.entity_id: a.problem for a in enriched.ambiguous}[entity_id] == problem
    assert entity_id not in {r["entity_id"] for r in enriched.rows()}


@needs_shared
def test_only_existing_entries_get_names_and_never_by_an_acronym(enriched: Enrichment) -> None:
    entries = {(e.list_id, e.entity_id): e for e in load_lists(RULES / "lists", registry_names=False).entities}
    for link in enriched.links:
        assert entries[(link.entity.list_id, link.entity.entity_id)].name == link.entity.name
        assert link.linked_by in (link.entity.name, link.entity.name_local, *link.entity.aliases)
        assert link.linked_by not in link.entity.acronyms and not re.fullmatch(r"[A-Z]{2,8}", link.linked_by)
        assert link.record.countries and link.entity.country  # a country on both sides, and they agree:
        assert {"CN" if c in ("HK", "MO") else c for c in link.record.countries} & {
            "CN" if link.entity.country in ("HK", "MO") else link.entity.country}


def test_an_acronym_or_a_generic_name_never_links() -> None:
    fixture = [FIXTURES / "v1.99-2026-01-02-ror-data_schema_v2.json"]
    cases = [Entity(entity_id="a", list_id="t", name="Example Aviation Body", acronyms=("BUAA",), aliases=("BUAA",), country="CN"),
             Entity(entity_id="b", list_id="t", name="Laboratory", aliases=("Tianmushan",), country="CN"),
             Entity(entity_id="c", list_id="t", name="Beihang University", country="US"),  # another country
             Entity(entity_id="d", list_id="t", name="Tianmushan Laboratory", country="CN")]
    result = enrich(cases, fixture)
    assert [(link.entity.entity_id, link.record.ror_id) for link in result.links] == [("d", "https://ror.org/03smwa682")]
    assert result.ambiguous == []


def test_a_links_units_come_from_either_side_of_the_relation(tmp_path: Path) -> None:
    """Beihang's record names Tianmushan Laboratory as its child; the State Key Laboratory of Virtual
    Reality names Beihang as its parent in its own (schema 1.0) record only."""
    fixture = [FIXTURES / "v1.99-2026-01-02-ror-data_schema_v2.json", FIXTURES / "ror-records-v1.jsonl"]
    beihang = Entity(entity_id="b", list_id="t", name="Beihang University", country="CN")
    rows = enrich([beihang], fixture).rows()
    same = {r["name"]: r["name_kind"] for r in rows if r["relation"] == "same"}
    assert same == {"Beihang University": "ror_display", "北京航空航天大学": "label",
                    "Beijing University of Aeronautics and Astronautics": "alias", "BUAA": "acronym"}
    assert {(r["name"], r["record_id"]) for r in rows if r["relation"] == "part"} == {
        ("Tianmushan Laboratory", "https://ror.org/03smwa682"), ("天目山实验室", "https://ror.org/03smwa682"),
        ("Tiānmùshān Shíyànshì", "https://ror.org/03smwa682"),
        ("State Key Laboratory of Virtual Reality Technology and Systems", "https://ror.org/0009eea46"),
        ("State Key Lab of Virtual Reality Technology and Systems", "https://ror.org/0009eea46"),
        ("虚拟现实技术与系统国家重点实验室", "https://ror.org/0009eea46"), ("虚拟现实技术国家重点实验室", "https://ror.org/0009eea46")}
    assert {(r["ror_release"], r["ror_date"]) for r in rows if r["record_id"] == "https://ror.org/00wk2mp56"} == {
        ("v1.99", "2026-01-02")}
    assert {r["wikidata"] for r in rows} == {"Q2299797"} and {r["linked_on"] for r in rows} == {"name"}


@needs_shared
def test_the_shipped_alias_file_is_what_lists_enrich_writes(tmp_path: Path) -> None:
    out = tmp_path / "ror-aliases.csv"
    args = ["lists", "enrich", *(a for d in DUMPS for a in ("--ror", str(d))), "--date", "2026-06-23", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == (RULES / "lists" / "ror-aliases.csv").read_bytes()
    side = tmp_path / "ror-aliases-ambiguous.csv"
    assert side.read_bytes() == (RULES / "lists" / "ror-aliases-ambiguous.csv").read_bytes()
    assert len(_rows(side)) == sum(a for _, _, a in LINKED.values())
    for list_id, (entries, linked, unclear) in LINKED.items():
        assert re.search(rf"^{list_id}\s+{entries:,}\s+{linked:,}\s+{unclear:,}$", result.output, re.MULTILINE), list_id
    manifest = yaml.safe_load((RULES / "lists" / "lists.yaml").read_text(encoding="utf-8"))
    (entry,) = manifest["registry_aliases"]
    assert f"sha256: {entry['sha256']}" in result.output
    # and the files beside them: the acronyms derived from entries' names that ROR gives other organisations, the
    # aliases the lists give entries that ROR registers as other organisations, and the organisations of other
    # countries ROR registers under listed institutions' names
    for name, key in [("ror-aliases-acronyms-elsewhere.csv", "registry_acronyms"),
                      ("ror-aliases-names-elsewhere.csv", "registry_names_elsewhere"),
                      ("ror-aliases-namesakes.csv", "registry_namesakes")]:
        assert (tmp_path / name).read_bytes() == (RULES / "lists" / name).read_bytes(), name
        (entry,) = manifest[key]
        assert f"sha256: {entry['sha256']}" in result.output, key


def test_an_institution_of_another_country_with_a_listed_name_is_written_as_a_namesake(enriched: Enrichment) -> None:
    """ROR registers another Northeastern University in Boston beside ASPI's of Shenyang, and an Army University at
    Fort Leavenworth beside the 1286 list's Army Service Arms University (alias "Army University"); only the record's
    own names count (its display name and labels), and never for an entry of the record's country."""
    found = {(r["list_id"], r["entity_name"], r["name"], r["record_id"], r["record_country"], r["record_town"])
             for r in enriched.namesake_rows()}
    assert ("aspi-cdut", "Northeastern University", "Northeastern University", "https://ror.org/04t5xt781", "US",
            "Boston") in found
    assert ("us-dod-1286", "Army Service Arms University", "Army University", "https://ror.org/01rsvh545", "US",
            "Fort Leavenworth") in found
    assert all(r["record_country"] != r["country"] for r in enriched.namesake_rows())


@needs_shared
@pytest.mark.parametrize(("option", "shipped"), [("--names-elsewhere", "ror-aliases-names-elsewhere.csv"),
                                                ("--namesakes", "ror-aliases-namesakes.csv")])
def test_a_file_beside_the_aliases_goes_where_it_is_asked_to(tmp_path: Path, option: str, shipped: str) -> None:
    out, asked = tmp_path / "aliases.csv", tmp_path / "elsewhere" / "file.csv"
    asked.parent.mkdir()
    args = ["lists", "enrich", *(a for d in DUMPS for a in ("--ror", str(d))), "--date", "2026-06-23", "-o", str(out),
            option, str(asked)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert asked.read_bytes() == (RULES / "lists" / shipped).read_bytes()
    assert not (tmp_path / shipped.replace("ror-aliases", "aliases")).exists()  # not beside the output as well


def test_an_alias_that_ror_registers_as_another_organisation_is_written_apart(enriched: Enrichment) -> None:
    """The 1286 list gives Xi'an Technological University (西安工业大学) the alias "Xi'an University of Technology",
    which ROR registers as another university (西安理工大学); ASPI gives Soochow University its old English name
    "Suzhou University", another university's today. An alias naming a unit of the linked record is not written."""
    found = {(r["list_id"], r["entity_name"], r["name"], r["record_id"]) for r in enriched.name_rows()}
    assert ("us-dod-1286", "Xi’an Technological University", "Xi’an University of Technology",
            "https://ror.org/038avdt50") in found
    assert ("aspi-cdut", "Soochow University", "Suzhou University", "https://ror.org/02bz8aa76") in found
    assert all(r["record_id"] != r2.get("ror_id") for r in enriched.name_rows() for r2 in enriched.rows()
               if r2["entity_id"] == r["entity_id"] and r2["relation"] == "same")


# (list, entry, acronym derived from its name, ROR records of its country that have it, or () when one of them is
# the entry itself)
ACRONYMS = [
    ("us-ofac-cmic", "China Avionics Systems Company Limited", "CAS", {"Chinese Academy of Sciences"}),
    ("aspi-cdut", "Heilongjiang Institute of Technology", "HIT", {"Harbin Institute of Technology"}),
    ("aspi-cdut", "Tongji University", "TJU", {"Tianjin University"}),
    # the entry itself, by its link or its names however written: the acronym is its own too
    ("aspi-cdut", "Harbin Institute of Technology", "HIT", set()),
    ("us-bis-entity", "Chinese Academy of Engineering Physics", "CAEP", set()),  # ROR: "China Academy …"
    ("us-dod-1286", "Moscow State University", "MSU", set()),  # ROR: "Lomonosov Moscow State University"; and
    # Admiral Nevelskoy Maritime State University has "MSU" as well: shared, for a person to tell apart
    ("us-bis-entity", "P.P. Shirshov Institute of Oceanology of the Russian Academy of Sciences", "SIO", set()),
    ("us-dod-1286", "Naval Submarine Academy", "NSA", set()),  # ROR: "PLA Navy Submarine Academy"
    # a Russian acronym (matching/russian_initials.py) ROR gives a museum: set aside
    ("us-bis-entity", "Joint Stock Company Perm Machine Building Plant", "PMZ", {"Pereslavl Museum-Reserve"}),
    # another list gives the acronym to an entry of the same name (the Japanese MOFA list's VNIIFTRI; ROR writes the
    # institute "… of Physical-Technical and Radiotechnical Measurements"): the entry's own
    ("us-bis-entity", "Federal State Unitary Enterprise All-Russian Research Institute of Physical, Technical and Radio "
     "Engineering Measurements", "VNIIFTRI", set()),
    ("us-dod-1286", "National Defense University", "NDU", set()),  # the NRO list's and ASPI's NDU
    # the acronym-skip stage's readings, one inner letter left out, as well: XDUST without D is XUST
    ("aspi-cdut", "Xidian University", "XUST", {"Xi'an University of Science and Technology"}),
    ("aspi-cdut", "Shijiazhuang Tiedao University", "SJTU", {"Shanghai Jiao Tong University"}),
    ("us-bis-entity", "University of Electronic Science and Technology of China", "USTC",
     {"University of Science and Technology of China"}),
    # but not an acronym a list writes in brackets in an alias (ASPI's aliases of CASC name its academies)
    ("us-ofac-cmic", "China Aerospace Science and Technology Corporation", "CAST",
     {"China Academy of Space Technology", "Chongqing Academy of Science and Technology"}),
]


@pytest.mark.parametrize(("list_id", "name", "acronym", "records"), ACRONYMS, ids=[f"{a[2]}-{a[1]}" for a in ACRONYMS])
def test_a_derived_acronym_is_set_aside_only_where_ror_gives_it_other_organisations_only(
        enriched: Enrichment, list_id: str, name: str, acronym: str, records: set[str]) -> None:
    found = {r["record_name"] for r in enriched.acronym_rows()
             if (r["list_id"], r["entity_name"], r["acronym"]) == (list_id, name, acronym)}
    assert found == records


def test_a_changed_alias_file_is_refused_and_a_stale_row_is_not_used(tmp_path: Path) -> None:
    import shutil

    from collabguard.errors import RuleFileError

    folder = tmp_path / "lists"
    shutil.copytree(RULES / "lists", folder)
    aliases = folder / "ror-aliases.csv"
    text = aliases.read_text(encoding="utf-8")
    aliases.write_text(text.replace("Nanjing College of Aviation Industry", "Nanjing College of Something Else"), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"ror-aliases\.csv: sha256 .* does not match"):
        load_lists(folder)
    # the entry renamed since the file was written (a newer edition): the file's rows for it are not used
    import hashlib

    renamed = text.replace(",Nanjing University of Aeronautics and Astronautics,CN,", ",Nanjing Aero University,CN,")
    aliases.write_text(renamed, encoding="utf-8")
    manifest = folder / "lists.yaml"
    old = yaml.safe_load(manifest.read_text(encoding="utf-8"))["registry_aliases"][0]["sha256"]
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(old, hashlib.sha256(renamed.encode()).hexdigest()),
                        encoding="utf-8")
    loaded = {e.entity_id: e for e in load_lists(folder).entities}
    assert loaded["aspi-nanjing-university-of-aeronautics-and-astronautics"].registry is None
    assert loaded["aspi-beihang-university"].registry is not None


@pytest.mark.parametrize("dump", ["[]", '{"items": []}', '[{"id": 5}]'])
def test_a_dump_without_records_never_replaces_the_alias_file(tmp_path: Path, dump: str) -> None:
    source, output = tmp_path / "ror.json", tmp_path / "ror-aliases.csv"
    source.write_text(dump, encoding="utf-8")
    output.write_text("the alias file in use\n", encoding="utf-8")
    result = runner.invoke(app, ["lists", "enrich", "--ror", str(source), "-o", str(output)])
    assert result.exit_code == 2 and "no ROR record found" in result.output and "left as it was" in result.output
    assert output.read_text(encoding="utf-8") == "the alias file in use\n"


@needs_shared
@pytest.mark.parametrize("option", ["-o", "--ambiguous", "--acronyms", "--names-elsewhere", "--namesakes"])
def test_a_missing_folder_for_any_file_is_one_line_and_nothing_is_written(tmp_path: Path, option: str) -> None:
    # every file's folder is checked first: before, the files in order were written until the missing one
    out = tmp_path / "aliases.csv"
    missing = tmp_path / "nowhere" / "file.csv"
    args = ["lists", "enrich", "--ror", str(DUMPS[0]), "--date", "2026-06-23",
            "-o", str(missing if option == "-o" else out), *([] if option == "-o" else [option, str(missing)])]
    result = runner.invoke(app, args)
    assert result.exit_code != 0
    assert f"folder {missing.parent} does not exist; nothing written" in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
