"""The matcher's decision stages (issue #15 item 5): each declared stage, on the real lists, finds what
it says it finds and gives the decision it declares (must fire), and leaves alone what it must not
(must not fire); findings are typed, the score apart from the explanation; the stage's declared
order and skips hold; and the checks after the stages each do their one job."""

from __future__ import annotations

import pytest

from collabguard.matching.candidates import Candidate, Finding, candidate
from collabguard.matching.checks import PART_CHECKS, Place, apply_country
from collabguard.matching.compare import Comparison
from collabguard.matching.matcher import Matcher
from collabguard.matching.normalize import segments
from collabguard.matching.stages import STAGE_IDS, STAGES, Stage, run_stages
from collabguard.matching.stages.query import read_query
from collabguard.ruleset import RuleSet


def stage(stage_id: str) -> Stage:
    return next(s for s in STAGES if s.id == stage_id)


def findings(matcher: Matcher, stage_id: str, name: str, kind: str = "organisation") -> list[Finding]:
    """What one stage alone finds for a name (no earlier stage to leave lists alone)."""
    context = matcher.context(kind)
    query = read_query(name, context.index)
    assert query is not None
    return stage(stage_id).find(query, context, frozenset())


# (stage, name as written, country, list, entry, decision of the list's result, words of the reason)
MUST_FIRE = [
    ("exact", "Harbin Engineering University", "CN", "ca-nro", "ca-nro-harbin-engineering-university", "match",
     "same name as the listed name"),
    ("exact", "国防科技大学", "CN", "aspi-cdut", "aspi-national-university-of-defense-technology", "match",
     "same name as the listed local"),
    ("optional-words", "PLA National University of Defense Technology", "CN", "aspi-cdut",
     "aspi-national-university-of-defense-technology", "possible", "but for 'pla'"),
    ("word-order", "University Harbin Engineering", "CN", "aspi-cdut", "aspi-harbin-engineering-university",
     "possible", "same words in a different order"),
    ("spacing", "Harbin EngineeringUniversity", "CN", "aspi-cdut", "aspi-harbin-engineering-university", "possible",
     "same letters with different spacing"),
    ("acronym", "HEU", "CN", "aspi-cdut", "aspi-harbin-engineering-university", "possible",
     "an acronym alone never confirms an identity"),
    # an acronym the list gives with a hyphen: before, read as two words, it found nothing
    ("acronym", "NSCC-JN", "CN", "us-bis-entity", "us-bis-entity-cn-national-supercomputing-center-jinan", "possible",
     "an acronym alone never confirms an identity"),
    ("acronym", "RFNC-VNIIEF", "RU", "jp-mofa-ru",
     "jp-mofa-ru-russian-federal-nuclear-center-all-russian-research-institute-of-experimentalphysics", "possible",
     "acronym 'RFNC-VNIIEF' only"),
    # (ZKEC, once this stage's example, is the acronym the ISN table gives "Beijing Zhong Ke Electric Co., Ltd. (ZKEC)")
    ("acronym-skip", "GEST", "CN", "aspi-cdut", "aspi-guilin-university-of-electronic-science-and-technology",
     "possible", "with one word skipped"),
    # an institute's acronym with its academy's, as affiliations write them: before, it found nothing
    ("acronym-parent", "ISSP RAS", "RU", "us-bis-entity",
     "us-bis-entity-ru-institute-of-solid-state-physics-of-the-russian-academy-of-sciences", "possible",
     "acronym 'ISSP' with its parent 'RAS'"),
    ("translated-exact", "Казанский национальный исследовательский технический университет", "RU", "us-dod-1286",
     "dod1286-kazan-national-research-technical-university-named-after-a-n-tupolev-kai", "match",
     "translated word for word"),
    ("short-name", "Beihang", "CN", "aspi-cdut", "aspi-beihang-university", "possible", "begins the listed name"),
    ("close-spelling", "Northwestern Polytchnical University", "CN", "aspi-cdut",
     "aspi-northwestern-polytechnical-university", "possible", "words pair up (exact, typo)"),
    ("translated-words", "دانشگاه صنعتی شریف", "IR", "ca-nro", "ca-nro-sharif-university-of-technology", "possible",
     "translated words pair up"),
    ("part-of", "The Ningbo Institute of Northwestern Polytechnical University", "CN", "aspi-cdut",
     "aspi-northwestern-polytechnical-university", "possible", "part of listed organisation"),
    # Huawei Marine Networks: Huawei's submarine-cable joint venture; "Huawei Marine" is an Entity List alias
    ("company-named", "Huawei Marine Networks", "CN", "us-bis-entity", "us-bis-entity-cn-huawei-technologies-co-ltd",
     "possible", "a company named with the listed company's whole name"),
    # the 1286 list writes this laboratory "National Key Laboratory …", "Key Lab for …", "State Lab of …", not so
    ("key-laboratory", "State Key Laboratory of Radar Signal Processing", "CN", "us-dod-1286",
     "dod1286-defense-s-t-key-laboratory-of-radar-signal-processing-at-xidian-university", "possible",
     "a key laboratory of the same subject, 'radar signal processing', as the listed"),
]


def test_every_stage_is_declared_once_with_a_doc_and_has_a_must_fire_case() -> None:
    assert len(set(STAGE_IDS)) == len(STAGE_IDS)
    assert all(s.doc and s.doc[0].islower() for s in STAGES)
    assert {case[0] for case in MUST_FIRE} == set(STAGE_IDS)
    for i, s in enumerate(STAGES):  # a stage leaves alone only what earlier stages found
        assert set(s.unless_found_by) <= set(STAGE_IDS[:i]), s.id


@pytest.mark.parametrize(("stage_id", "name", "country", "list_id", "entity_id", "decision", "words"), MUST_FIRE,
                         ids=[f"{c[0]}:{c[1]}" for c in MUST_FIRE])
def test_stage_fires_and_reports_itself(ruleset: RuleSet, stage_id: str, name: str, country: str, list_id: str,
                                        entity_id: str, decision: str, words: str) -> None:
    assert any(f.form.entity.entity_id == entity_id for f in findings(ruleset.matcher, stage_id, name))
    best = next(r.best for r in ruleset.matcher.results(name, country) if r.list_id == list_id)
    assert best is not None
    assert (best.entity.entity_id, best.decision, best.stage, best.features["stage"]) == (
        entity_id, decision, stage_id, stage_id)
    assert words in best.reasons[0]
    assert str(best.score) not in best.finding.explanation or "similarity" in best.finding.explanation


# (stage, name, an entry the stage must not find for it, why)
MUST_NOT_FIRE = [
    ("exact", "Harbin Engineering University Press", "aspi-harbin-engineering-university", "more than the name"),
    ("optional-words", "PLA Naval University of Engineering", "aspi-national-university-of-defense-technology",
     "other words, not only optional ones"),
    ("word-order", "Harbin University", "aspi-harbin-engineering-university", "a word missing is not another order"),
    ("spacing", "Harbin Engineering Universities", "aspi-harbin-engineering-university", "other letters"),
    ("acronym", "Harbin Engineering University", "aspi-harbin-engineering-university", "a name is no acronym"),
    # an abbreviation the normaliser writes out (Russian Academy of Sciences), not the UN list's Riyadh-as-Saliheen
    ("acronym", "RAS", "un-sc-qde-100", "a written-out abbreviation is no acronym"),
    ("acronym-skip", "HEU", "aspi-harbin-engineering-university", "the whole initials are the acronym stage's"),
    # the NRO list's IAP is Iranian, and no listed Russian IAP names the Russian Academy of Sciences
    ("acronym-parent", "IAP RAS", "ca-nro-institute-of-applied-physics", "not an institute of that academy"),
    ("acronym-parent", "ISSP CAS", "us-bis-entity-ru-institute-of-solid-state-physics-of-the-russian-academy-of-sciences",
     "another academy"),
    ("acronym-parent", "ISSP", "us-bis-entity-ru-institute-of-solid-state-physics-of-the-russian-academy-of-sciences",
     "an acronym alone is the acronym stage's"),
    # the Institute of Cell Biophysics RAS: ICB is only an acronym collabguard derives from the Institute of Molecular
    # and Cell Biology's name, skipping a word (a review's finding)
    ("acronym-parent", "ICB RAS",
     "us-bis-entity-ru-federal-state-budgetary-institution-of-science-institute-of-molecular-and-cell-biology-",
     "a derived acronym is no acronym the list gives"),
    # CASC's name holds "China", "Science" and "Academy", but names no academy of sciences
    ("acronym-parent", "CAST CAS", "aspi-china-aerospace-science-and-technology-corporation",
     "the academy's name in order, not its words anywhere"),
    ("translated-exact", "上海科技大学", "aspi-university-of-shanghai-for-science-and-technology",
     "the list gives the entry's own Chinese name, 上海理工大学"),
    ("short-name", "Harbin", "aspi-harbin-engineering-university", "a city begins several listed names"),
    ("short-name", "Northeastern", "aspi-northeastern-university", "a compass word is no short name"),
    ("close-spelling", "Sichuan Normal University", "aspi-sichuan-university", "extra word 'normal'"),
    ("close-spelling", "Northwestern University", "aspi-northwestern-polytechnical-university", "missing word"),
    ("translated-words", "Northwestern Polytchnical University", "aspi-northwestern-polytechnical-university",
     "a Latin name is no translation"),
    ("part-of", "Sichuan University of Science and Engineering", "aspi-sichuan-university",
     "continues with 'of': another university"),
    ("part-of", "Hong Kong University of Science and Technology", "aspi-university-of-science-and-technology-beijing",
     "holds no listed name"),
    ("company-named", "Sichuan University Hospital", "aspi-sichuan-university",
     "an institution: its units are the part-of stage's"),
    ("company-named", "Hong Kong Electronics Kish Co.", "un-sc-kpe-005", "a place and a kind: no company's own name"),
    ("key-laboratory", "State Key Laboratory of Integrated Information System Technology",
     "dod1286-defense-s-t-key-laboratory-of-information-systems-engineering",
     "another subject: one word more where only two agree"),
]


@pytest.mark.parametrize(("stage_id", "name", "entity_id", "why"), MUST_NOT_FIRE,
                         ids=[f"{c[0]}:{c[1]}" for c in MUST_NOT_FIRE])
def test_stage_does_not_fire(ruleset: RuleSet, stage_id: str, name: str, entity_id: str, why: str) -> None:
    assert any(e.entity_id == entity_id for e in ruleset.lists.entities), "a listed entry"
    found = [f for f in findings(ruleset.matcher, stage_id, name) if f.form.entity.entity_id == entity_id]
    assert all(f.decision == "none" for f in found), why


def test_a_set_aside_translation_says_why_in_a_typed_field(ruleset: RuleSet) -> None:
    found = findings(ruleset.matcher, "translated-exact", "上海科技大学")
    usst = next(f for f in found if f.form.entity.entity_id == "aspi-university-of-shanghai-for-science-and-technology")
    assert usst.decision == "none" and "上海理工大学" in usst.named_otherwise and usst.weak
    result = next(r for r in ruleset.matcher.results("上海科技大学", "CN") if r.list_id == "aspi-cdut")
    assert result.rejected is not None and "上海理工大学" in result.rejected.why


def test_a_close_spelling_keeps_its_word_pairing_typed(ruleset: RuleSet) -> None:
    found = findings(ruleset.matcher, "close-spelling", "Harbin Engineering Univeristy")
    heu = next(f for f in found if f.form.entity.entity_id == "aspi-harbin-engineering-university")
    assert isinstance(heu.words, Comparison) and heu.words.passed and "typo" in heu.words.kinds
    assert heu.score == heu.words.score and not heu.weak and not heu.parent_left_out


def test_weaker_stages_wait_for_stronger_ones(ruleset: RuleSet) -> None:
    context = ruleset.matcher.context()
    # the exact name found: the optional-words stage (only while nothing is found) does not run
    query = read_query("Harbin Engineering University", context.index)
    assert query is not None
    assert {s.id for s, _ in run_stages(query, context)} == {"exact"}
    # a list that has the exact name gets no close spelling; the stage still runs for the others, and for a
    # list found only by a name another list gives its entry (matching/other_lists.py)
    query = read_query("Institute of Solid State Physics", context.index)
    assert query is not None
    found = run_stages(query, context)
    exact_lists = {f.form.entity.list_id for s, f in found if s.id == "exact" and not f.weak}
    assert exact_lists and not any(s.id == "close-spelling" and f.form.entity.list_id in exact_lists for s, f in found)


def test_programme_names_go_through_the_same_stages(ruleset: RuleSet) -> None:
    found = findings(ruleset.matcher, "exact", "Thousand Talents Plan", kind="programme")
    assert [f.form.entity.entity_id for f in found] == ["dod1286-thousand-talents-plan"]
    assert findings(ruleset.matcher, "part-of", "Thousand Talents Plan Beijing Office", kind="programme") == []


def _candidate(ruleset: RuleSet, stage_id: str, name: str, entity_id: str) -> Candidate:
    finding = next(f for f in findings(ruleset.matcher, stage_id, name) if f.form.entity.entity_id == entity_id)
    return candidate(finding, stage_id, name, name.lower())


def check(check_id: str):  # type: ignore[no-untyped-def]
    return next(c for c in PART_CHECKS if c.id == check_id)


def test_checks_are_declared_once_with_a_doc() -> None:
    ids = [c.id for c in PART_CHECKS]
    assert len(set(ids)) == len(ids) == 7 and all(c.doc for c in PART_CHECKS)


def test_check_short_name_only_for_a_whole_name(ruleset: RuleSet) -> None:
    cand = _candidate(ruleset, "short-name", "Beihang", "aspi-beihang-university")
    assert check("short-name-whole").keep(cand, Place("Beihang", ["Beihang"], 0))
    assert not check("short-name-whole").keep(cand, Place("Dept X, Beihang", ["Dept X", "Beihang"], 1))


def test_check_address_pair_needs_a_list_name_with_a_comma(ruleset: RuleSet) -> None:
    cand = _candidate(ruleset, "exact", "Harbin Engineering University", "aspi-harbin-engineering-university")
    parts = ["Key Lab", "Harbin, Engineering University", "Harbin Engineering University"]
    assert not check("address-pair").keep(cand, Place("…", parts, 1))
    assert check("address-pair").keep(cand, Place("…", parts, 2))


@pytest.mark.parametrize(("name", "entity_id", "kept", "decision"), [
    # the listed university is the Wuhan one: a Beijing campus in brackets is another university
    ("Dept Geol, China University of Geosciences (Beijing)", "aspi-china-university-of-geosciences-wuhan", False, None),
    ("Dept Geol, China University of Geosciences (Wuhan)", "aspi-china-university-of-geosciences-wuhan", True,
     "possible"),
    # a national name with a city the list does not name: demoted to possible
    ("Sch Earth Sci, China University of Mining and Technology (Beijing)",
     "aspi-china-university-of-mining-and-technology", True, "possible"),
])
def test_check_bracketed_place(ruleset: RuleSet, name: str, entity_id: str, kept: bool, decision: str | None) -> None:
    parts = segments(name)
    at = parts.index(name.split(", ")[1].split(" (")[0])  # the university's name, read without the brackets
    cand = _candidate(ruleset, "exact", parts[at], entity_id)
    assert check("bracketed-place").keep(cand, Place(name, parts, at)) is kept
    assert not kept or cand.decision == decision


@pytest.mark.parametrize(("name", "kept", "decision"), [
    # a town's name beside a university's: the university's town, not the Entity List's Tula Arms Plant ("Tula")
    ("Department of Physics, Tula State University, Tula, Russian Federation", False, None),
    # alone in an address: asked about
    ("Department of Physics, Tula, Russia", True, "possible"),
    # the whole name, or a part that is more than the town: as before
    ("Tula", True, "match"),
])
def test_check_town_part(ruleset: RuleSet, name: str, kept: bool, decision: str | None) -> None:
    parts = segments(name)
    at = parts.index("Tula") if "Tula" in parts else 0
    cand = _candidate(ruleset, "exact", "Tula", "us-bis-entity-ru-tula-arms-plant")
    assert check("town-part").keep(cand, Place(name, parts, at)) is kept
    assert not kept or cand.decision == decision
    assert not kept or decision == "match" or any("also the name of a town" in r for r in cand.reasons)


@pytest.mark.parametrize(("name", "kept", "decision"), [
    ("Logistics (China) Limited", True, "possible"),  # without the listed name's own letter: asked
    ("K Logistics (China) Limited", True, "match"),  # with it: the listed body
])
def test_check_listed_letters(ruleset: RuleSet, name: str, kept: bool, decision: str) -> None:
    cand = _candidate(ruleset, "exact", name, "us-bis-entity-hk-k-logistics-china-limited")
    assert check("listed-letters").keep(cand, Place(name, [name], 0)) is kept
    assert cand.decision == decision


def test_check_country(ruleset: RuleSet) -> None:
    def decided(country: str | None, stage_id: str = "exact", name: str = "Harbin Engineering University",
                entity_id: str = "aspi-harbin-engineering-university") -> tuple[str, str]:
        cand = _candidate(ruleset, stage_id, name, entity_id)
        apply_country(cand, country, inferred=False)
        return cand.decision, cand.features["country"]

    assert decided("CN") == ("match", "agrees")
    assert decided("HK") == ("match", "agrees")  # Hong Kong and Macau count as China
    assert decided(None) == ("possible", "missing")
    assert decided("NO") == ("possible", "differs")
    assert decided("NO", "acronym", "HEU") == ("none", "differs")  # an acronym of another country is set aside
    # a name without the country word its listed name has ("Pasteur Institute" for the Pasteur Institute of Iran)
    assert decided("FR", "exact", "Pasteur Institute", "ca-nro-pasteur-institute-of-iran") == ("none", "differs")
    assert decided("IR", "exact", "Pasteur Institute", "ca-nro-pasteur-institute-of-iran") == ("match", "agrees")
    abroad = ("part-of", "Huawei Technologies Sweden AB", "dod1260h-huawei-technologies-co-ltd")
    assert decided("SE", *abroad) == ("possible", "differs")  # a subsidiary abroad, as its reason says


def test_the_report_schema_names_every_stage() -> None:
    from collabguard.models.report import ListMatch

    described = ListMatch.model_fields["features"].description or ""
    assert all(stage_id in described for stage_id in (*STAGE_IDS, "identifier"))
