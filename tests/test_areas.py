"""Sensitive technology areas: the shipped taxonomies, the loader's checks, and text detection."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from collabguard.areas import AreaCatalog, AreaHit, detect_areas, load_catalog
from collabguard.areas.detect import compile_terms
from collabguard.errors import RuleFileError
from collabguard.io.yaml_loader import load_yaml

AREAS_DIR = Path(__file__).parent.parent / "rules" / "areas"
from tests.conftest import SHARED  # noqa: E402

REFERENCE = SHARED / "reference" / "technology-areas.yaml"


@pytest.fixture(scope="module")
def catalog() -> AreaCatalog:
    return load_catalog(AREAS_DIR)


def hits_by_id(texts: dict[str, str], catalog: AreaCatalog, **kw: object) -> dict[str, AreaHit]:
    return {h.area_id: h for h in detect_areas(texts, catalog, **kw)}  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------- shipped data

# Areas per taxonomy, including the root entry the reference file gives every taxonomy except ca-stra.
EXPECTED_COUNTS = {
    "ca-stra": 89,  # 11 categories + 4 groups + 74 sub-areas
    "eu-dualuse": 13,  # root + categories 0-9 + category 5 parts 1 and 2
    "us-cet": 19,  # root + 18 areas
    "au-ct": 8,  # root + 7 fields
    "eu-ct": 11,  # root + 10 areas
    "uk-nsi": 18,  # root + 17 sectors
    "eu-cml": 23,  # root + ML1-ML22
}


def test_all_seven_taxonomies_load_with_their_area_counts(catalog: AreaCatalog) -> None:
    assert set(catalog.taxonomies) == set(EXPECTED_COUNTS)
    assert {t: len(catalog.areas_in(t)) for t in catalog.taxonomies} == EXPECTED_COUNTS


@pytest.mark.parametrize("taxonomy", sorted(EXPECTED_COUNTS))
def test_every_taxonomy_says_who_published_it_and_which_version(catalog: AreaCatalog, taxonomy: str) -> None:
    info = catalog.taxonomies[taxonomy]
    assert info.title and info.publisher and info.notes
    assert info.url.startswith("https://")
    assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", info.version)
    assert info.accessed == "2026-11-28"


def test_the_military_list_has_exactly_ml1_to_ml22(catalog: AreaCatalog) -> None:
    assert catalog.children("eu-cml") == [f"eu-cml.ml{n}" for n in range(1, 23)]
    assert all(catalog.areas[f"eu-cml.ml{n}"].name.startswith(f"ML{n} - ") for n in range(1, 23))


def test_ca_stra_has_11_categories_4_groups_and_74_sub_areas(catalog: AreaCatalog) -> None:
    # The counts the reference file (and SOURCES.md) give for the Canadian STRA list.
    levels = [catalog.areas[a].level for a in catalog.areas_in("ca-stra")]
    assert levels.count("category") == 11
    assert levels.count("group") == 4
    assert levels.count("sub-area") == 74


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference data folder not available")
def test_areas_are_exactly_those_of_the_reference_file(catalog: AreaCatalog) -> None:
    # eu-cml (the military list) is not in the reference file: its own file gives its sources
    reference = load_yaml(REFERENCE).data["areas"]
    ours = [a for a in catalog.areas if catalog.areas[a].taxonomy != "eu-cml"]
    assert [a["id"] for a in reference] == sorted(ours, key=[a["id"] for a in reference].index), \
        "no area may be added or dropped"
    for ref in reference:
        area = catalog.areas[ref["id"]]
        assert (area.name, area.parent, area.level, area.note) == (ref["name"], ref["parent"], ref["level"], ref.get("note"))


def test_every_area_id_starts_with_its_taxonomy_id(catalog: AreaCatalog) -> None:
    for area in catalog.areas.values():
        assert area.id == area.taxonomy or area.id.startswith(area.taxonomy + ".")


# --------------------------------------------------------------------------------------- selectors


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("ca-stra.quantum.sensing", ["ca-stra.quantum.sensing"]),
        (
            "ca-stra.quantum",
            [
                "ca-stra.quantum",
                "ca-stra.quantum.communications",
                "ca-stra.quantum.computing",
                "ca-stra.quantum.materials",
                "ca-stra.quantum.sensing",
                "ca-stra.quantum.software",
            ],
        ),
        ("eu-dualuse.cat5", ["eu-dualuse.cat5", "eu-dualuse.cat5.part1", "eu-dualuse.cat5.part2"]),
        ("ca-stra.weapons", ["ca-stra.weapons"]),  # a category without sub-areas
    ],
)
def test_a_selector_is_an_area_plus_everything_below_it(catalog: AreaCatalog, selector: str, expected: list[str]) -> None:
    assert catalog.resolve(selector) == expected


def test_a_category_with_groups_includes_the_groups_and_their_sub_areas(catalog: AreaCatalog) -> None:
    resolved = catalog.resolve("ca-stra.amm")
    assert resolved[0] == "ca-stra.amm"
    assert "ca-stra.amm.materials" in resolved and "ca-stra.amm.manufacturing" in resolved
    assert "ca-stra.amm.materials.metamaterials" in resolved
    assert "ca-stra.amm.manufacturing.additive" in resolved
    assert len(resolved) == 1 + 2 + 9 + 6


@pytest.mark.parametrize("selector", ["ca-stra.*", "ca-stra"])
def test_a_taxonomy_wildcard_selects_every_area_of_that_taxonomy(catalog: AreaCatalog, selector: str) -> None:
    assert catalog.resolve(selector) == catalog.areas_in("ca-stra")
    assert len(catalog.resolve(selector)) == 89


def test_a_wildcard_on_a_category_is_the_category_and_its_descendants(catalog: AreaCatalog) -> None:
    assert catalog.resolve("ca-stra.quantum.*") == catalog.resolve("ca-stra.quantum")
    assert catalog.resolve("us-cet.*") == catalog.resolve("us-cet")
    assert len(catalog.resolve("*")) == sum(EXPECTED_COUNTS.values())


@pytest.mark.parametrize("selector", ["ca-stra.qst", "ca-stra.qst.*", "nope.*", "ca-*", "", "ca-stra.quantum.sensing.x"])
def test_an_unknown_selector_is_a_key_error(catalog: AreaCatalog, selector: str) -> None:
    with pytest.raises(KeyError):
        catalog.resolve(selector)


def test_ancestors_go_from_the_parent_up(catalog: AreaCatalog) -> None:
    assert catalog.ancestors("ca-stra.amm.materials.metamaterials") == ["ca-stra.amm.materials", "ca-stra.amm"]
    assert catalog.ancestors("eu-dualuse.cat5.part2") == ["eu-dualuse.cat5", "eu-dualuse"]
    assert catalog.ancestors("ca-stra.quantum") == []
    with pytest.raises(KeyError):
        catalog.ancestors("ca-stra.nope")


# --------------------------------------------------------------------------------------- detection


def test_a_quantum_sensing_title_is_a_match_for_quantum_sensing_with_its_span(catalog: AreaCatalog) -> None:
    title = "Chip-scale Quantum Sensing of weak magnetic fields"
    hit = hits_by_id({"title": title}, catalog)["ca-stra.quantum.sensing"]
    assert (hit.decision, hit.score) == ("match", 100)
    assert (hit.area_name, hit.taxonomy, hit.taxonomy_version, hit.level) == (
        "Quantum sensing",
        "ca-stra",
        "2024-01-16",
        "sub-area",
    )
    [ev] = hit.evidence
    assert (ev.term, ev.field, ev.start, ev.end, ev.text) == ("quantum sensing", "title", 11, 26, "Quantum Sensing")
    assert title[ev.start : ev.end] == ev.text


def test_a_term_in_the_keywords_is_a_match_with_offsets_into_the_joined_keywords(catalog: AreaCatalog) -> None:
    keywords = "; ".join(["palaeoclimate", "lidar", "forest canopy"])
    hit = hits_by_id({"keywords": keywords}, catalog)["ca-stra.sensing.imaging-optical"]
    assert (hit.decision, hit.score) == ("match", 100)
    [ev] = hit.evidence
    assert (ev.field, ev.start, ev.end, ev.text) == ("keywords", 15, 20, "lidar")


@pytest.mark.parametrize(
    ("abstract", "decision", "score", "mentions"),
    [
        ("We will study soil bacteria, and a single CRISPR screen is planned.", "possible", 40, 1),
        ("A CRISPR screen, then gene editing of the hits.", "match", 60, 2),  # two distinct terms
        ("A CRISPR screen, then a second CRISPR screen.", "match", 60, 2),  # one term twice
        ("CRISPR, gene editing, base editing and a gene drive.", "match", 90, 4),
    ],
)
def test_abstract_mentions_decide_between_possible_and_match(
    catalog: AreaCatalog, abstract: str, decision: str, score: int, mentions: int
) -> None:
    hit = hits_by_id({"abstract": abstract}, catalog)["ca-stra.life.biotech.genomics-genetic-engineering"]
    assert (hit.decision, hit.score, len(hit.evidence)) == (decision, score, mentions)
    assert all(ev.field == "abstract" for ev in hit.evidence)


def test_a_title_hit_wins_over_abstract_counting_and_keeps_all_evidence(catalog: AreaCatalog) -> None:
    texts = {"title": "Digital twin of a harbour", "abstract": "The digital twin is calibrated..."}
    hit = hits_by_id(texts, catalog)["ca-stra.ai.digital-twin"]
    assert (hit.decision, hit.score) == ("match", 100)
    assert [(ev.field, ev.text) for ev in hit.evidence] == [("title", "Digital twin"), ("abstract", "digital twin")]


def test_a_text_about_medieval_history_yields_nothing(catalog: AreaCatalog) -> None:
    texts = {
        "title": "Monastic economies in twelfth-century England",
        "keywords": "; ".join(["medieval history", "monasteries", "charters", "wool trade"]),
        "abstract": (
            "This project studies the economic history of medieval monasteries, using charters, account rolls "
            "and archaeological evidence to reconstruct land management, pilgrimage routes and the wool trade. "
            "Bearing in mind the limits of the sources, we compare Cistercian and Benedictine houses."
        ),
    }
    assert detect_areas(texts, catalog) == []


@pytest.mark.parametrize(
    ("text", "area_id", "matched"),
    [
        ("machine-learning methods", "ca-stra.ai.machine-learning", "machine-learning"),
        ("Machine Learning methods", "ca-stra.ai.machine-learning", "Machine Learning"),
        ("machine\nlearning methods", "ca-stra.ai.machine-learning", "machine\nlearning"),
        ("software defined radio", "ca-stra.adi.advanced-communications", "software defined radio"),
        ("cybersecurity of grids", "ca-stra.adi.cyber-security", "cybersecurity"),
        ("cyber-security of grids", "ca-stra.adi.cyber-security", "cyber-security"),
        ("nanomanufacturing at scale", "ca-stra.amm.manufacturing.nano-manufacturing", "nanomanufacturing"),
        ("tunable metasurfaces", "ca-stra.amm.materials.metamaterials", "metasurfaces"),
        ("solid-state batteries", "ca-stra.energy.energy-storage", "solid-state batteries"),
        ("cheap batteries", "us-cet.clean-energy", "batteries"),
        ("fleets of UAVs", "ca-stra.robotics.uncrewed-vehicles", "UAVs"),
        ("NV centers in diamond", "ca-stra.quantum.sensing", "NV centers"),  # US spelling
        ("(quantum sensing),", "ca-stra.quantum.sensing", "quantum sensing"),
        ("negative Poisson\u2019s ratio", "ca-stra.amm.materials.auxetic", "negative Poisson\u2019s ratio"),
        ("AI-driven triage", "ca-stra.ai", "AI"),
        ("5G-enabled sensors", "ca-stra.adi.next-gen-networks", "5G"),
    ],
)
def test_hyphen_space_plural_and_punctuation_variants_match(
    catalog: AreaCatalog, text: str, area_id: str, matched: str
) -> None:
    # in the title, so that terms marked ambiguous (machine learning, 5G, batteries) count too
    hit = hits_by_id({"title": text}, catalog)[area_id]
    assert [ev.text for ev in hit.evidence] == [matched]
    ev = hit.evidence[0]
    assert text[ev.start : ev.end] == matched


@pytest.mark.parametrize(
    ("text", "area_id"),
    [
        ("an exhibition on Ai Weiwei", "ca-stra.ai"),  # short acronyms only in capitals
        ("an ai model", "ca-stra.ai"),
        ("FAIR data principles", "ca-stra.ai"),  # whole words only
        ("AIS ship-tracking data", "ca-stra.ai"),  # a capital S makes another acronym, not a plural
        ("5g of sugar per litre", "ca-stra.adi.next-gen-networks"),
        ("squid fisheries in the Arctic", "ca-stra.sensing.magnetometers"),  # SQUID only in capitals
        ("bearing in mind the convex hull", "eu-dualuse.cat2"),
        ("particle swarm optimisation", "us-cet.autonomy-robotics"),
        ("autism spectrum disorder", "us-cet.comms-networking"),
    ],
)
def test_look_alikes_do_not_match(catalog: AreaCatalog, text: str, area_id: str) -> None:
    assert area_id not in hits_by_id({"abstract": text}, catalog)


def test_a_longer_term_is_not_counted_again_for_the_shorter_term_inside_it(catalog: AreaCatalog) -> None:
    hit = hits_by_id({"abstract": "adversarial machine learning"}, catalog)["ca-stra.ai.machine-learning"]
    assert [ev.term for ev in hit.evidence] == ["adversarial machine learning"]
    assert hit.decision == "possible"


def test_a_sub_area_hit_does_not_create_a_hit_for_its_parent(catalog: AreaCatalog) -> None:
    hits = hits_by_id({"title": "Side-scan sonar survey of a fjord"}, catalog)
    assert hits["ca-stra.sensing.side-scan-sonar"].decision == "match"
    assert "ca-stra.sensing" not in hits


def test_results_are_sorted_by_score_then_id_and_are_repeatable(catalog: AreaCatalog) -> None:
    texts = {
        "title": "Quantum key distribution over satellite links",
        "abstract": "We use machine learning and lidar; deep learning helps. Hydrogen storage is not studied.",
    }
    hits = detect_areas(texts, catalog)
    assert len({h.score for h in hits}) > 1
    keys = [(-h.score, h.area_id) for h in hits]
    assert keys == sorted(keys)
    assert hits == detect_areas(dict(reversed(list(texts.items()))), catalog)
    for hit in hits:
        for ev in hit.evidence:
            assert texts[ev.field][ev.start : ev.end] == ev.text


def test_detection_can_be_limited_to_some_taxonomies(catalog: AreaCatalog) -> None:
    texts = {"title": "Machine learning for quantum sensing"}
    hits = detect_areas(texts, catalog, taxonomies=["ca-stra"])
    assert hits and {h.taxonomy for h in hits} == {"ca-stra"}
    assert {h.taxonomy for h in detect_areas(texts, catalog)} >= {"ca-stra", "us-cet", "au-ct", "eu-ct"}
    with pytest.raises(KeyError):
        detect_areas(texts, catalog, taxonomies=["xx-unknown"])


def test_empty_or_missing_fields_are_fine(catalog: AreaCatalog) -> None:
    assert detect_areas({}, catalog) == []
    assert detect_areas({"title": "", "abstract": "   "}, catalog) == []


def test_hits_serialise_to_json(catalog: AreaCatalog) -> None:
    [hit, *_] = detect_areas({"title": "Quantum key distribution"}, catalog, taxonomies=["ca-stra"])
    data = AreaHit.model_validate_json(hit.model_dump_json())
    assert data == hit


def test_patterns_are_compiled_once_per_catalog(catalog: AreaCatalog) -> None:
    # Speed itself is measured in benchmarks/, never asserted in a unit test.
    assert compile_terms(catalog) is compile_terms(catalog)
    assert catalog == load_catalog(AREAS_DIR)  # the cache is not part of the catalog's value


# --------------------------------------------------------------------------------------- loader errors

GOOD_HEADER = """\
taxonomy:
  id: demo
  title: Demo list
  publisher: Nobody
  url: https://example.org/demo
  version: "2026-01-01"
  accessed: "2026-11-28"
areas:
"""


def test_a_broken_taxonomy_file_reports_every_problem_at_once(tmp_path: Path) -> None:
    (tmp_path / "demo.yaml").write_text(
        GOOD_HEADER
        + """\
  - id: demo.a
    name: A
    parent: null
    level: category
    terms: [alpha]
    colour: red
  - id: demo.a
    name: A again
    parent: null
    level: category
    terms: [alpha]
  - id: demo.b
    name: B
    parent: demo.missing
    level: sub-area
    terms: [beta]
""",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as info:
        load_catalog(tmp_path)
    problems = info.value.problems
    where = str(tmp_path / "demo.yaml")
    assert problems == [
        f"{where}:14:5: area 'demo.a': unknown key 'colour'",
        f"{where}:15:5: duplicate area id 'demo.a' (first defined at {where}:9:5)",
        f"{where}:22:5: area 'demo.b': parent 'demo.missing' does not exist",
    ]
    assert str(info.value) == "; ".join(problems)  # every problem in the one line, none hidden behind a count


def test_problems_across_files_are_collected_too(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        GOOD_HEADER + "  - id: demo.x\n    name: X\n    parent: null\n    level: category\n    terms: []\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text(
        GOOD_HEADER.replace("id: demo", "id: other")
        + "  - id: demo.x\n    name: X\n    parent: null\n    level: leaf\n    terms: [x]\n"
        + "  - id: other.y\n    name: Y\n    level: area\n    terms: [y]\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as info:
        load_catalog(tmp_path)
    text = "\n".join(info.value.problems)
    assert re.search(r"b\.yaml:9:5: duplicate area id 'demo\.x' \(first defined at .*a\.yaml:9:5\)", text)
    assert re.search(r"b\.yaml:9:5: area id 'demo\.x' must start with the taxonomy id 'other\.'", text)
    assert re.search(r"b\.yaml:12:5: area 'demo\.x': level: 'leaf' is not one of", text)
    assert re.search(r"b\.yaml:14:5: area 'other\.y': missing required key 'parent'", text)
    assert all(re.match(r"^.+\.yaml:\d+:\d+: ", p) for p in info.value.problems)


def test_a_missing_or_empty_folder_is_a_rule_file_error(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="no taxonomy files"):
        load_catalog(tmp_path)
    with pytest.raises(RuleFileError, match="not found"):
        load_catalog(tmp_path / "nope")


@pytest.mark.parametrize(
    ("texts", "area_id", "decision"),
    [
        ({"abstract": "Entanglement is a quantum phenomenon studied in economics of attention."}, "ca-stra.quantum", None),
        ({"title": "Quantum of solace: a film study"}, "ca-stra.quantum", "possible"),
        ({"title": "Honey bee drone congregation areas"}, "ca-stra.robotics.uncrewed-vehicles", "possible"),
        ({"abstract": "We fly a drone over the fjord to count seabirds."}, "ca-stra.robotics.uncrewed-vehicles", None),
        ({"abstract": "A drone swarm of uncrewed aerial vehicles for mapping."}, "ca-stra.robotics.uncrewed-vehicles", "match"),
        ({"title": "Satellite towns of Oslo"}, "ca-stra.aerospace.satellites", "possible"),
    ],
)
def test_an_ambiguous_term_needs_a_second_term_to_count(catalog: AreaCatalog, texts: dict[str, str], area_id: str,
                                                       decision: str | None) -> None:
    hit = hits_by_id(texts, catalog).get(area_id)
    assert (hit.decision if hit else None) == decision


def test_ambiguous_terms_must_be_listed_terms(tmp_path: Path) -> None:
    (tmp_path / "demo.yaml").write_text(GOOD_HEADER + "  - {id: demo.a, name: A, parent: null, level: area, terms: [x y], ambiguous: [z]}\n")
    with pytest.raises(RuleFileError, match="ambiguous terms must also be listed in terms: z"):
        load_catalog(tmp_path)


def test_a_multi_word_term_is_found_with_a_few_words_between(catalog: AreaCatalog) -> None:
    text = "We build quantum-enhanced magnetic field sensing for navigation."
    hit = hits_by_id({"abstract": text}, catalog)["ca-stra.quantum.sensing"]
    ev = hit.evidence[0]
    assert ev.gap and text[ev.start : ev.end] == "quantum-enhanced magnetic field sensing"
    assert hit.decision == "possible"  # a gapped mention is never a title/keyword hit


def test_a_gap_does_not_cross_small_words_that_start_another_phrase(catalog: AreaCatalog) -> None:
    # "magnetic ... navigation" across "for" is two phrases, not the term
    hits = hits_by_id({"abstract": "magnetic field sensing for navigation"}, catalog)
    assert "ca-stra.sensing.pnt" not in hits


def test_a_gapped_title_hit_counts_as_a_mention_only(catalog: AreaCatalog) -> None:
    hit = hits_by_id({"title": "Quantum-enhanced magnetic field sensing"}, catalog)["ca-stra.quantum.sensing"]
    assert hit.decision == "possible"


def test_a_gapped_mention_never_swallows_an_exact_title_hit(catalog: AreaCatalog) -> None:
    # the words of "quantum sensing" with a gap span the exact phrase; the exact one must decide
    hit = hits_by_id({"title": "Quantum enhanced quantum sensing for navigation"}, catalog)["ca-stra.quantum.sensing"]
    assert (hit.decision, hit.score) == ("match", 100)
    assert [(e.text, e.gap) for e in hit.evidence] == [("quantum sensing", False)]
