"""Every size limit holds, is configurable by its environment variable, and fails with one clear
line naming the file, row or request."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.errors import InputError
from collabguard.io.proposal_loader import load_proposal
from collabguard.io.yaml_loader import loads_yaml
from collabguard.limits import limit
from tests.conftest import EXAMPLES

runner = CliRunner()


def test_a_proposal_over_the_limit_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes((EXAMPLES / "innocent-lookalike.yaml").read_bytes())
    load_proposal(path)
    monkeypatch.setenv("COLLABGUARD_MAX_PROPOSAL_BYTES", "100")
    with pytest.raises(InputError, match=r"p\.yaml: proposal file is larger than 100 bytes \(COLLABGUARD_MAX_PROPOSAL_BYTES\)"):
        load_proposal(path)


def test_a_cell_over_the_limit_makes_an_error_row_and_the_other_rows_are_screened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLABGUARD_MAX_CELL_CHARS", "50")
    src = tmp_path / "in.csv"
    src.write_text("id,title,partners,partner_countries\nA1,Short,Aarhus University,DK\nA2," + "x" * 60 + ",Aarhus University,DK\n")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(src), "-o", str(out), "-q"])
    assert result.exit_code == 2
    text = out.read_text(encoding="utf-8-sig")
    assert "row 3: column title: cell longer than 50 characters (COLLABGUARD_MAX_CELL_CHARS)" in text
    assert text.count("\n") == 3  # header + one result per input row


def test_a_batch_over_the_row_limit_is_refused_as_a_whole_before_screening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLABGUARD_MAX_BATCH_ROWS", "3")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(EXAMPLES / "batch.csv"), "-o", str(out), "-q"])
    assert result.exit_code == 2 and not out.exists()
    assert "more than the limit of 3 (COLLABGUARD_MAX_BATCH_ROWS)" in result.output
    assert "Traceback" not in result.output


def test_a_bad_limit_value_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLABGUARD_MAX_CELL_CHARS", "lots")
    with pytest.raises(Exception, match=r"COLLABGUARD_MAX_CELL_CHARS='lots': give a positive whole number \(default 1000000\)"):
        limit("cell_chars")


@pytest.fixture()
def client(monkeypatch: pytest.MonkeyPatch) -> TestClient:
    from collabguard.screener import Screener
    from collabguard.service.app import create_app

    monkeypatch.setenv("COLLABGUARD_MAX_BATCH", "2")
    monkeypatch.setenv("COLLABGUARD_MAX_BODY", "5000")
    monkeypatch.delenv("COLLABGUARD_API_TOKEN", raising=False)
    return TestClient(create_app(Screener()), base_url="http://localhost")  # a host the service answers to


def test_the_service_limits_body_size_and_batch_length(client: TestClient) -> None:
    small = {"id": "a", "title": "t", "partners": [{"name": "Aarhus University", "country": "DK"}]}
    assert client.post("/v1/screen/batch", json=[small, small]).status_code == 200
    too_many = client.post("/v1/screen/batch", json=[small, small, small])
    assert too_many.status_code == 413 and "limit 2, COLLABGUARD_MAX_BATCH" in too_many.json()["error"]
    too_big = client.post("/v1/screen", json={**small, "abstract": "x" * 6000})
    assert too_big.status_code == 413


@pytest.mark.parametrize(("text", "message"), [
    ("a: &x [1]\nb: *x\n", "alias"),
    ("a: " + "[" * 200 + "]" * 200 + "\n", "nesting deeper than 64 levels"),
])
def test_yaml_aliases_and_deep_nesting_are_refused(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        loads_yaml(text, "p.yaml")


def test_the_service_sends_no_cors_headers_and_no_tracebacks(client: TestClient) -> None:
    r = client.get("/healthz", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in {k.lower() for k in r.headers}
    pre = client.options("/v1/screen", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in {k.lower() for k in pre.headers}
    bad = client.post("/v1/screen", content=b"{not json", headers={"content-type": "application/json"})
    assert bad.status_code == 422 and "Traceback" not in bad.text
