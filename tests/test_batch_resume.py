"""No data lost: a batch killed mid-run resumes with --resume and ends with exactly one result per
input row, the rows already screened kept (not screened again)."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabguard.cli.main import app
from tests.conftest import EXAMPLES

runner = CliRunner()
ROWS = 2000
with open(EXAMPLES / "batch.csv", encoding="utf-8-sig") as _fh:
    ROWS_IN_EXAMPLE = sum(1 for _ in _fh) - 1


def _big_batch(tmp_path: Path) -> Path:
    with open(EXAMPLES / "batch.csv", encoding="utf-8-sig", newline="") as fh:
        template = list(csv.DictReader(fh))
    path = tmp_path / "big.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(template[0]))
        writer.writeheader()
        for i in range(ROWS):
            writer.writerow({**template[i % len(template)], "id": f"ROW-{i:05d}"})
    return path


def _ids(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [r["id"] for r in csv.DictReader(fh)]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_batch_resumes_and_every_row_has_exactly_one_result(tmp_path: Path) -> None:
    source = _big_batch(tmp_path)
    out = tmp_path / "out.csv"
    journal = tmp_path / "out.csv.partial.jsonl"
    cmd = [sys.executable, "-m", "collabguard", "batch", str(source), "-o", str(out), "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # kill it once some rows, not all, are in the journal
        if journal.exists() and journal.read_bytes().count(b"\n") > 200:
            break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists(), "a killed run must not leave a partial output"
    kept = journal.read_bytes().count(b"\n") - 1  # minus the header line
    assert 0 < kept < ROWS

    resumed = subprocess.run([*cmd, "--resume"], capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    done_before = int(resumed.stderr.split("resuming: ")[1].split(" of ")[0])
    assert done_before >= kept - 1  # at most the line the kill cut off is screened again
    assert _ids(out) == [f"ROW-{i:05d}" for i in range(ROWS)]
    assert not journal.exists()

    # the resumed output is the output of an uninterrupted run, byte for byte
    whole = tmp_path / "whole.csv"
    assert runner.invoke(app, ["batch", str(source), "-o", str(whole), "-q"]).exit_code == 0
    assert whole.read_bytes() == out.read_bytes()


def test_resume_refuses_a_changed_input_and_a_missing_journal(tmp_path: Path) -> None:
    source = tmp_path / "b.csv"
    source.write_bytes((EXAMPLES / "batch.csv").read_bytes())
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(out), "--resume", "-q"])
    assert result.exit_code == 2 and "no interrupted run to resume" in result.output
    journal = tmp_path / "out.csv.partial.jsonl"
    from collabguard.batch.journal import Journal, digest_input, settings
    from collabguard.ruleset import get_ruleset

    header = settings(digest_input(source), get_ruleset().versions.model_dump(mode="json"), 5, None,
                      "lang=en redact=False reports=False")
    Journal(journal, header, resume=False).close(remove=False)
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # the input changed since
    result = runner.invoke(app, ["batch", str(source), "-o", str(out), "--resume", "-q"])
    assert result.exit_code == 2 and "the input file changed since the interrupted run" in result.output


def test_resume_refuses_a_changed_column_mapping(tmp_path: Path) -> None:
    from collabguard.batch.journal import Journal, digest_input, settings
    from collabguard.ruleset import get_ruleset

    source = tmp_path / "b.csv"
    source.write_bytes((EXAMPLES / "batch.csv").read_bytes())
    out = tmp_path / "out.csv"
    header = settings(digest_input(source), get_ruleset().versions.model_dump(mode="json"), ROWS_IN_EXAMPLE, None,
                      "an earlier run's options")
    Journal(tmp_path / "out.csv.partial.jsonl", header, resume=False).close(remove=False)
    result = runner.invoke(app, ["batch", str(source), "-o", str(out), "--resume", "-q", "--columns", "partner_org=partners"])
    assert result.exit_code == 2 and "--columns" in result.output


def test_an_output_inside_the_input_folder_does_not_block_resuming(tmp_path: Path) -> None:
    from collabguard.batch.journal import digest_input

    folder = tmp_path / "proposals"
    folder.mkdir()
    (folder / "a.yaml").write_bytes((EXAMPLES / "innocent-lookalike.yaml").read_bytes())
    before = digest_input(folder)
    (folder / "out.csv.partial.jsonl").write_text("{}\n")
    (folder / "out.csv").write_text("x\n")
    assert digest_input(folder) == before
