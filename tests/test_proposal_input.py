"""Reading proposals: good files load, bad ones give one clear line naming file, place and field."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from collabguard.errors import InputError
from collabguard.io.proposal_loader import load_proposal
from tests.conftest import EXAMPLES

MINIMAL = "title: T\npartners:\n  - {name: Aarhus University, country: DK}\n"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_example_loads(path: Path) -> None:
    proposal = load_proposal(path)
    assert proposal.title and (proposal.partners or proposal.personnel)


def test_countries_are_normalised_and_norway_is_not_false(tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text("title: T\nhome_institution: {name: UiO, country: NO}\npartners:\n  - {name: X, country: Peoples R China}\ntravel: [NO, Russia]\n")
    p = load_proposal(f)
    assert p.home_institution and p.home_institution.country == "NO"
    assert p.partners[0].country == "CN"
    assert p.travel == ["NO", "RU"]
    assert p.id == "p"  # taken from the file name when missing


def test_json_proposals_load_too(tmp_path: Path) -> None:
    f = tmp_path / "p.json"
    f.write_text('{"id": "J1", "title": "T", "personnel": [{"role": "visitor", "affiliations": [{"name": "X", "country": "IR"}]}]}')
    p = load_proposal(f)
    assert p.id == "J1" and p.personnel[0].affiliations[0].country == "IR"


def test_keywords_and_codes_may_be_one_semicolon_separated_string(tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text(MINIMAL + "keywords: quantum sensing; lidar\nexport_control: {codes: 3A001; ML5}\n")
    p = load_proposal(f)
    assert p.keywords == ["quantum sensing", "lidar"]
    assert p.export_control.codes == ["3A001", "ML5"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.yaml", None, "missing.yaml: proposal file not found"),
        ("empty.yaml", "", "empty.yaml: proposal file is empty"),
        ("binary.yaml", b"\x89PNG\r\n\x1a\n\x00\x00", "binary.yaml: looks like a binary file"),
        ("latin1.yaml", "title: Tromsø\n".encode("latin-1"), "latin1.yaml:1: not valid UTF-8"),
        ("broken.yaml", "title: [unclosed\n", "broken.yaml:2:1: invalid YAML"),
        ("list.yaml", "- a\n- b\n", "list.yaml: a proposal must be a mapping"),
        ("notitle.yaml", "partners:\n  - {name: X, country: DK}\n", "notitle.yaml:1:1: title: is required but missing"),
        ("nobody.yaml", "title: T\n", "nobody.yaml:1:1: proposal: no partners and no personnel"),
        ("country.yaml", "title: T\npartners:\n  - {name: X, country: Narnia}\n", "country.yaml:3:15: partners[0].country: unknown country 'Narnia'"),
        ("typo.yaml", MINIMAL + "partner: []\n", "typo.yaml:4:1: partner: is not a known field"),
        ("months.yaml", MINIMAL + "duration_months: many\n", "months.yaml:4:1: duration_months:"),
        # Python 3.13's json points at the trailing comma itself, earlier versions at the brace after it
        ("bad.json", '{"title": "T",}', f"bad.json:1:{14 if sys.version_info >= (3, 13) else 15}: invalid JSON"),
        ("dup.json", '{"title": "T", "title": "U"}', "dup.json: invalid JSON: duplicate key 'title'"),
    ],
)
def test_bad_input_gives_one_clear_line(tmp_path: Path, name: str, content: str | bytes | None, message: str) -> None:
    f = tmp_path / name
    if isinstance(content, bytes):
        f.write_bytes(content)
    elif content is not None:
        f.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_proposal(f)
    text = str(exc.value)
    assert "\n" not in text
    assert text.replace(str(tmp_path) + "/", "").startswith(message), text


def test_several_problems_are_each_shown_in_the_one_line_with_their_line(tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text("partners:\n  - {name: X, country: Narnia}\n  - {name: Y, country: Atlantis}\n")
    with pytest.raises(InputError) as exc:
        load_proposal(f)
    assert str(exc.value) == (f"{f}:1:1: title: is required but missing; line 2: partners[0].country: unknown country "
                              "'Narnia' (use an ISO 3166 code such as NO, CN, or a country name); "
                              "line 3: partners[1].country: unknown country 'Atlantis'")  # the hint once


def test_beyond_three_problems_the_rest_are_counted(tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text("title: T\npartners:\n" + "".join(f"  - {{name: X{i}, country: Narnia{i}}}\n" for i in range(5)))
    with pytest.raises(InputError) as exc:
        load_proposal(f)
    text = str(exc.value)
    assert "'Narnia0'" in text and "'Narnia2'" in text and "'Narnia3'" not in text
    assert text.endswith("(and 2 more problems)") and "\n" not in text


def test_empty_optional_fields_mean_not_given(tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text(MINIMAL + "abstract:\nfunding:\ntravel:\ndata:\nagreement:\nkeywords:\n")
    p = load_proposal(f)
    assert p.abstract == "" and p.funding == [] and p.data.personal_data is None
