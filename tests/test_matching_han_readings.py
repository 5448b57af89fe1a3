"""How Chinese characters are read (reference/matching/han-readings.yaml, written by
scripts/build_han_readings.py from pypinyin's dictionaries). collabguard reads the file, not pypinyin:
importing pypinyin loaded all its dictionaries, 57 MB in every process that met a Chinese name (issue #15,
two million names in flat memory under 500 MB)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

import pytest

from collabguard.matching.cross_script import han, readings_of
from collabguard.matching.han_reading import every_reading, read_aloud
from collabguard.reference.lexicons import LEXICON_DIR, han_readings
from collabguard.ruleset import RuleSet
from tests.conftest import REPO


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_han_readings", REPO / "scripts" / "build_han_readings.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_readings_are_what_the_script_writes(tmp_path: Path) -> None:
    shipped = (LEXICON_DIR / "han-readings.yaml").read_text(encoding="utf-8")
    if f"pypinyin {version('pypinyin')} " not in shipped:
        pytest.skip(f"pypinyin {version('pypinyin')} is installed; the file was written from another version "
                    "(constraints.txt pins the one it names)")
    out = tmp_path / "han-readings.yaml"
    _script().main(out)
    assert out.read_text(encoding="utf-8") == shipped


def test_the_written_out_syllables_are_those_of_the_pypinyin_dictionary() -> None:
    from collabguard.matching.pinyin import pinyin_syllables

    assert pinyin_syllables() == _script().syllables()


@pytest.mark.parametrize(("chars", "reading"), [
    # a place name is read as its word, not character by character
    ("重庆", "chong qing"), ("长春", "chang chun"), ("长沙", "chang sha"), ("厦门", "xia men"), ("蚌埠", "beng bu"),
    ("六安", "lu an"), ("成都", "cheng du"), ("银行", "yin hang"),
    # the longest word at each character: 长春 inside a name, though 院长 (a dean) is a word too
    ("中国科学院长春应用化学研究所", "zhong guo ke xue yuan chang chun ying yong hua xue yan jiu suo"),
])
def test_characters_are_read_as_words(chars: str, reading: str) -> None:
    assert " ".join(read_aloud(chars)) == reading


def test_a_place_name_is_romanised_as_read() -> None:
    from collabguard.matching.translate import translate

    assert translate("重庆大学") == ("chongqing", "university")
    assert translate("长春理工大学")[0] == "changchun"
    assert translate("厦门大学") == ("xiamen", "university")


@pytest.mark.parametrize(("traditional", "simplified"), [
    ("哈爾濱工業大學", "哈尔滨工业大学"),
    ("廈門大學", "厦门大学"),  # read as one word, 厦门 is xia men and 廈門 sha men: compared, each character one way
    ("上海立信會計學院", "上海立信会计学院"),
])
def test_traditional_and_simplified_characters_are_compared_alike(traditional: str, simplified: str) -> None:
    assert han(traditional) == han(simplified)


def test_a_name_in_pinyin_is_compared_with_every_reading() -> None:
    assert every_reading("长") == (frozenset({"zhang", "chang"}),)
    # ü is v in the table, and u as names in Latin letters write it (Lüliang, Luliang)
    assert readings_of("吕梁") == (frozenset({"lv", "lu"}), frozenset({"liang"}))


def test_every_character_has_one_first_reading() -> None:
    table = han_readings()
    assert len(table.first) > 20000
    assert all(ch in table.first for ch in table.other)
    assert all(len(word) == len(reading) for word, reading in table.phrases.items())


def test_matching_chinese_names_does_not_import_pypinyin() -> None:
    code = """
import sys
from collabguard.screener import Screener
screener = Screener(None)
names = ["重庆大学", "哈爾濱工業大學", "Harbin Gongye Daxue", "中国科学院长春应用化学研究所"]
results = screener.match_names(names)
assert all(r.status != "error" for r in results), results
print("pypinyin" in " ".join(sys.modules))
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"


@pytest.mark.parametrize(("name", "listed"), [
    ("哈爾濱工業大學", "Harbin Institute of Technology"),  # traditional characters; the list writes simplified ones
    ("北京航空航天大學", "Beihang University"),
])
def test_a_chinese_name_in_the_other_characters_is_possible(ruleset: RuleSet, name: str, listed: str) -> None:
    found = {c.entity.list_id: c for c in ruleset.matcher.match(name, "CN")}
    assert found["aspi-cdut"].entity.name == listed and found["aspi-cdut"].decision == "possible"
    assert any("read aloud, written in other characters (traditional or simplified)" in r
               for r in found["aspi-cdut"].reasons)


@pytest.mark.parametrize("name", ["哈爾濱", "Harbin Gongye Daxue Xuebao", "哈爾濱醫科大學"])
def test_only_a_whole_chinese_name_of_four_characters_or_more_is_read_alike(ruleset: RuleSet, name: str) -> None:
    # a town; a name in Latin letters; another university (Harbin Medical University) in traditional characters
    assert not any("read aloud" in " ".join(c.reasons) for c in ruleset.matcher.match(name, "CN"))
