"""Writing output: a reader that goes away ends the command quietly, as Unix tools do, and a system
that refuses to write (a folder given as the file, a missing or read-only folder, a full disk) is
one line naming the path and the reason, exit 2, never "internal error" (issue #20)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.screener import Screener
from tests.conftest import EXAMPLES, REPO

runner = CliRunner()
EXAMPLE = str(EXAMPLES / "iranian-partner.yaml")
EXPORT = str(EXAMPLES / "publications" / "wos_tabdelimited_scientopy_4071.txt")


def _run(args: list[str], stdout: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "collabguard", *args], cwd=REPO, stdout=stdout,
                          stderr=subprocess.PIPE, text=True, timeout=120)


@pytest.mark.parametrize("args", [["lists", "show"], ["lists", "list"], ["areas", "examples/listed-partner-sensitive-area.yaml"],
                                  ["areas", "quantum sensing and hypersonic glide vehicles", "-f", "json"],
                                  ["rules", "list"], ["screen", "examples/listed-partner-sensitive-area.yaml"]])
def test_a_reader_gone_before_the_first_line_ends_the_command_quietly(args: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)  # `| head -0`, or a pager closed at once
    try:
        done = _run(args, write)
    finally:
        os.close(write)
    assert done.returncode == 0 and done.stderr == ""


@pytest.mark.parametrize("args", [["lists", "show"], ["areas", "examples/listed-partner-sensitive-area.yaml"]])
def test_head_reads_the_first_line_and_the_command_ends_quietly(args: list[str]) -> None:
    shell = " ".join([sys.executable, "-m", "collabguard", *args, "| head -1"])
    done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "" and done.stdout.count("\n") == 1


def _one_line_error(result: object, *expected: str) -> None:
    stderr = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == 2, stderr  # type: ignore[attr-defined]
    assert stderr.count("\n") == 1 and stderr.startswith("error: ") and "internal error" not in stderr
    for text in expected:
        assert text in stderr, (text, stderr)


def test_a_folder_given_as_the_output_file(tmp_path: Path) -> None:
    _one_line_error(runner.invoke(app, ["screen", EXAMPLE, "-o", str(tmp_path)]), str(tmp_path), "is a folder")


def test_an_output_in_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "report.md"
    _one_line_error(runner.invoke(app, ["screen", EXAMPLE, "-f", "markdown", "-o", str(out)]), str(out), "does not exist")
    chart = tmp_path / "missing" / "chart.svg"
    _one_line_error(runner.invoke(app, ["stats", EXPORT, "--chart", str(chart)]), str(chart), "No such file or directory")


def test_an_output_under_a_file_is_refused_with_the_systems_reason(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("a file, not a folder\n", encoding="utf-8")
    out = tmp_path / "notes.txt" / "report.html"
    _one_line_error(runner.invoke(app, ["screen", EXAMPLE, "-f", "html", "-o", str(out)]), str(out))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, and root may write anywhere")
def test_an_output_in_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        _one_line_error(runner.invoke(app, ["screen", EXAMPLE, "-f", "json", "-o", str(folder / "r.json")]),
                        str(folder / "r.json"), "Permission denied")
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="/dev/full (a device that is always full) is Linux's")
@pytest.mark.parametrize("args", [["screen", EXAMPLE], ["screen", EXAMPLE, "-f", "json"], ["lists", "show"]])
def test_a_full_disk_on_standard_output(args: list[str]) -> None:
    with open("/dev/full", "w") as full:  # the device, opened as a shell redirection does
        done = _run(args, full.fileno())
    assert done.returncode == 2, done.stderr
    assert done.stderr == "error: cannot write to standard output: No space left on device\n"


def test_any_refusal_by_the_system_is_reported_with_its_path_and_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/data/cases/2026/report.json")

    monkeypatch.setattr(Screener, "screen", full_disk)
    _one_line_error(runner.invoke(app, ["screen", EXAMPLE]), "error: /data/cases/2026/report.json: No space left on device")


@pytest.mark.parametrize(("args", "name"), [(["screen", EXAMPLE, "--format", "markdown"], "report.md"),
                                            (["batch", str(EXAMPLES / "batch.csv"), "-q"], "rows.csv")])
def test_an_output_that_is_a_pipe_or_device_is_written_into_never_replaced(tmp_path: Path, args: list[str], name: str) -> None:
    """A rename over a device puts an ordinary file in its place (as root even over /dev/null):
    a named pipe stands in for it here, and must still be a pipe that received the output."""
    import stat
    import threading

    fifo = tmp_path / name
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    done = _run([*args, "-o", str(fifo)], subprocess.DEVNULL)
    reader.join(timeout=60)
    assert done.returncode in (0, 1), done.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and len(received[0]) > 100
