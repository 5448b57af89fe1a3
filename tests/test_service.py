"""The HTTP service, started for real on 127.0.0.1 and called over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import EXAMPLES, RULES

TOKEN = "s3cret-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "COLLABGUARD_API_TOKEN": TOKEN, "COLLABGUARD_MAX_BODY": "200000"}
    proc = subprocess.Popen([sys.executable, "-m", "collabguard", "serve", "--port", str(port), "--rules", str(RULES)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(f"{url}/healthz", timeout=0.5).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        proc.kill()
        raise RuntimeError("the service did not start: " + proc.stderr.read().decode()[-2000:])  # type: ignore[union-attr]
    yield url
    proc.terminate()
    proc.wait(timeout=10)


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_screen_one_proposal_over_http(server: str) -> None:
    proposal = {"title": "Sonar", "home_institution": {"name": "NTNU", "country": "NO"},
                "partners": [{"name": "Harbin Engineering University", "country": "CN"}]}
    r = httpx.post(f"{server}/v1/screen", json=proposal, headers=AUTH, timeout=30)
    assert r.status_code == 200
    report = r.json()
    assert report["recommendation"] == "escalate"
    assert any(f["rule_id"] == "CG-NO-PARTNER-001" for f in report["flags"])


def test_batch_gives_one_result_per_proposal_in_order(server: str) -> None:
    body = [{"title": "A", "partners": [{"name": "Aarhus University", "country": "DK"}]}, {"title": "no partner"}]
    r = httpx.post(f"{server}/v1/screen/batch", json=body, headers=AUTH, timeout=30)
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["ok", "error"]
    assert "no partners and no personnel" in results[1]["error"]
    too_many = httpx.post(f"{server}/v1/screen/batch", json=[{"title": "x"}] * 101, headers=AUTH, timeout=30)
    assert too_many.status_code == 413


def test_errors_name_the_field_and_never_show_a_traceback(server: str) -> None:
    r = httpx.post(f"{server}/v1/screen", json={"title": "T", "partners": [{"name": "X", "country": "Narnia"}]},
                   headers=AUTH, timeout=30)
    assert r.status_code == 422
    assert "partners[0].country" in r.json()["error"] and "Traceback" not in r.text
    assert httpx.post(f"{server}/v1/screen", content=b"[1,", headers={**AUTH, "content-type": "application/json"},
                      timeout=30).status_code == 422


def test_token_and_size_limits(server: str) -> None:
    assert httpx.get(f"{server}/v1/rules", timeout=10).status_code == 401
    assert httpx.get(f"{server}/v1/rules", headers={"Authorization": "Bearer wrong"}, timeout=10).status_code == 401
    big = {"title": "x" * 300_000, "partners": [{"name": "A", "country": "DK"}]}
    assert httpx.post(f"{server}/v1/screen", json=big, headers=AUTH, timeout=30).status_code == 413


def test_rules_and_lists_with_versions(server: str) -> None:
    rules = httpx.get(f"{server}/v1/rules", headers=AUTH, timeout=10).json()
    assert {p["id"] for p in rules["packs"]} >= {"no-hkdir", "ca-strac", "eu-research-security", "us-research-security"}
    lists = httpx.get(f"{server}/v1/lists", headers=AUTH, timeout=10).json()
    assert {x["id"] for x in lists["lists"]} >= {"ca-nro", "aspi-cdut"} and all(len(x["sha256"]) == 64 for x in lists["lists"])
    assert (EXAMPLES / "batch.csv").exists()


def test_a_chunked_body_over_the_limit_is_refused_without_reading_it_all(server: str) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(50):
            yield b"x" * 10_000

    r = httpx.post(f"{server}/v1/screen", content=chunks(), headers={**AUTH, "content-type": "application/json"}, timeout=30)
    assert r.status_code == 413


def test_unknown_paths_answer_in_the_same_error_shape(server: str) -> None:
    r = httpx.get(f"{server}/v1/nope", headers=AUTH, timeout=10)
    assert r.status_code == 404 and "error" in r.json()
