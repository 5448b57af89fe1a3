"""`collabguard match` (issue 14 item 8, issue 15 item 6): names given as arguments as well as files and
stdin, decided by evidence; every input row gets one output row, bad rows included as error rows; and
rows stream through in chunks (the same output as matching everything at once). Memory and speed are
measured by benchmarks/match_stream.py, not here."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.cli.match_output import MatchFormat, render_rows, render_stream
from collabguard.matching import batch
from collabguard.matching.batch import NameRow, iter_match_rows, match_rows
from collabguard.matching.names_input import looks_like_a_path
from collabguard.ruleset import get_ruleset
from collabguard.screener import Screener
from tests.conftest import RULES

runner = CliRunner()
DEVSET = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "devset.csv"


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- names as arguments (issue 14 item 8) -------------------------------------------------------

def test_a_name_given_as_an_argument_is_matched_not_looked_for_as_a_file() -> None:
    result = runner.invoke(app, ["match", "Harbin Engineering University"])
    assert result.exit_code == 0, result.output
    assert "not found" not in result.output
    # without a country the identity cannot be confirmed: possible, never a silent miss
    assert result.stdout.startswith("Harbin Engineering University: possible — Harbin Engineering University")


@pytest.mark.parametrize("arg", ["", "   "])
def test_an_empty_argument_is_an_empty_name_not_the_current_folder(arg: str) -> None:
    result = runner.invoke(app, ["match", arg, "-f", "csv"])
    assert "is a folder" not in result.output
    (row,) = _csv(result.stdout)
    assert row["status"] == "error" and row["note"] == "argument 1: empty name"


def test_several_names_with_their_country_one_row_each_in_order() -> None:
    result = runner.invoke(app, ["match", "BUAA", "University of Oslo", "--country", "CN", "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = _csv(result.stdout)
    assert [(r["name"], r["country"]) for r in rows] == [("BUAA", "CN"), ("University of Oslo", "CN")]
    assert rows[0]["decision"] == "possible"  # an acronym alone never confirms an identity
    assert rows[1]["decision"] == "none"


@pytest.mark.parametrize("arg", ["partners.csv", "nmes.txt", "names.XLSX", "data/names", "C:\\Users\\me\\names",
                                 "my partners.tsv"])
def test_an_argument_that_looks_like_a_file_but_does_not_exist_is_an_error_naming_it(arg: str) -> None:
    result = runner.invoke(app, ["match", arg])
    assert result.exit_code == 2
    assert f"{arg}: names file not found" in result.output and "collabguard match -" in result.output


@pytest.mark.parametrize(("arg", "path_like"), [
    ("Harbin Engineering University", False),
    ("BUAA", False),
    ("Institute of Automation / Chinese Academy of Sciences", False),  # a slash between words is a name's
    ("Univ. of Sci. & Tech.", False),
    ("names.csv", True),
    ("./partners", True),
    ("exports/2026/partners", True),
    ("partners.CSV", True),
])
def test_what_looks_like_a_path(arg: str, path_like: bool) -> None:
    assert looks_like_a_path(arg) is path_like


def test_an_existing_file_is_read_as_a_file_whatever_its_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "partners").write_text("name,country\nHarbin Institute of Technology,CN\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rows = _csv(runner.invoke(app, ["match", "partners", "-f", "csv"]).stdout)
    assert [(r["name"], r["decision"]) for r in rows] == [("Harbin Institute of Technology", "match")]


def test_files_names_and_stdin_together_keep_their_order_and_name_their_source(tmp_path: Path) -> None:
    names = tmp_path / "n.csv"
    names.write_text("name\nSichuan Normal University\n\nHarbin Institute of Technology\n", encoding="utf-8")
    result = runner.invoke(app, ["match", str(names), "BUAA", "-", "-f", "csv"], input="University of Tokyo\tJP\n")
    assert result.exit_code == 0, result.output
    rows = _csv(result.stdout)
    assert [r["name"] for r in rows] == ["Sichuan Normal University", "", "Harbin Institute of Technology", "BUAA",
                                         "University of Tokyo"]
    assert rows[1]["status"] == "error" and rows[1]["note"].startswith(f"{names} row 3: empty row")
    assert rows[4]["country"] == "JP"


def test_an_unknown_country_option_and_a_country_without_names_are_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["match", "BUAA", "--country", "Narnia"])
    assert result.exit_code == 2 and "--country: unknown country 'Narnia'" in result.output
    names = tmp_path / "n.csv"
    names.write_text("name\nBUAA\n", encoding="utf-8")
    result = runner.invoke(app, ["match", str(names), "--country", "CN"])
    assert result.exit_code == 2 and "--country is the country of names given as arguments" in result.output


# --- one output row per input row, bad rows included (issue 15 item 6) ---------------------------

BAD_FILE = (
    b"name,country\n"
    b"Harbin Institute of Technology,CN\n"  # 2 fine
    b",CN\n"                                 # 3 an empty name
    b"\n"                                    # 4 an empty row between filled ones
    b"Harbin ???? University,CN\n"           # 5 characters lost when saved
) + "Universit\xe9 de Montr\xe9al,CA\n".encode("cp1252") + (  # 6 not UTF-8 in a UTF-8 file
    "University of California, Berkeley,US\n"   # 7 a comma inside a name: three cells
    "北京航空航天大学,CN\n"                      # 8 fine
    '"Beihang University,CN\n'              # 9 a quote left open ...
    "Sichuan Normal University,CN\n"        # 10 ... swallows this line
).encode()
EXPECTED_STATUS = ["ok", "error", "error", "error", "error", "error", "ok", "error", "error"]


def test_every_input_row_gets_one_output_row_bad_rows_as_error_rows(tmp_path: Path) -> None:
    names = tmp_path / "bad.csv"
    names.write_bytes(BAD_FILE)
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["match", str(names), "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = _csv(out.read_text(encoding="utf-8"))
    assert len(rows) == 9  # lines 2-10
    assert [r["status"] for r in rows] == EXPECTED_STATUS
    notes = [r["note"] for r in rows]
    assert notes[1] == "row 3: empty name"
    assert notes[2].startswith("row 4: empty row")
    assert "has lost its characters" in notes[3] and "CSV UTF-8" in notes[3]
    assert notes[4].startswith("row 6: line 6 is not valid UTF-8") and "not matched" in notes[4]
    assert notes[5].startswith("row 7: 3 cells but 2 columns")
    assert notes[7].startswith("row 9: a quoted cell runs over lines 9–10") and notes[8].startswith("row 10: inside a quoted cell")
    assert {r["decision"] for r, s in zip(rows, EXPECTED_STATUS, strict=True) if s == "error"} == {"none"}
    assert [rows[0]["decision"], rows[6]["decision"]] == ["match", "match"]
    assert "7 rows not matched (status 'error' in the output): row 3: empty name;" in result.output


def test_empty_rows_after_the_last_name_are_left_out_with_a_note(tmp_path: Path) -> None:
    names = tmp_path / "n.csv"
    names.write_text("name,country\nBUAA,CN\n,\n\n", encoding="utf-8")
    result = runner.invoke(app, ["match", str(names), "-f", "csv"])
    assert len(_csv(result.stdout)) == 1
    assert "2 empty rows at the end of the file left out" in result.output


def test_json_and_text_give_the_same_rows(tmp_path: Path) -> None:
    names = tmp_path / "bad.csv"
    names.write_bytes(BAD_FILE)
    rows = json.loads(runner.invoke(app, ["match", str(names), "-f", "json"]).stdout)
    assert [r["status"] for r in rows] == EXPECTED_STATUS
    text = runner.invoke(app, ["match", str(names)]).stdout
    assert text.count(": error: row ") == EXPECTED_STATUS.count("error")


def test_a_file_refused_at_its_start_leaves_no_output(tmp_path: Path) -> None:
    names = tmp_path / "n.csv"
    names.write_text("institution\nBUAA\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["match", str(names), "-f", "csv", "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert runner.invoke(app, ["match", str(names), "-f", "csv"]).stdout == ""


def test_an_excel_file_saved_as_windows_1252_is_read_and_says_so(tmp_path: Path) -> None:
    names = tmp_path / "excel.csv"
    names.write_bytes("name;country\nNorges teknisk-naturvitenskapelige universitet;NO\nUniversitetet i Tromsø;NO\n"
                      .encode("cp1252"))
    result = runner.invoke(app, ["match", str(names), "-f", "csv"])
    rows = _csv(result.stdout)
    assert [r["name"] for r in rows] == ["Norges teknisk-naturvitenskapelige universitet", "Universitetet i Tromsø"]
    assert [r["status"] for r in rows] == ["ok", "ok"] and "read as Windows-1252" in rows[1]["note"]


# --- streaming: chunks give what one pass gives ----------------------------------------------------

def _devset_rows(n: int) -> list[NameRow]:
    with DEVSET.open(encoding="utf-8") as fh:
        queries = [(r["query"], r["country"] or None) for r in csv.DictReader(fh)][:n]
    return [NameRow(i + 1, q, c) for i, (q, c) in enumerate(queries + queries[:40])]


def test_small_chunks_and_a_small_cache_give_the_same_rows_as_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _devset_rows(300)
    matcher = get_ruleset(RULES).matcher
    whole = match_rows(rows, matcher)
    monkeypatch.setattr(batch, "CHUNK_ROWS", 7)
    monkeypatch.setattr(batch, "CACHE_NAMES", 5)  # names fall out of the cache and are matched again
    assert match_rows(rows, matcher) == whole
    assert sum(r["decision"] != "none" for r in whole) > 50


def test_results_come_out_before_the_input_is_all_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "CHUNK_ROWS", 10)
    taken = 0

    def endless() -> Iterator[NameRow]:
        nonlocal taken
        while True:
            taken += 1
            yield NameRow(taken, "Harbin Institute of Technology", "CN")

    first = next(iter_match_rows(endless(), get_ruleset(RULES).matcher, explain=False))
    assert first["decision"] == "match" and taken <= 11


@pytest.mark.parametrize("fmt", list(MatchFormat))
@pytest.mark.parametrize("count", [0, 1, 5, 6])
def test_streamed_output_is_the_text_of_all_rows_at_once(monkeypatch: pytest.MonkeyPatch, fmt: MatchFormat, count: int) -> None:
    import collabguard.cli.match_output as match_output

    monkeypatch.setattr(match_output, "PIECE_ROWS", 3)  # pieces end inside, and exactly at, the rows
    results = Screener(RULES).match_names(["BUAA", "", "University of Oslo", "Harbin ?? University", "MIT", "Sharif"][:count])
    whole = render_rows([r.model_dump(mode="json", exclude={"row"}) for r in results], fmt)
    assert "".join(render_stream(results, fmt)) == whole


def test_the_api_streams_with_row_numbers_and_error_rows() -> None:
    out = list(Screener(RULES).match_stream(["Harbin Institute of Technology", "  ", "????"]))
    assert [(r.row, r.status) for r in out] == [(1, "ok"), (2, "error"), (3, "error")]


def test_rows_of_the_same_name_share_nothing_a_caller_could_change() -> None:
    matcher = get_ruleset(RULES).matcher
    rows = [NameRow(1, "University of Oslo", "NO"), NameRow(2, "University of Oslo", "NO"), NameRow(3, "BUAA", "CN")]
    first, second, _ = match_rows(rows, matcher, explain=False)
    first["results"][0]["reasons"].append("changed by a caller")
    first["results"][0]["decision"] = "match"
    assert second["results"][0]["decision"] == "none" and second["results"][0]["reasons"] == []
    assert match_rows(rows[:1], matcher, explain=False)[0]["results"][0]["reasons"] == []


def test_what_a_match_run_loaded_is_out_of_the_collectors_scans_while_it_runs_and_collectable_after(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # the index is walked by every full collection otherwise (benchmarks/match_speed.py --cli measures the gain);
    # a command run in a longer-lived process (these tests) must not leave its index frozen for good
    import gc

    from collabguard.cli import match_cmd

    frozen_while: list[int] = []

    def watched(rows: Iterable[object], fmt: MatchFormat) -> Iterator[str]:
        for row in rows:
            frozen_while.append(gc.get_freeze_count())
            yield from render_stream([row], fmt)  # type: ignore[list-item]

    monkeypatch.setattr(match_cmd, "render_stream", watched)
    result = runner.invoke(app, ["match", "Harbin Engineering University", "Beihang University", "-c", "CN"])
    assert result.exit_code == 0, result.output
    assert len(frozen_while) == 2 and all(count > 0 for count in frozen_while)
    assert gc.get_freeze_count() == 0
