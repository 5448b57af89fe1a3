"""An academy's institute named without its parent, in an address: found where the address names the listed
parent, a unit of the institute or nothing more; set aside where it names another parent. Found by reading the
matcher's answers on real address forms of listed institutes (Web of Science abbreviates "Microelectronics" to
"Microelect"; a key laboratory is named before its institute)."""

from __future__ import annotations

import pytest

from collabguard.ruleset import RuleSet


@pytest.mark.parametrize(("name", "list_id", "entity"), [
    # a laboratory of the listed institute, named before it, is no other parent
    ("Key Laboratory of Microelectronic Devices, Institute of Microelectronics, Chinese Academy of Sciences, Beijing "
     "100029, China", "us-bis-entity", "Chinese Academy of Sciences Institute of Microelectronics"),
    # an abbreviated word beside a parent named on one side only
    ("Chinese Acad Sci, Inst Microelect, Beijing 100029, Peoples R China", "us-bis-entity",
     "Chinese Academy of Sciences Institute of Microelectronics"),
    ("Keldysh Inst Appl Math, Moscow 125047, Russia", "us-bis-entity",
     "Keldysh Institute of Applied Mathematics of the Russian Academy of Sciences"),
    # the listed parent named in another part of the address, however spelt (the lists write "China Academy of Science")
    ("Institute of Solid State Physics, Russian Academy of Sciences, Chernogolovka", "us-dod-1286",
     "Institute of Solid State Physics of the Russian Academy of Sciences"),
    ("Shenyang Institute of Automation, Chinese Academy of Sciences, Shenyang 110016, China", "us-bis-entity",
     "China Academy of Science—Shenyang Institute of Automation"),
    ("Shenyang Institute of Automation, Chinese Academy of Sciences, Shenyang 110016, China", "ca-nro",
     "China Academy of Science – Shenyang Institute of Automation"),
    # only the institute's own address is read, and a unit of it is no other parent (second review)
    ("Institute of Computing Technology, Chinese Academy of Sciences; University of Chinese Academy of Sciences, Beijing, "
     "China", "us-bis-entity", "Chinese Academy of Sciences Institute of Computing Technology"),
    ("Institute of Microelectronics, Chinese Academy of Sciences; University of Chinese Academy of Sciences, Beijing, "
     "China", "us-bis-entity", "Chinese Academy of Sciences Institute of Microelectronics"),
    ("CAS Key Laboratory of Network Data Science and Technology, Institute of Computing Technology, Chinese Academy of "
     "Sciences, Beijing, China", "ca-nro", "Chinese Academy of Sciences Institute of Computing Technology"),
    ("Institute of Solid State Physics, Chernogolovka, Russia; Landau Institute for Theoretical Physics, Chernogolovka, "
     "Russia", "us-bis-entity", "Institute of Solid-State Physics of the Russian Academy of Sciences"),
    ("Institute of Solid State Physics, Russian Academy of Sciences, Chernogolovka, 142432 Russia; National Research "
     "University Higher School of Economics, Moscow, Russia", "jp-mofa-ru",
     "Institute of Solid-State Physics of the Russian Academy of Sciences"),
])
def test_a_listed_institute_in_an_address_is_found(ruleset: RuleSet, name: str, list_id: str, entity: str) -> None:
    found = {c.entity.list_id: c for c in ruleset.matcher.match(name, None)}
    assert list_id in found and found[list_id].entity.name == entity
    assert found[list_id].decision in ("match", "possible")


@pytest.mark.parametrize(("name", "not_entity"), [
    # the alias "Institute of Solid State Physics" (DoD's list, ROR) is the RAS institute's name without its parent:
    # with another academy named, it is that academy's institute
    ("Institute of Solid State Physics, Bulgarian Academy of Sciences", "Institute of Solid State Physics of the Russian "
     "Academy of Sciences"),
    ("Institute of Microelectronics, Nankai University, Tianjin, China", "Chinese Academy of Sciences Institute of "
     "Microelectronics"),
    # an academy or a centre is no unit (second review)
    ("Institute of Bioorganic Chemistry, National Academy of Sciences of Belarus, Minsk", "Federal State Budgetary "
     "Institution of Science Institute of Bioorganic Chemistry named after Academicians M.M. Shemyakin and Yu.A. "
     "Ovchinnikov, Russian Academy of Sciences"),
    ("Institute of Microelectronics, National Center for Scientific Research Demokritos, Athens", "Chinese Academy of "
     "Sciences Institute of Microelectronics"),
])
def test_an_institute_of_another_parent_is_not_the_listed_one(ruleset: RuleSet, name: str, not_entity: str) -> None:
    named = {c.entity.name.replace("Solid-State", "Solid State") for c in ruleset.matcher.match(name, None)}
    assert not_entity not in named


def test_the_reason_names_the_parent_as_it_is_written(ruleset: RuleSet) -> None:
    from collabguard.reference.report_text import reason

    found = {c.entity.list_id: c for c in ruleset.matcher.match("Inst Microelect", "CN")}["us-bis-entity"]
    said = found.reasons[0]
    assert "the parent, the Chinese Academy of Sciences, not named" in said  # not "chinese academy science not named"
    assert "morinstitusjonen, the Chinese Academy of Sciences, ikke nevnt" in reason(said, "nb")


@pytest.mark.parametrize(("name", "list_id", "entity"), [
    # the institute and its parent in two parts of the address, as institutes write themselves, for a listed name
    # without a comma (the two parts were read together only for list names with one)
    ("Institute of Microelectronics, Chinese Academy of Sciences, Beijing 100029, China", "us-bis-entity",
     "Chinese Academy of Sciences Institute of Microelectronics"),
    ("Chinese Acad Sci, Inst Phys, Beijing 100190, Peoples R China", "us-dod-1286",
     "Chinese Academy of Sciences – Institute of Physics"),
    # the parent named after the institute where the list names it before: the same name, not another order of words
    ("Institute of Microelectronics, Chinese Academy of Sciences, Beijing 100029, China", "us-dod-1286",
     "Chinese Academy of Sciences – Institute of Microelectronics"),
    ("National Time Service Center, Chinese Academy of Sciences, Xi'an 710600, China", "us-bis-entity",
     "Chinese Academy of Sciences, National Time Service Center"),
    ("Institute of Computing Technology Chinese Academy of Sciences, Beijing, China", "ca-nro",
     "Chinese Academy of Sciences Institute of Computing Technology"),
])
def test_an_institute_named_with_its_parent_in_either_order_is_matched(
        ruleset: RuleSet, name: str, list_id: str, entity: str) -> None:
    found = {c.entity.list_id: c for c in ruleset.matcher.match(name, None)}
    assert found[list_id].entity.name == entity
    assert found[list_id].decision == "match", found[list_id].reasons


def test_the_parent_moved_is_said_in_the_reason(ruleset: RuleSet) -> None:
    from collabguard.reference.report_text import reason

    found = {c.entity.list_id: c for c in ruleset.matcher.match("Institute of Physics, Chinese Academy of Sciences",
                                                                 "CN")}["us-dod-1286"]
    said = found.reasons[0]
    assert said == ("same name as the listed name 'Chinese Academy of Sciences – Institute of Physics', the parent, "
                    "the Chinese Academy of Sciences, named on the other side of the institute's own name")
    assert reason(said, "nb").endswith("morinstitusjonen, the Chinese Academy of Sciences, nevnt på den andre siden av "
                                       "institusjonens eget navn")


@pytest.mark.parametrize("name", [
    "Institute of Technology Harbin",  # only the place moved: another order of words, a question
    "Institute of Technology, Harbin, China",
])
def test_words_in_another_order_stay_a_question(ruleset: RuleSet, name: str) -> None:
    found = {c.entity.list_id: c for c in ruleset.matcher.match(name, "CN")}
    assert all(c.decision != "match" for c in found.values())


@pytest.mark.parametrize(("name", "country", "not_entity"), [
    # the Chinese Academy of Sciences' own university: "University" and a place are no other university's name,
    # even where "Beijing" reads as Peking in pinyin
    ("University of Chinese Academy of Sciences, Beijing", None, "Peking University"),
    ("Graduate University of Chinese Academy of Sciences, Beijing", None, "Peking University"),
    # an academy's institute is no unit of a company that a one-word alias, Baikal, names (Izhevsky Mekhanichesky
    # Zavod's shotguns)
    ("Baikal Institute of Nature Management SB RAS, Ulan-Ude, Russia", "RU", "Izhevsky Mekhanichesky Zavod JSC"),
    ("Baikal Institute of Nature Management, Siberian Branch of the Russian Academy of Sciences, Ulan-Ude", "RU",
     "Izhevsky Mekhanichesky Zavod JSC"),
])
def test_a_parent_s_own_body_is_no_listed_one(ruleset: RuleSet, name: str, country: str | None, not_entity: str) -> None:
    assert not_entity not in {c.entity.name for c in ruleset.matcher.match(name, country)}


def test_a_unit_named_with_its_listed_parent_is_still_asked_about(ruleset: RuleSet) -> None:
    found = {c.entity.list_id: c for c in ruleset.matcher.match(
        "Ningbo Institute of Northwestern Polytechnical University, Ningbo, China", None)}
    assert found["us-bis-entity"].decision == "possible" and found["us-bis-entity"].stage == "part-of"
