"""Shipped lists: provenance on every entry, integrity, and what a match on each list means."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from collabguard.errors import RuleFileError
from collabguard.lists import load_lists
from collabguard.ruleset import RuleSet
from tests.conftest import RULES, SHARED, needs_shared

EXPECTED = {"aspi-cdut": 159, "ca-nro": 103, "us-dod-1286": 156, "us-dod-1260h": 188, "jp-mofa-ru": 129,
            # sanctions and export-control lists (issue 16): organisations only; their persons are kept apart
            "us-bis-entity": 3008, "us-bis-meu": 70, "us-ofac-cmic": 68, "us-state-isn": 430, "un-sc": 273}


def test_the_current_lists_are_shipped_with_their_entry_counts(ruleset: RuleSet) -> None:
    counts: dict[str, int] = {}
    for e in ruleset.lists.entities:
        counts[e.list_id] = counts.get(e.list_id, 0) + 1
    assert counts == EXPECTED


def test_every_entry_carries_its_source_url_and_date(ruleset: RuleSet) -> None:
    for e in ruleset.lists.entities:
        assert e.source_url.startswith("https://"), e.entity_id
        assert e.source_date, e.entity_id


def test_talent_programmes_are_programmes_not_institutions(ruleset: RuleSet) -> None:
    programmes = sorted(e.name for e in ruleset.lists.entities if e.kind == "programme")
    assert programmes == ["Changjiang Scholar Distinguished Professorship", "Hundred Talents Plan", "Pearl River Talent Program",
                          "Project 5-100", "River Talents Plan", "Thousand Talents Plan"]


@pytest.mark.parametrize(
    ("entity_id", "severity"),
    [
        ("aspi-beihang-university", "high"),  # very high
        ("aspi-central-south-university", "medium"),  # high
        ("aspi-northeastern-university", "low"),  # medium
        ("aspi-shandong-university-of-technology", "info"),  # low
        ("aspi-national-university-of-defense-technology", "medium"),  # blank: unrated, never low
        ("ca-nro-beihang-university", "high"),
        ("dod1260h-360-security-technology-inc", "high"),
    ],
)
def test_each_list_s_meaning_drives_severity(ruleset: RuleSet, entity_id: str, severity: str) -> None:
    entity = next(e for e in ruleset.lists.entities if e.entity_id == entity_id)
    assert ruleset.lists.severity_of(entity) == severity


def test_the_japan_list_is_marked_partial(ruleset: RuleSet) -> None:
    assert ruleset.lists.lists["jp-mofa-ru"].complete is False


def test_an_edited_list_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "lists"
    shutil.copytree(RULES / "lists", folder)
    with open(folder / "ca-nro.csv", "a", encoding="utf-8") as fh:
        fh.write("ca-nro-invented,Invented University,,,,CN,x,,,https://example.org,2026-01-01\n")
    with pytest.raises(RuleFileError, match=r"sha256 .* does not match"):
        load_lists(folder)


@needs_shared
def test_shipped_lists_are_byte_copies_of_the_shared_downloads() -> None:
    sources = {
        "aspi-cdut.csv": "aspi_china_defence_universities.csv",
        "ca-nro.csv": "ca_named_research_organizations.csv",
        "us-dod-1286.csv": "us_dod_section_1286_fy2025.csv",
        "us-dod-1260h.csv": "us_dod_1260h_latest_2026-06-08.csv",
        "jp-mofa-ru.csv": "jp_meti_russia_export_ban_research_entities_partial.csv",
    }
    for ours, theirs in sources.items():
        a = hashlib.sha256((RULES / "lists" / ours).read_bytes()).hexdigest()
        b = hashlib.sha256((SHARED / "data" / "lists" / theirs).read_bytes()).hexdigest()
        assert a == b, ours
