"""A JSON text that cannot be read says why in words, wherever it arrives: a batch's JSON Lines row and an
HTTP body read it through the same reader (io/json_text.py) as a proposal file."""

from __future__ import annotations

import csv
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from collabguard import Screener
from collabguard.cli.main import app
from collabguard.service.app import create_app

LONG = "1" * 5000


def test_a_json_lines_row_with_a_number_too_long_to_read_is_an_error_row_that_says_so(tmp_path: Path) -> None:
    source = tmp_path / "rows.jsonl"
    source.write_text('{"id": "R1", "title": "T", "partners": [{"name": "University of Oslo", "country": "NO"}]}\n'
                      f'{{"id": "R2", "title": "T", "duration_months": {LONG}}}\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert result.exit_code == 2 and [r["status"] for r in rows] == ["ok", "error"]
    assert "a number 5,000 digits long cannot be read" in rows[1]["error"] and "ValueError" not in rows[1]["error"]


def test_an_http_body_with_a_number_too_long_to_read_is_a_422_that_says_so() -> None:
    client = TestClient(create_app(Screener()), base_url="http://localhost")
    answer = client.post("/v1/screen", content=f'{{"title": "T", "duration_months": {LONG}}}',
                         headers={"content-type": "application/json"})
    assert answer.status_code == 422
    assert "a number 5,000 digits long cannot be read" in answer.json()["error"]
