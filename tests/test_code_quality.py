"""The linters run in CI: ruff (ruff.toml) and mypy (mypy.ini, strict for the public API) find nothing.

Both run from the test environment's own bin folder; a test is skipped only when its tool is not
installed there.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

BIN = Path(sys.executable).parent  # the environment the tests run in (not whatever is first on PATH)


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which(tool, path=str(BIN))
    if exe is None:
        pytest.skip(f"{tool} is not installed in this environment ({BIN}); install the test extras to run it")
    return subprocess.run([exe, *args], cwd=REPO, capture_output=True, text=True, timeout=600, check=False)


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", "--no-cache", "src", "tests", "benchmarks", "scripts")
    assert result.returncode == 0, f"ruff check found problems:\n{result.stdout}{result.stderr}"


def test_mypy_finds_nothing() -> None:
    result = _run("mypy", "--config-file", "mypy.ini")
    assert result.returncode == 0, f"mypy found problems:\n{result.stdout}{result.stderr}"
