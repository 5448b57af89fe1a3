"""``--redact`` leaves no person's name in anything collabguard writes (issue #20, item 11).

The case: the visiting-researcher example saved as ``kari-nordmann-visit.yaml`` without an id (the
id is taken from the file name), its researcher named, a second researcher whose name has accents, the
researcher's consultancy as a partner, an office decision confirming the affiliation's match by a
reviewer whose reason names the researcher (both are copied into the match's reasons), and answers by
another reviewer whose note names both researchers. Every output is searched for every name of a
person in the input, in any case, with accents or without: the JSON, text, Markdown and HTML reports
(printed and written with -o), the Python API, a batch (CSV, XLSX, JSON Lines and the HTML summary)
and the error messages of a proposal with a name typed into a country field.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.io.yaml_loader import load_yaml
from collabguard.report.redact import redact_message
from collabguard.screener import Screener
from tests.conftest import EXAMPLES

runner = CliRunner()
RESEARCHER, COLLEAGUE = "Kari Nordmann", "Bjørn Ødegård"
REVIEWER, ANSWERER = "Ola Hansen", "Per Olsen"
PEOPLE = (RESEARCHER, COLLEAGUE, REVIEWER, ANSWERER)


def _plain(text: str) -> str:
    """As written on an ASCII keyboard: "Bjørn Ødegård" → "Bjorn Odegard"."""
    text = text.replace("ø", "o").replace("Ø", "O")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# every full name with any separator, and every surname alone, with and without accents
NAMES = re.compile("|".join(
    [r"[\W_]+".join(map(re.escape, form.split())) for person in PEOPLE for form in {person, _plain(person)}]
    + [re.escape(form) for person in PEOPLE for form in {person.split()[-1], _plain(person.split()[-1])}]),
    re.IGNORECASE)


def names_in(text: str) -> list[str]:
    return sorted({m.group(0) for m in NAMES.finditer(text)})


def _proposal_data() -> dict[str, Any]:
    data = load_yaml(EXAMPLES / "visiting-researcher.yaml").data
    del data["id"]  # taken from the file name: kari-nordmann-visit
    data["title"] = f"Research stay of Dr. {RESEARCHER} (NORDMANN, Kari; host: {COLLEAGUE.split()[-1]})"
    data["abstract"] += f" {_plain(COLLEAGUE)} hosts the visit and its underwater acoustics work."
    data["personnel"][0]["name"] = RESEARCHER
    data["personnel"].append({"name": COLLEAGUE, "role": "host", "affiliations": [{"name": "University of Bergen",
                                                                                    "country": "NO"}]})
    data["partners"] = [{"name": f"{RESEARCHER} Consulting AS", "country": "NO", "role": "subcontractor"}]
    return data


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("redact")
    proposal = tmp / "kari-nordmann-visit.yaml"
    proposal.write_text(yaml.safe_dump(_proposal_data(), allow_unicode=True), encoding="utf-8")
    report = Screener().screen(proposal)
    match = next(m for f in report.flags for m in f.evidence.matches if m.list == "ca-nro")
    edition = next(v.edition for v in report.versions.lists if v.id == "ca-nro")
    decisions = tmp / "decisions.yaml"
    decisions.write_text(yaml.safe_dump({"schema_version": 1, "decisions": [{
        "decision": "confirmed", "partner": match.partner, "country": match.country, "list": match.list,
        "entity_id": match.entity_id, "list_edition": edition, "reviewer": REVIEWER, "date": "2026-11-20",
        "expires": "2099-11-20", "reason": f"{RESEARCHER}'s appointment at NWPU confirmed by {REVIEWER}"}]},
        allow_unicode=True), encoding="utf-8")
    answers = tmp / "answers.yaml"
    judgement = next(q for q in report.checklist if q.reason == "judgement")
    answers.write_text(yaml.safe_dump({"schema_version": 1, "reviewer": ANSWERER, "date": "2026-11-25", "answers": [
        {"id": judgement.id, "answer": "yes", "note": f"Discussed with {RESEARCHER} and {_plain(COLLEAGUE)}."}]},
        allow_unicode=True), encoding="utf-8")
    return {"proposal": proposal, "decisions": decisions, "answers": answers, "tmp": tmp}


def test_the_unredacted_outputs_do_name_everyone(case: dict[str, Path]) -> None:
    """The search finds the names where they are: a check of the check."""
    out = runner.invoke(app, ["screen", str(case["proposal"]), "-f", "json", "--decisions", str(case["decisions"]),
                              "--answers", str(case["answers"])]).stdout
    found = {n.lower() for n in names_in(out)}
    for name in ("kari-nordmann", "kari nordmann", "nordmann", "ola hansen", "per olsen", "ødegård", "bjorn odegard"):
        assert name in found, name
    report = json.loads(out)
    assert report["proposal_id"] == "kari-nordmann-visit"
    assert any(REVIEWER in r for f in report["flags"] for m in f["evidence"]["matches"] for r in m["reasons"])


@pytest.mark.parametrize("fmt", ["json", "text", "markdown", "html"])
def test_no_report_format_names_a_person(case: dict[str, Path], fmt: str) -> None:
    args = ["screen", str(case["proposal"]), "-f", fmt, "--decisions", str(case["decisions"]),
            "--answers", str(case["answers"]), "--redact"]
    printed = runner.invoke(app, args)
    assert printed.exit_code in (0, 1), printed.output
    written = case["tmp"] / f"report.{fmt}"
    assert runner.invoke(app, [*args, "-o", str(written)]).exit_code in (0, 1)
    for text in (printed.stdout, printed.stderr, written.read_text(encoding="utf-8")):
        assert names_in(text) == []
    shown = printed.stdout.replace("\\[", "[").replace("\\]", "]")  # Markdown escapes the brackets
    assert "[person 1]" in shown and "[person 2]" in shown and "[reviewer]" in shown


def test_the_api_redacts_every_field_and_keeps_the_evidence(case: dict[str, Path]) -> None:
    report = Screener(decisions=case["decisions"]).screen(case["proposal"], answers=case["answers"], redact=True)
    assert names_in(report.model_dump_json()) == [] and report.redacted
    assert report.proposal_id == "[person 1]-visit"
    assert "[person 1] Consulting AS" in {n.name for n in report.screened_names}
    matches = [m for f in report.flags for m in f.evidence.matches]
    assert any("confirmed by [reviewer] on 2026-11-20: [person 1]'s appointment" in r for m in matches for r in m.reasons)
    # the evidence from the lists is kept as it is
    assert {m.entity_name for m in matches} >= {"Northwestern Polytechnical University"}
    assert all(m.source_url.startswith("https://") for m in matches)


@pytest.mark.parametrize("typed", [RESEARCHER, REVIEWER])
def test_a_name_typed_into_a_country_field_is_not_echoed(case: dict[str, Path], typed: str) -> None:
    data = _proposal_data()
    data["personnel"][0]["affiliations"][0]["country"] = typed
    path = case["tmp"] / "kari-nordmann-typo.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    plain = runner.invoke(app, ["screen", str(path)])
    assert plain.exit_code == 2 and typed in plain.stderr  # without --redact, the message quotes the value
    result = runner.invoke(app, ["screen", str(path), "--redact", "--decisions", str(case["decisions"])])
    assert result.exit_code == 2
    assert names_in(result.stderr) == [] and result.stderr.count("\n") == 1
    assert "[person 1]-typo.yaml" in result.stderr and "personnel[0].affiliations[0].country" in result.stderr
    assert "unknown country '[withheld]'" in result.stderr


def test_a_batch_over_a_folder_names_no_one(case: dict[str, Path]) -> None:
    folder = case["tmp"] / "proposals"
    folder.mkdir(exist_ok=True)
    (folder / case["proposal"].name).write_text(case["proposal"].read_text(encoding="utf-8"), encoding="utf-8")
    for ext in ("csv", "xlsx", "jsonl"):
        out, page = case["tmp"] / f"out.{ext}", case["tmp"] / f"summary-{ext}.html"
        result = runner.invoke(app, ["batch", str(folder), "-o", str(out), "--report", str(page), "-q", "--redact",
                                     "--decisions", str(case["decisions"])])
        assert result.exit_code in (0, 1), result.output
        text = pd.read_excel(out).to_csv() if ext == "xlsx" else out.read_text(encoding="utf-8")
        assert "[person 1]-visit" in text
        for written in (text, page.read_text(encoding="utf-8"), result.stdout, result.stderr):
            assert names_in(written) == []


def _jsonl_rows(tmp: Path) -> Path:
    good = {**_proposal_data(), "id": "kari-nordmann-2027"}
    typo = _proposal_data()
    typo["id"] = "kari-nordmann-2028"
    typo["personnel"][0]["affiliations"][0]["country"] = RESEARCHER
    path = tmp / "rows.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in (good, typo)), encoding="utf-8")
    return path


def test_a_batch_error_row_names_no_one(case: dict[str, Path]) -> None:
    out = case["tmp"] / "rows-out.csv"
    result = runner.invoke(app, ["batch", str(_jsonl_rows(case["tmp"])), "-o", str(out), "-q", "--redact"])
    assert result.exit_code == 2
    rows = pd.read_csv(out, dtype=str).fillna("")
    assert list(rows["status"]) == ["ok", "error"] and list(rows["id"]) == ["[person 1]-2027", "[person 1]-2028"]
    for written in (out.read_text(encoding="utf-8"), result.stdout, result.stderr):
        assert names_in(written) == []


def test_an_error_message_is_redacted_from_the_data_it_came_from() -> None:
    """What batch and other callers use for an error met with --redact."""
    data = {"id": "kari-nordmann-2028", "personnel": [{"name": RESEARCHER}, {"name": COLLEAGUE}]}
    message = ("rows.jsonl:2: kari-nordmann-2028: personnel[1].affiliations[0].country: unknown country "
               f"'{_plain(COLLEAGUE)}' (and 'Ola Hansen' in personnel[2])")
    redacted = redact_message(message, data)
    assert redacted == ("rows.jsonl:2: [person 1]-2028: personnel[1].affiliations[0].country: unknown country "
                        "'[withheld]' (and '[withheld]' in personnel[2])")
    assert redact_message("the proposal's title is empty", data) == "the proposal's title is empty"
