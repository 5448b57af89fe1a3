"""Acronyms: derived the way institutions abbreviate themselves, and never more than ``possible``;
one that fits several listed entries names them all instead of being dropped; one derived from a listed
name that ROR gives only other organisations of the country is theirs, not the entry's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from collabguard.errors import RuleFileError
from collabguard.lists import load_lists
from collabguard.matching.index import derived_acronyms
from collabguard.matching.matcher import Matcher
from collabguard.ruleset import RuleSet
from tests.conftest import RULES, names_only_matcher


@pytest.mark.parametrize(("name", "acronym", "not_acronym"), [
    ("Hunan University", "HNU", "HAU"),  # hu-nan: a syllable inside a word starts with a consonant
    ("Xi'an Technological University", "XATU", None),  # the apostrophe separates xi and an
    ("Yangtze Memory Technologies Co., Ltd.", "YMTC", None),  # "Co." gives a letter ...
    ("Contemporary Amperex Technology Co., Ltd.", "CAT", None),  # ... or none
    ("China Three Gorges Corporation", "CTG", None),  # a final "Corporation" may be left out
    ("China Communications Construction Company Limited", "CCCC", None),
    ("China Electronics Technology Group Corporation", "CETGC", "CCETGC"),  # "China" is not pinyin
])
def test_derived_acronyms_of_chinese_institutions_and_companies(name: str, acronym: str, not_acronym: str | None) -> None:
    found = derived_acronyms(name, chinese=True)
    assert acronym in found
    assert not_acronym not in found


def _names_only(*entity_ids: str) -> Matcher:
    """Real entries of the shipped ASPI list with their aliases and acronyms taken away, so that only
    acronyms derived from the names can match."""
    return names_only_matcher("aspi-cdut", entity_ids)


def test_an_acronym_that_fits_two_listed_entries_names_both() -> None:
    matcher = _names_only("aspi-china-shipbuilding-industry-corporation", "aspi-china-south-industries-group")
    [found] = matcher.match("CSI", "CN")
    fits = {found.entity.name, *(e.name for e in found.also)}
    assert found.decision == "possible"
    assert fits == {"China Shipbuilding Industry Corporation", "China South Industries Group"}
    assert found.features["ambiguous"] == "fits 2 entries of this list"
    assert any("confirm which, if any, is meant" in r for r in found.reasons)


def test_a_derived_acronym_that_ror_gives_another_body_is_that_bodys() -> None:
    # HIT is derived from both names; ROR gives it to Harbin Institute of Technology, whose record is linked to
    # the entry: "HIT" is Harbin's, and Heilongjiang Institute of Technology is not asked about
    matcher = _names_only("aspi-harbin-institute-of-technology", "aspi-heilongjiang-institute-of-technology")
    [found] = matcher.match("HIT", "CN")
    assert (found.entity.name, found.decision, found.also) == ("Harbin Institute of Technology", "possible", [])


def test_an_ambiguous_acronym_from_another_country_is_not_reported() -> None:
    matcher = _names_only("aspi-harbin-institute-of-technology", "aspi-heilongjiang-institute-of-technology")
    assert matcher.match("HIT", "NO") == []


def test_an_acronym_that_fits_one_entry_names_no_others() -> None:
    matcher = _names_only("aspi-hunan-university", "aspi-harbin-institute-of-technology")
    [found] = matcher.match("HNU", "CN")
    assert (found.entity.name, found.decision, found.also) == ("Hunan University", "possible", [])


def test_an_acronym_alias_with_a_slash_is_an_acronym_not_a_name(ruleset) -> None:  # type: ignore[no-untyped-def]
    # bug: the NRO alias "A/SEU" of Space Engineering University normalised to "seu" and made the
    # acronym SEU (Southeast University's) an exact-name *match* for Space Engineering University
    for found in ruleset.matcher.match("SEU", "CN"):
        assert found.decision == "possible"
        assert found.features["matched"] != "exact alias"
    [found] = ruleset.matcher.match("A/SEU", "CN", lists=["ca-nro"])
    assert (found.entity.name, found.decision, found.features["matched"]) == ("Space Engineering University", "possible", "acronym")


@pytest.mark.parametrize(("name", "acronym"), [("Peking University", "PKU"), ("Tsinghua University", "THU")])
def test_acronyms_of_names_in_older_romanisations(name: str, acronym: str) -> None:
    assert acronym in derived_acronyms(name, chinese=True)


def test_a_listed_acronym_of_another_country_does_not_silence_a_derived_one(ruleset) -> None:  # type: ignore[no-untyped-def]
    # ARI is listed for Iran's Aerospace Research Institute; in China it reads as the Army Research Institute
    found = {c.entity.name for c in ruleset.matcher.match("ARI", "CN", lists=["ca-nro"])}
    assert found == {"Army Research Institute"}


def test_no_acronym_is_derived_from_a_name_too_long_to_have_one() -> None:
    """A 200,000-character name in a list CSV made the pinyin reading of its one huge word run for
    minutes (issue 19): such a name gets no derived acronym; an ordinary one still does."""
    from collabguard.matching.index import derived_acronyms

    assert derived_acronyms("Zhongguo" * 25_000, chinese=True) == []
    assert derived_acronyms("Chongqing University", chinese=True) == ["CQU"]


@pytest.mark.parametrize("name", ["Institute of Zoology, CAS, Beijing", "CAS",
                                  "Northwest Institute of Plateau Biology, CAS"])
def test_cas_is_the_chinese_academy_of_sciences_not_china_avionics_systems(ruleset: RuleSet, name: str) -> None:
    # "CAS" is derived from the Treasury's "China Avionics Systems Company Limited"; ROR gives it to the Chinese
    # Academy of Sciences, whose institutes sign "…, CAS": not reported, and the near miss says whose acronym it is
    [result] = [r for r in ruleset.matcher.results(name, "CN") if r.list_id == "us-ofac-cmic"]
    assert result.best is None or result.best.decision == "none"
    assert result.rejected is not None and result.rejected.entity.name == "China Avionics Systems Company Limited"
    assert "ROR gives it to Chinese Academy of Sciences (https://ror.org/034t30j35" in result.rejected.why


def test_a_changed_acronym_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "lists"
    shutil.copytree(RULES / "lists", folder)
    taken = folder / "ror-aliases-acronyms-elsewhere.csv"
    taken.write_text(taken.read_text(encoding="utf-8").replace("Chinese Academy of Sciences", "Somebody Else"),
                     encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"ror-aliases-acronyms-elsewhere\.csv: sha256 .* does not match"):
        load_lists(folder)


@pytest.mark.parametrize(("acronym", "listed"), [
    # the Entity List's acronyms as its text leaves them, "AOMZ)" and "DTSSS,": before, neither was indexed, and
    # AOMZ was read with a word skipped as the Vologda plant's initials
    ("AOMZ", "Tactical Missile Corporation, Azov Optical and Mechanical Plant"),
    ("DTSSS", "Far Eastern Shipbuilding and Ship Repair Center"),
])
def test_an_acronym_the_list_writes_with_a_stray_bracket_or_comma_is_its_acronym(ruleset, acronym: str,  # type: ignore[no-untyped-def]
                                                                                 listed: str) -> None:
    [found] = [r.best for r in ruleset.matcher.results(acronym, "RU") if r.list_id == "us-bis-entity"]
    assert found is not None and (found.entity.name, found.decision) == (listed, "possible")
    assert found.reasons[0] == f"acronym {acronym!r} only: an acronym alone never confirms an identity"


@pytest.mark.parametrize(("name", "country", "acronym"), [
    # the parent academy an institute names first or last is no part of its acronym
    ("Chinese Academy of Sciences, National Time Service Center", "CN", "NTSC"),
    ("Aerospace Information Research Institute, Chinese Academy of Sciences", "CN", "AIRI"),
    ("Chinese Academy of Sciences' Shanghai Institute of Microsystem and Information Technology", "CN", "SIMIT"),
    ("Institute of Solid-State Physics of the Russian Academy of Sciences", "RU", "ISSP"),
])
def test_an_institutes_acronym_leaves_out_its_parent_academy(name: str, country: str, acronym: str) -> None:
    assert acronym in derived_acronyms(name, chinese=country == "CN", country=country)
    assert derived_acronyms("Chinese Academy of Sciences", chinese=True, country="CN") == ["CAS"]  # nothing left


def test_an_acronym_without_the_parent_that_ror_gives_other_bodies_is_theirs(ruleset) -> None:  # type: ignore[no-untyped-def]
    # "The Center for Airborne Remote Sensing, Chinese Academy of Sciences" (an alias of AIRI on the Entity List)
    # gives CARS, which ROR gives the China Academy of Railway Sciences: rows of ror-aliases-acronyms-elsewhere.csv
    [found] = [r for r in ruleset.matcher.results("CARS", "CN") if r.list_id == "us-bis-entity"]
    assert found.best is None or found.best.decision == "none"
    assert found.rejected is not None and "China Academy of Railway Sciences" in found.rejected.why


@pytest.mark.parametrize(("name", "country", "entity_id"), [
    # affiliations write an academy's institutes by their acronym and the academy's (issue #15): each found nothing
    ("ISSP RAS", "RU", "us-bis-entity-ru-institute-of-solid-state-physics-of-the-russian-academy-of-sciences"),
    ("FIAN RAS", "RU", "dod1286-p-n-lebedev-physical-institute-of-the-russian-academy-of-sciences"),
    # the acronym with the academy's initials, as derived from the whole name (IOPCAS)
    ("IOP CAS", "CN", "us-bis-entity-cn-chinese-academy-of-sciences-institute-of-physics"),
])
def test_an_acronym_with_its_academy_is_asked_about(ruleset: RuleSet, name: str, country: str, entity_id: str) -> None:
    found = [c for c in ruleset.matcher.match(name, country) if c.entity.entity_id == entity_id]
    assert found and found[0].decision == "possible" and found[0].stage == "acronym-parent", found
    assert "with its parent" in found[0].reasons[0]


@pytest.mark.parametrize("name", ["IAP RAS", "Institute RAS", "RAS", "XYZQ RAS", "ICB RAS", "IS RAS"])
def test_an_acronym_of_no_listed_institute_of_the_academy_finds_nothing(ruleset: RuleSet, name: str) -> None:
    # the NRO list's IAP is Iranian: an acronym is read only for an institute whose listed name names the academy;
    # ICB and ISRAS are only acronyms derived from the Institute of Molecular and Cell Biology's name (the Institute
    # of Cell Biophysics, the Institute of Sociology: a review's finding)
    assert ruleset.matcher.match(name, "RU") == []


@pytest.mark.parametrize("name", ["CAST CAS", "SAC CAS", "SAST CAS"])
def test_an_academy_is_named_in_order(ruleset: RuleSet, name: str) -> None:
    # "China Aerospace Science and Technology Corporation (CASC) 8th Academy" holds china, science and academy
    assert ruleset.matcher.match(name, "CN") == []


@pytest.mark.parametrize(("name", "entity_id"), [
    # a Russian acronym in Cyrillic capitals, as Russian affiliations write it: read in the Latin letters the lists
    # write it with (it found nothing); possible, as the same acronym in Latin letters
    ("МФТИ", "dod1286-moscow-institute-of-physics-and-technology"),
    ("ФИАН", "dod1286-p-n-lebedev-physical-institute-of-the-russian-academy-of-sciences"),
    ("ВНИИЭФ", "us-bis-entity-ru-all-russian-scientific-research-institute-of-experimental-physics-vniief"),
    # before, a transliterated acronym the lists give as an alias was a word-for-word translation: match
    ("ВНИИФТРИ", "dod1286-federal-state-unitary-enterprise-all-russian-research-institute-of-physical-technical-and"),
])
def test_a_russian_acronym_in_cyrillic_is_read_as_in_latin_letters(ruleset: RuleSet, name: str, entity_id: str) -> None:
    found = [c for c in ruleset.matcher.match(name, "RU") if c.entity.entity_id == entity_id]
    assert found and found[0].decision == "possible", [(c.entity.entity_id, c.decision) for c in ruleset.matcher.match(name, "RU")]


def test_a_cyrillic_name_in_capitals_is_no_acronym_when_it_has_words() -> None:
    from collabguard.matching.stages.query import _cyrillic_acronym

    assert [_cyrillic_acronym(t) for t in ("МФТИ", "РФЯЦ-ВНИИЭФ", "МОСКОВСКИЙ УНИВЕРСИТЕТ", "Москва")] == [
        "MFTI", "RFYATSVNIIEF", "", ""]


def test_a_name_read_word_for_word_is_not_silenced_by_its_acronym(ruleset: RuleSet) -> None:
    # МИРЭА alone is the 1286 list's university's acronym (possible); the whole string is its name, word for word
    best = next(r.best for r in ruleset.matcher.results("МИРЭА — Российский технологический университет", "RU")
                if r.list_id == "us-dod-1286")
    assert best is not None and best.decision == "match" and best.stage == "translated-exact"


@pytest.mark.parametrize(("name", "country", "listed_as"), [
    ("IPP", None, "IPP SB RAS"),  # the Entity List's alias of the Rzhanov Institute, with its academy
    ("ISP", "RU", "ISP SB RAS"),  # the 1286 list's
])
def test_one_word_in_capitals_found_by_close_spelling_says_it_is_an_acronym_alone(
        ruleset: RuleSet, name: str, country: str | None, listed_as: str) -> None:
    """"IPP" begins the listed alias "IPP SB RAS", the rest of which names its academy: found by its words, it is still
    an acronym alone (the Max Planck Institute for Plasma Physics is IPP too), asked about, and the reason says why,
    in each language the report is written in."""
    from collabguard.reference.report_text import reason

    found = [c for c in ruleset.matcher.match(name, country) if c.features.get("stage") == "close-spelling"]
    assert found and all(c.decision == "possible" for c in found)
    for cand in found:
        said = cand.reasons[0]
        assert repr(listed_as) in said and said.endswith("a word in capitals alone, an acronym or a name, never confirms "
                                                         "an identity")
        assert reason(said, "nb").endswith("et ord i store bokstaver alene, en forkortelse eller et navn, bekrefter "
                                           "aldri en identitet")
    # a name of several words found the same way says nothing of acronyms
    [whole] = [c for c in ruleset.matcher.match("Rzhanov Institute of Semiconductor Physics", "RU")
               if c.entity.list_id == "us-bis-entity"]
    assert not any("capitals alone" in r for r in whole.reasons)


@pytest.mark.parametrize(("name", "country", "entry"), [
    ("HSH", "NO", "un-sc-tae-010"),  # a Norwegian college's acronym, and the initials of a UN-listed exchange's alias
    ("ITP", "NL", "un-sc-qde-167"),  # "ISIL-Tunisia Province", an alias of Jund al-Khilafah in Tunisia
    ("ITP", None, "un-sc-qde-167"),
])
def test_an_acronym_derived_for_an_entry_without_a_country_is_never_raised(
        ruleset: RuleSet, name: str, country: str | None, entry: str) -> None:
    """The UN list gives most of its groups no country: an acronym collabguard derives from such an entry's names has
    nothing that could corroborate it, and three letters are many bodies' (ROR gives these to real organisations).
    It is shown as the nearest name, with why it was set aside."""
    [result] = [r for r in ruleset.matcher.results(name, country) if r.list_id == "un-sc"]
    assert result.best is None or result.best.decision == "none"
    assert result.rejected is not None and result.rejected.form.entity.entity_id == entry
    assert "an entry the list gives no country: nothing corroborates it" in result.rejected.why


def test_an_acronym_the_list_gives_an_entry_without_a_country_is_still_asked_about(ruleset: RuleSet) -> None:
    """The list's own acronym is the list's word: "IMU" is asked about, whatever country the name is given with."""
    for country in (None, "UZ", "NO"):
        [found] = [c for c in ruleset.matcher.match("IMU", country) if c.entity.list_id == "un-sc"]
        assert (found.entity.entity_id, found.decision) == ("un-sc-qde-010", "possible")


@pytest.mark.parametrize(("name", "listed", "whose"), [
    ("XUST", "Xidian University", "Xi'an University of Science and Technology"),
    ("SZTU", "Shijiazhuang Tiedao University", "Shenzhen Technology University"),
    ("HBUT", "Hebei University of Science and Technology", "Hubei University of Technology"),
])
def test_a_listed_acronym_with_a_letter_skipped_that_ror_gives_another_university_is_theirs(
        ruleset: RuleSet, name: str, listed: str, whose: str) -> None:
    """The acronym-skip stage reads "XUST" as Xidian University's derived acronym with a letter left out; ROR gives
    it, in China, to Xi'an University of Science and Technology, which no list names: not raised, and the near miss
    says whose it is."""
    results = ruleset.matcher.results(name, "CN")
    assert not [r for r in results if r.best is not None and r.best.decision != "none"]
    [near] = [r.rejected for r in results if r.list_id == "aspi-cdut"]
    assert near is not None and near.form.entity.name == listed and f"ROR gives it to {whose}" in near.why
