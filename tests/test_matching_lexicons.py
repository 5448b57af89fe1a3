"""The matcher's word lists are data files (issue #15 item 5): reference/matching/*.yaml, each with a
version and its sources, read and checked by collabguard.reference.lexicons. A broken file stops the
matcher with one line naming the file and the key; every report records each file's version."""

from __future__ import annotations

import fnmatch
import re
import tomllib
from pathlib import Path

import pytest
import yaml

from collabguard.engine.screen import screen
from collabguard.io.proposal_loader import load_proposal
from collabguard.matching.compare import COUNTRY_WORDS, OPTIONAL_WORDS
from collabguard.matching.index import UNANCHORED
from collabguard.matching.normalize import normalize
from collabguard.reference.lexicons import (
    LEXICON_DIR,
    LEXICONS,
    PARTS_FILE,
    READERS,
    LexiconError,
    lexicon_versions,
    read_name_words,
    read_pinyin,
    read_translations,
)
from collabguard.ruleset import RuleSet
from tests.conftest import EXAMPLES, REPO, TODAY


def test_every_file_in_the_folder_is_read() -> None:
    assert sorted(p.stem for p in LEXICON_DIR.glob("*.yaml")) == sorted(READERS) == sorted(LEXICONS)


@pytest.mark.parametrize("name", sorted(READERS))
def test_each_file_loads_with_its_version_and_sources(name: str) -> None:
    lexicon = LEXICONS[name]()
    assert lexicon.version.strip()
    assert lexicon.sources and all(len(s) > 20 for s in lexicon.sources), "each source says where the words come from"
    assert lexicon == READERS[name](LEXICON_DIR / f"{name}.yaml")


def test_each_file_is_read_once_per_process() -> None:
    assert all(read() is read() for read in LEXICONS.values())


def test_the_words_drive_the_matcher() -> None:
    # legal forms and abbreviations from the files; the words that cannot anchor a search are the
    # optional words, the countries' own names, the legal forms of their companies, the acronyms their
    # names carry, and a talent programme's kind and sub-programme words
    assert normalize("Shenzhen DJI Technology Co., Ltd.") == "shenzhen dji technology"
    assert normalize("Natl Univ Def Technol") == "national university defense technology"
    assert normalize("Federal State Budgetary Institution of Science Institute of Solid State Physics") == \
        "institute solid state physics"
    own_names = {"china", "chinese", "prc", "russia", "russian", "iran", "iranian", "korea", "korean", "dprk"}
    legal = {"ab", "oy", "oyj", "as", "asa", "aps", "ag", "kg", "sa", "sarl", "bv", "nv", "srl", "sas", "spa", "sl",
             "ao", "zao", "pao", "private", "fze", "fzc", "fzco", "fz", "anonim", "sirketi", "sirket", "sti", "pjs",
             "sftue", "ou", "eood", "ood", "ead", "ad", "pty", "cc", "osoo", "kk", "gk"}
    programmes = {"programme", "professorship", "distinguished", "award", "young", "youth"}
    assert own_names | OPTIONAL_WORDS | legal | {"vko", "pvo", "kai", "scientific"} | programmes == UNANCHORED
    assert {"china", "chinese"} == COUNTRY_WORDS["HK"]


def _broken(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (LEXICON_DIR / f"{name}.yaml").read_text(encoding="utf-8")
    if old.startswith("re:"):  # a pattern, for what changes with each edition (the version)
        broken, found = re.subn(old[3:], new, text, count=1, flags=re.MULTILINE)
        assert found
    else:
        assert old in text
        broken = text.replace(old, new, 1)
    path = tmp_path / f"{name}.yaml"
    path.write_text(broken, encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "old", "new", "says"), [
    ("name-words", '"on"', "true", "stop_words[7]: True is not a word"),
    ("name-words", r're:^version: "[^"]+"', "", "version: a version string is required"),
    ("name-words", "sources:\n", "sources: []\nold_sources:\n", "old_sources: unknown table"),
    ("legal-forms", "sources:\n  - ", "sources: []\nlegal_notes:\n  - ", "legal_notes: unknown table"),
    ("name-words", "abbreviations: {", "abbreviation: {", "abbreviation: unknown table"),
    ("name-words", "synonyms: {\n  college: academy,", "synonyms: {\n  college: Academy,",
     "synonyms.college: 'Academy' is not a word"),
    # a key given twice: plain YAML would keep the second silently
    ("translations", " 大学: university,", " 大学: university, 大学: college,", "大学"),
    ("translations", "universitet: university,", "universitet: University,",
     "russian.universitet: 'University' is not a translation"),
    ("translations", "chinese: {", "chinese: [", "invalid YAML"),
    ("pinyin", "syllables: >-\n  a ai", "syllables: >-\n  a Ai", "syllables: word 2, 'Ai', is not a word"),
    # an abbreviation read as other words must be one the normaliser writes out
    ("name-words", "  chem: [chemical],", "  chemi: [chemical],",
     "abbreviation_readings.chemi: 'chemi' is not in abbreviations"),
    ("places", "[[hetian, hotan],", "[[hetian],", "spellings.CN[0]: a place needs two spellings or more"),
    # every parent a reason may name has its name as written
    ("name-words", '  cas: "the Chinese Academy of Sciences"\n', "", "parent_names: 'cas' (a parent) has no name here"),
    ("places", "places_same_as: {HK: CN,", "places_same_as: {HK: TW,", "places_same_as.HK: 'TW' has no entry to share"),
])
def test_a_broken_file_is_one_line_naming_the_file_and_the_key(tmp_path: Path, name: str, old: str, new: str,
                                                                  says: str) -> None:
    path = _broken(tmp_path, name, old, new)
    with pytest.raises(LexiconError) as caught:
        READERS[name](path)
    message = str(caught.value)
    assert "\n" not in message
    assert re.match(rf"{re.escape(str(path))}:\d+(:\d+)?: ", message), message
    assert says in message


def test_a_file_without_sources_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "legal-forms.yaml"
    path.write_text('schema_version: 1\nversion: "1"\nsources: []\nlegal_forms: [ltd]\nlegal_phrases: []\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"legal-forms\.yaml:3:\d+: sources: a list of one or more sources"):
        READERS["legal-forms"](path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"missing\.yaml: word-list file not found"):
        read_translations(tmp_path / "missing.yaml")


def test_the_readers_keep_order_where_it_matters() -> None:
    # Chinese words of one length are tried in the file's order; parents of Hong Kong are the mainland's
    translations = read_translations(LEXICON_DIR / "translations.yaml")
    assert list(translations.chinese)[:3] == ["中国人民解放军", "人民解放军", "解放军"]
    words = read_name_words(LEXICON_DIR / "name-words.yaml")
    assert words.parents["HK"] == words.parents["MO"] == words.parents["CN"]
    assert "shen" in read_pinyin(LEXICON_DIR / "pinyin.yaml").syllables


def test_every_report_records_the_version_of_each_word_list(ruleset: RuleSet) -> None:
    report = screen(load_proposal(EXAMPLES / "innocent-lookalike.yaml"), ruleset, today=TODAY)
    recorded = {v.id: v.version for v in report.versions.lexicons}
    parts_version = yaml.safe_load(PARTS_FILE.read_text(encoding="utf-8"))["version"]
    assert recorded == {**{name: read().version for name, read in LEXICONS.items()}, PARTS_FILE.stem: parts_version}
    assert [v.model_dump() for v in report.versions.lexicons] == [v.model_dump() for v in lexicon_versions()]


def test_the_word_lists_ship_in_the_wheel() -> None:
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["collabguard"]
    package = REPO / "src" / "collabguard"
    for path in [*LEXICON_DIR.glob("*.yaml"), PARTS_FILE]:
        relative = path.relative_to(package).as_posix()
        assert any(fnmatch.fnmatch(relative, p) and relative.count("/") == p.count("/") for p in patterns), relative
