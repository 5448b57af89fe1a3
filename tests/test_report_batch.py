"""The batch summary (issue #14, item 6): one line per matched entity (name as written → entity
[every list that names it]), the reason for each row's verdict (the deciding flag, or the open
question that makes a row "needs review"), the proposal's title, and the run's notes. Before, one
listed partner gave 27 repeated lines, one per rule and list."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabguard.cli.main import app
from tests.conftest import EXAMPLES

runner = CliRunner()


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict[str, str]], str]:
    """The shipped batch example with a misspelt column added and its activity column taken out (a
    warning every row has): (rows by id, the HTML summary)."""
    tmp = tmp_path_factory.mktemp("batch")
    rows = list(csv.reader((EXAMPLES / "batch.csv").read_text(encoding="utf-8").splitlines()))
    at = rows[0].index("activity")
    rows = [r[:at] + r[at + 1:] for r in rows]
    source = tmp / "batch.csv"
    with open(source, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([[*rows[0], "fundres"], *[[*r, ""] for r in rows[1:]]])
    out, html = tmp / "out.csv", tmp / "summary.html"
    result = runner.invoke(app, ["batch", str(source), "-o", str(out), "--report", str(html), "--quiet"])
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8-sig", newline="") as fh:
        return {r["id"]: r for r in csv.DictReader(fh)}, html.read_text(encoding="utf-8")


def row_of(page: str, ident: str) -> str:
    (row,) = [r for r in re.findall(r"<tr>.*?</tr>", page, re.DOTALL) if f"<td>{ident}</td>" in r]
    return row


def test_one_line_per_matched_entity(batch: tuple[dict[str, dict[str, str]], str]) -> None:
    rows, page = batch
    harbin = rows["NTNU-2027-002"]["matched_entities"]
    assert re.fullmatch(r"Harbin Engineering University → Harbin Engineering University \[[a-z0-9-]+(, [a-z0-9-]+)+\]", harbin)
    assert {"us-bis-entity", "ca-nro", "us-dod-1286", "aspi-cdut"} <= set(harbin.split("[")[1].rstrip("]").split(", "))
    matched = row_of(page, "NTNU-2027-002").split("<td")[-1]  # the last cell: what the row matched
    assert matched.count("→") == 1 and matched.count("Harbin Engineering University") == 2  # one line, not 27
    assert rows["UIB-2027-007"]["matched_entities"].startswith(
        "School of Aeronautics, Northwestern Polytechnical University, Xi'an → Northwestern Polytechnical University [")
    assert rows["UIO-2027-003"]["matched_entities"] == ""  # Sichuan Normal University is not listed
    most = page[page.index("Entities matched most often"):]
    assert len(re.findall(r"<td>Harbin Engineering University \[", most)) == 1  # one entity, every list that names it


def test_each_row_says_why_it_got_its_verdict(batch: tuple[dict[str, dict[str, str]], str]) -> None:
    rows, page = batch
    # the flag the escalation rests on: of the two high ones, the partner rule citing four lists, not the
    # Entity-List rule citing one of them
    assert rows["NTNU-2027-002"]["top_flags"].startswith("CG-NO-PARTNER-001 (high): ")
    review = rows["NMBU-2027-008"]
    assert review["recommendation"] == "needs_review"
    assert re.match(r"an open question must be answered first \(Q-[0-9a-f]{10}: Funding comes from China \(CN\)\.",
                    review["top_flags"])  # the open question that makes the row "needs review"
    assert "Funding comes from China (CN). Who pays" in row_of(page, "NMBU-2027-008")
    assert rows["UIB-2027-001"]["top_flags"].startswith("no flag above info and no open question at medium or above")


def test_the_title_is_a_column_and_the_run_notes_are_in_the_summary(batch: tuple[dict[str, dict[str, str]], str]) -> None:
    rows, page = batch
    assert rows["NTNU-2027-002"]["title"] == "Underwater acoustic sensor networks for subsea inspection"
    assert "<th>title</th>" in page and "Underwater acoustic sensor networks for subsea inspection" in row_of(page, "NTNU-2027-002")
    notes = page[page.index("<h2>Notes on this run</h2>"):page.index("<h2>Risk levels</h2>")]
    assert "fundres" in notes  # the misspelt column: said once for the run …
    assert "activity is not stated" in notes  # … and a warning every row has, once
    assert "fundres" not in row_of(page, "NTNU-2027-002") and "activity is not stated" not in row_of(page, "NTNU-2027-002")


def test_an_error_row_keeps_its_title(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,title,partners,partner_countries\nA1,Sonar for ships,Aarhus University,Atlantis\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert runner.invoke(app, ["batch", str(source), "-o", str(out), "--quiet"]).exit_code == 2
    with open(out, encoding="utf-8-sig", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["status"] == "error" and row["title"] == "Sonar for ships"
