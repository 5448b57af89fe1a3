"""A newer edition of a list in use reaches every rule that names it (issue 16, item 4): the policy
file's ``list_updates`` put it in place under the same id, with its provenance; ``lists install``
writes that entry; ``lists diff`` shows what changed, rating changes included; the report's versions
and coverage name the edition used.

The editions here are made from the shipped lists the way a publisher changes a list: an entry
removed (a delisting) or re-rated. They live only in the test's folder."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.engine.screen import screen
from collabguard.errors import RuleFileError
from collabguard.io.proposal_loader import load_proposal
from collabguard.ruleset import load_ruleset
from tests.conftest import EXAMPLES, RULES, TODAY

runner = CliRunner()
HEU = "Harbin Engineering University"


def _edition(tmp_path: Path, list_id: str, name: str, change: dict[str, str] | None = None) -> Path:
    """The shipped list with ``name`` removed (no ``change``) or changed."""
    rows = list(csv.DictReader(io.StringIO((RULES / "lists" / f"{list_id}.csv").read_text(encoding="utf-8"))))
    fields = list(rows[0])
    rows = [({**r, **change} if change else None) if r["name"] == name else r for r in rows]
    out = tmp_path / f"{list_id}-new.csv"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(r for r in rows if r is not None)
    out.write_text(buf.getvalue(), encoding="utf-8")
    return out


def _policy(tmp_path: Path, updates: str = "") -> Path:
    office = tmp_path / "office"
    office.mkdir(exist_ok=True)
    text = (EXAMPLES / "office" / "policy.yaml").read_text(encoding="utf-8")
    (office / "policy.yaml").write_text(text + updates, encoding="utf-8")
    return office / "policy.yaml"


def test_a_new_edition_in_the_policy_reaches_every_rule_naming_the_list(tmp_path: Path) -> None:
    edition = _edition(tmp_path, "ca-nro", "Beihang University")  # Canada delists the university
    policy = _policy(tmp_path)
    shutil.copy(edition, policy.parent / "ca-nro-2026-10-01.csv")
    digest = hashlib.sha256(edition.read_bytes()).hexdigest()
    policy.write_text(policy.read_text() + f"""
list_updates:
  - id: ca-nro
    file: ca-nro-2026-10-01.csv
    edition: "2026-10-01"
    source: "science.gc.ca page downloaded 2026-10-02 by the research office"
    sha256: {digest}
    reason: A newer edition of the Named Research Organizations list.
""")
    example = EXAMPLES / "strac-nserc-nro-affiliation.yaml"  # an NSERC grant, an affiliation with Beihang University
    before = screen(load_proposal(example), load_ruleset(RULES), today=TODAY)
    rs = load_ruleset(RULES, policy=policy)
    after = screen(load_proposal(example), rs, today=TODAY)
    assert "ca-nro" in {m.list for f in before.flags for m in f.evidence.matches}
    assert "ca-nro" not in {m.list for f in after.flags for m in f.evidence.matches}  # no rule sees the old edition
    # STRAC's gate names only ca-nro: with the new edition it no longer bars the grant
    assert "CG-CA-STRAC-001" in {f.rule_id for f in before.flags} and "CG-CA-STRAC-001" not in {f.rule_id for f in after.flags}
    assert before.blocking and not after.blocking
    version = next(v for v in after.versions.lists if v.id == "ca-nro")
    assert (version.edition, version.sha256) == ("2026-10-01", digest)
    coverage = next(c for c in after.coverage.lists_checked if c.id == "ca-nro")
    assert (coverage.edition, coverage.entries) == ("2026-10-01", 102)
    assert after.versions.policy is not None
    assert any(c.startswith("list ca-nro: edition 2024-04-18 replaced by 2026-10-01 (102 entries")
               and "science.gc.ca page downloaded 2026-10-02" in c for c in after.versions.policy.changes)
    info = rs.lists.lists["ca-nro"]  # the same list: its meaning and weight stay, its citation names the edition
    assert info.severity.default == "high" and "edition 2026-10-01" in (info.cite or "")


def test_a_new_aspi_edition_changes_the_rating_and_the_severity_it_gives(tmp_path: Path) -> None:
    policy = _policy(tmp_path)
    edition = _edition(tmp_path, "aspi-cdut", HEU, {"risk_level": "low"})
    result = runner.invoke(app, ["lists", "install", str(edition), "--id", "aspi-cdut", "--edition", "2025-09-01",
                                 "--source", "unitracker.aspi.org.au, read 2025-09-10", "--policy", str(policy)])
    assert result.exit_code == 0, result.output
    assert "aspi-cdut: edition 2020-08-21 replaced by 2025-09-01" in result.output
    assert f"rating   {HEU} [CN] rating very high → low" in result.output
    assert "0 added, 0 removed, 0 renamed, 0 changed, 1 re-rated" in result.output
    assert (policy.parent / "aspi-cdut-2025-09-01.csv").read_bytes() == edition.read_bytes()
    rs = load_ruleset(RULES, policy=policy)
    report = screen(load_proposal(EXAMPLES / "listed-partner-sensitive-area.yaml"), rs, today=TODAY)
    aspi = next(m for f in report.flags for m in f.evidence.matches if m.list == "aspi-cdut")
    assert aspi.rating == "low" and "rated 'low'" in aspi.list_cite
    entity = next(e for e in rs.lists.entities if e.list_id == "aspi-cdut" and e.name == HEU)
    assert rs.lists.severity_of(entity) == "info"  # ASPI low → info (very high gave high)


def test_lists_diff_against_the_edition_in_use_shows_removals_and_ratings(tmp_path: Path) -> None:
    edition = _edition(tmp_path, "aspi-cdut", HEU, {"risk_level": "low"})
    result = runner.invoke(app, ["lists", "diff", "aspi-cdut", str(edition), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"change": "rating", "entity_id": "aspi-harbin-engineering-university", "name": HEU,
                                          "country": "CN", "old_name": "very high", "rating": "low"}]
    removed = _edition(tmp_path, "ca-nro", HEU)
    text = runner.invoke(app, ["lists", "diff", "ca-nro", str(removed)]).output
    assert f"removed  ca-nro-harbin-engineering-university  {HEU} [CN]" in text
    assert text.rstrip().endswith("0 added, 1 removed, 0 renamed, 0 changed, 0 re-rated")


def test_a_second_install_of_the_same_list_is_refused_and_leaves_the_policy_as_it_was(tmp_path: Path) -> None:
    policy = _policy(tmp_path)
    edition = _edition(tmp_path, "ca-nro", HEU)
    args = ["lists", "install", str(edition), "--id", "ca-nro", "--edition", "2026-10-01", "--source", "x", "--policy", str(policy)]
    assert runner.invoke(app, args).exit_code == 0
    text = policy.read_text()
    again = runner.invoke(app, args)
    assert again.exit_code == 2 and "already installs ca-nro edition 2026-10-01; remove that entry" in again.output
    assert policy.read_text() == text


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--id", "xx-none"], "--id: no list 'xx-none' is in use"),
        (["--id", "ca-nro", "--policy", "missing.yaml"], "policy file not found"),
    ],
)
def test_install_refuses_an_unknown_list_or_policy(tmp_path: Path, args: list[str], says: str) -> None:
    policy = _policy(tmp_path)
    base = ["lists", "install", str(_edition(tmp_path, "ca-nro", HEU)), "--edition", "e", "--source", "s", "--policy", str(policy)]
    if "--policy" in args:
        base = base[:-2]
        args = [*args[:-1], str(tmp_path / args[-1])]
    result = runner.invoke(app, base + args)
    assert result.exit_code == 2 and says in result.output


def test_a_file_that_is_not_a_list_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    policy = _policy(tmp_path)
    text = policy.read_text()
    bad = tmp_path / "bad.csv"
    bad.write_text("name,country\nSomething,CN\n")
    result = runner.invoke(app, ["lists", "install", str(bad), "--id", "ca-nro", "--edition", "e", "--source", "s",
                                 "--policy", str(policy)])
    assert result.exit_code == 2 and "missing column(s): entity_id" in result.output
    assert policy.read_text() == text and sorted(p.name for p in policy.parent.iterdir()) == ["policy.yaml"]


def test_an_installed_file_that_was_changed_is_refused_with_where(tmp_path: Path) -> None:
    policy = _policy(tmp_path)
    edition = _edition(tmp_path, "ca-nro", HEU)
    assert runner.invoke(app, ["lists", "install", str(edition), "--id", "ca-nro", "--edition", "2026-10-01", "--source", "s",
                               "--policy", str(policy)]).exit_code == 0
    installed = policy.parent / "ca-nro-2026-10-01.csv"
    installed.write_text(installed.read_text() + "ca-nro-x,Invented Institute,,,,CN,x,,,https://example.org,2026\n")
    with pytest.raises(RuleFileError) as exc:
        load_ruleset(RULES, policy=policy)
    assert any("list_updates[0].sha256" in p and "the file was changed after it was installed" in p and f"{policy}:" in p
               for p in exc.value.problems)


def test_an_update_naming_a_list_not_in_use_is_an_error_with_where(tmp_path: Path) -> None:
    policy = _policy(tmp_path, "\nlist_updates:\n  - {id: us-bis-entiti, file: x.csv, edition: e, source: s, reason: r}\n")
    with pytest.raises(RuleFileError) as exc:
        load_ruleset(RULES, policy=policy)
    assert any("list_updates[0].id: no list 'us-bis-entiti' is in use" in p for p in exc.value.problems)
