"""Batch integrity (issue #20), the files a run writes: no output overwrites an input or another
output, two runs never write the same output, a full disk or read-only folder is one line naming
the file and the cause (exit 2) and leaves the run resumable, and a killed run leaves no workers."""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabguard import Screener
from collabguard.batch.job import BatchInterrupted
from collabguard.cli.main import app
from collabguard.errors import CollabguardError
from tests.conftest import EXAMPLES, RULES

runner = CliRunner()
BATCH = EXAMPLES / "batch.csv"
CLI = [sys.executable, "-m", "collabguard", "batch"]
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals, named pipes and /proc")


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["batch", *args, "--quiet"])


def ids(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [r["id"] for r in csv.DictReader(fh)]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def many_rows(path: Path, count: int) -> Path:
    """examples/batch.csv's rows over and over, each with its own id."""
    with open(BATCH, encoding="utf-8-sig", newline="") as fh:
        template = list(csv.DictReader(fh))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(template[0]))
        writer.writeheader()
        for i in range(count):
            writer.writerow({**template[i % len(template)], "id": f"ROW-{i:05d}"})
    return path


# -- 3. an output path that is an input or another output ------------------------------------------

@pytest.mark.parametrize(("args", "message"), [
    (["in.csv", "-o", "out.csv", "--report", "in.csv"], "in.csv: --report would overwrite the input"),
    (["in.csv", "-o", "link-to-in.csv"], "link-to-in.csv: --output would overwrite the input"),
    (["in.csv", "-o", "out.csv", "--report", "out.csv"], "out.csv: --report and --output are the same file"),
    (["out.csv.partial.jsonl", "-o", "out.csv"], "out.csv.partial.jsonl: the resume journal would overwrite the input"),
    (["out.csv.partial.jsonl", "-o", "out.csv", "--resume"], "the resume journal would overwrite the input"),
    (["in.csv", "-o", "out.csv", "--report", "decisions.yaml", "--decisions", "decisions.yaml"],
     "decisions.yaml: --report would overwrite --decisions"),
    (["in.csv", "-o", "out.csv", "--report", "rules/lists/aspi-cdut.csv", "--rules", "rules"],
     "--report would overwrite a file of the rules folder"),
    (["proposals", "-o", "proposals/results.json"], "would be written into the input folder"),
])
def test_an_output_that_is_an_input_or_another_output_is_refused_and_nothing_is_touched(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str) -> None:
    # before: exit 0 with the input overwritten; an input named like the journal truncated, then deleted
    monkeypatch.chdir(tmp_path)
    shutil.copy(BATCH, "in.csv")
    os.symlink("in.csv", "link-to-in.csv")
    Path("out.csv.partial.jsonl").write_text('{"id": "J1", "title": "Sonar", "partners": [{"name": "Aarhus University"}]}\n')
    shutil.copy(EXAMPLES / "office" / "decisions.yaml", "decisions.yaml")
    shutil.copytree(RULES, "rules")
    Path("proposals").mkdir()
    shutil.copy(EXAMPLES / "innocent-lookalike.yaml", "proposals/a.yaml")
    before = snapshot(tmp_path)
    result = run(*args)
    assert result.exit_code == 2 and message in result.output, result.output
    assert snapshot(tmp_path) == before  # no file changed, none written


# -- 4. two runs writing the same output ------------------------------------------------------------

@posix_only
def test_a_second_run_writing_the_same_output_is_refused_and_a_killed_runs_lock_is_taken_over(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("the results of an earlier run\n")
    waiting = tmp_path / "incoming.csv"  # a named pipe: the first run holds the output while it waits for rows
    os.mkfifo(waiting)
    first = subprocess.Popen([*CLI, str(waiting), "-o", str(out), "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    lock = tmp_path / "out.csv.lock"
    try:
        deadline = time.monotonic() + 60
        while not (lock.exists() and lock.read_text().startswith(f"pid {first.pid} ")):
            assert time.monotonic() < deadline and first.poll() is None, "the first run never locked its output"
            time.sleep(0.05)
        second = run(str(BATCH), "-o", str(out))
        assert second.exit_code == 2
        assert f"out.csv: another collabguard run is writing it (pid {first.pid} on " in second.output
        assert out.read_text() == "the results of an earlier run\n"
    finally:
        first.kill()  # kill -9: the lock file stays behind, its lock ends with the process
        first.wait()
    assert lock.exists()
    third = run(str(BATCH), "-o", str(out))
    assert third.exit_code == 0, third.output
    assert f"was left by an earlier run (pid {first.pid} on " in third.output and "taken over" in third.output
    assert len(ids(out)) == 8 and not lock.exists()


# -- 5. a journal cut inside a character, a full disk, a read-only folder ---------------------------

def test_a_journal_cut_inside_a_multi_byte_character_resumes_and_loses_no_row(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(BATCH.read_text(encoding="utf-8-sig").replace("Harbin Engineering University", "哈尔滨工程大学"),
                   encoding="utf-8")
    out, journal = tmp_path / "out.csv", tmp_path / "out.csv.partial.jsonl"

    def stop_after_the_second_row(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(BatchInterrupted):
        Screener().run_batch(src, out, progress=stop_after_the_second_row)
    data = journal.read_bytes()
    last = data.rstrip(b"\n").rfind(b"\n") + 1  # the last result: row 3, whose partner is 哈尔滨工程大学
    lead = next(i for i in range(last, len(data)) if data[i] >= 0xE0)  # the first byte of a 3-byte character
    journal.write_bytes(data[:lead + 1])  # the disk filled up in the middle of that character

    resumed = run(str(src), "-o", str(out), "--resume")
    assert resumed.exit_code == 0, resumed.output
    assert "resuming: 1 of 8 rows were screened" in resumed.output  # the cut row is screened again
    whole = tmp_path / "whole.csv"
    assert run(str(src), "-o", str(whole)).exit_code == 0
    assert out.read_bytes() == whole.read_bytes() and not journal.exists()


@posix_only
def test_a_full_disk_is_named_with_its_cause_and_the_run_resumes(tmp_path: Path) -> None:
    src = many_rows(tmp_path / "in.csv", 40)
    out, journal = tmp_path / "out.json", tmp_path / "out.json.partial.jsonl"

    def small_disk() -> None:  # files of this process may not grow past 100 kB: writes fail as on a full disk
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    full = subprocess.run([*CLI, str(src), "-o", str(out), "-q"], preexec_fn=small_disk,
                          capture_output=True, text=True, timeout=300)
    assert full.returncode == 2, full.stderr
    assert f"error: cannot write {journal}: File too large; " in full.stderr
    assert "rows are kept in it: make room and run the same command with --resume" in full.stderr
    assert "internal error" not in full.stderr and not out.exists() and journal.stat().st_size == 100_000
    resumed = subprocess.run([*CLI, str(src), "-o", str(out), "-q", "--resume"], capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    whole = tmp_path / "whole.json"
    assert run(str(src), "-o", str(whole)).exit_code == 0
    assert out.read_bytes() == whole.read_bytes()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_no_space_left_on_device_is_one_line_and_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    os.symlink("/dev/full", tmp_path / "out.csv.partial.jsonl")  # every write there fails with ENOSPC
    result = run(str(BATCH), "-o", str(out))
    assert result.exit_code == 2
    assert f"error: cannot write {tmp_path / 'out.csv.partial.jsonl'}: No space left on device" in result.output
    assert "internal error" not in result.output and not out.exists()


def _writable(folder: Path) -> bool:
    try:
        (folder / "probe").write_text("")
    except OSError:
        return False
    (folder / "probe").unlink()
    return True


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """The folder cannot be written to (for root too: the immutable attribute); skips where neither works."""
    folder.chmod(0o555)
    immutable = False
    try:
        if _writable(folder):  # root ignores permissions
            immutable = bool(shutil.which("chattr")) and subprocess.run(["chattr", "+i", str(folder)]).returncode == 0
            if not immutable:
                pytest.skip("cannot make a folder read-only here (root, without chattr)")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_a_read_only_output_folder_is_named_with_its_cause(tmp_path: Path) -> None:
    folder = tmp_path / "results"
    folder.mkdir()
    with read_only(folder):
        result = run(str(BATCH), "-o", str(folder / "out.csv"))
    assert result.exit_code == 2, result.output
    assert f"cannot write {folder / 'out.csv.lock'} (the lock beside the output): " in result.output
    assert ("Permission denied" in result.output or "Operation not permitted" in result.output)
    assert "internal error" not in result.output


def test_a_folder_made_read_only_before_the_output_is_written_keeps_every_row_resumable(tmp_path: Path) -> None:
    folder = tmp_path / "results"
    folder.mkdir()
    out = folder / "out.csv"
    with contextlib.ExitStack() as stack:
        def lock_the_folder_at_the_last_row(done: int, total: int) -> None:
            if done == total:
                stack.enter_context(read_only(folder))

        with pytest.raises(CollabguardError, match=r"cannot write .*out\.csv: .*\(all 8 rows are screened and kept in "
                                                   r".*out\.csv\.partial\.jsonl: make the folder writable and run the "
                                                   r"same command with --resume\)"):
            Screener().run_batch(BATCH, out, progress=lock_the_folder_at_the_last_row)
    resumed = run(str(BATCH), "-o", str(out), "--resume")
    assert resumed.exit_code == 0, resumed.output
    assert "resuming: 8 of 8 rows were screened" in resumed.output and len(ids(out)) == 8


# -- 7. kill -9 of a run with worker processes -------------------------------------------------------

def _workers(pid: int) -> list[int]:
    """The children of ``pid`` that run the same command (the workers, not a resource tracker)."""
    command = Path(f"/proc/{pid}/cmdline").read_bytes()
    children = [int(c) for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()]
    return [c for c in children if Path(f"/proc/{c}/cmdline").read_bytes() == command]


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
def test_workers_die_with_a_batch_killed_with_kill_9(tmp_path: Path) -> None:
    src = many_rows(tmp_path / "in.csv", 600)
    journal = tmp_path / "out.csv.partial.jsonl"
    batch = subprocess.Popen([*CLI, str(src), "-o", str(tmp_path / "out.csv"), "-q", "--jobs", "2"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not (journal.exists() and journal.read_bytes().count(b"\n") > 40):  # the workers are screening
            assert time.monotonic() < deadline and batch.poll() is None
            time.sleep(0.05)
        workers = _workers(batch.pid)
        assert workers
    finally:
        os.kill(batch.pid, signal.SIGKILL)
        batch.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = [w for w in workers if _alive(w)]
    for pid in survivors:  # not left running when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not survivors, "workers outlived the killed batch"
