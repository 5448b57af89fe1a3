"""The HTTP service does everything the CLI does: the same use case gives the same result over real
HTTP, from the CLI and from the Python API; the OpenAPI document is typed and holds under fuzzing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import yaml
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.models.usecases import PublicationExport
from collabguard.screener import Screener
from tests import test_service
from tests.conftest import EXAMPLES, RULES
from tests.test_service import AUTH

server = test_service.server  # the live service fixture (module scope: one service for this module)

runner = CliRunner()
EXAMPLE = EXAMPLES / "listed-partner-sensitive-area.yaml"
EXPORT = EXAMPLES / "publications" / "wos_tabdelimited_scientopy_4071.txt"
# the first records of the export: the test service refuses bodies over 200 kB
EXPORT_HEAD = "".join(EXPORT.read_text(encoding="utf-8").splitlines(keepends=True)[:11])
POLICY = EXAMPLES / "office" / "policy.yaml"


def _post(server: str, path: str, body: object, **params: str) -> httpx.Response:
    return httpx.post(f"{server}{path}", json=body, headers=AUTH, params=params, timeout=60)


def _cli_json(*args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, [*args, "--format", "json", "--rules", str(RULES)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _proposal() -> dict:  # type: ignore[type-arg]
    # as a grant system sends it: JSON (read with collabguard's reader, where country NO stays Norway)
    return Screener(RULES).load(EXAMPLE).model_dump(mode="json", exclude_none=True)


def _answers(report: dict, reason: str, answer: str) -> dict:  # type: ignore[type-arg]
    question = next(q for q in report["checklist"] if q["reason"] == reason)
    return {"schema_version": 1, "reviewer": "Kari Nordmann", "date": "2026-12-01",
            "answers": [{"id": question["id"], "answer": answer, "note": "checked the partner's website"}]}


def test_the_proposal_alone_and_the_envelope_give_the_cli_report(server: str) -> None:
    cli = _cli_json("screen", str(EXAMPLE))
    alone = _post(server, "/v1/screen", _proposal()).json()
    envelope = _post(server, "/v1/screen", {"proposal": _proposal()}).json()
    assert alone == envelope == cli


def test_closing_a_case_with_answers_is_the_same_over_http_cli_and_python(server: str, tmp_path: Path) -> None:
    first = _post(server, "/v1/screen", _proposal()).json()
    answers = _answers(first, "judgement", "no")
    (tmp_path / "answers.yaml").write_text(yaml.safe_dump(answers), encoding="utf-8")
    over_http = _post(server, "/v1/screen", {"proposal": _proposal(), "answers": answers}).json()
    cli = _cli_json("screen", str(EXAMPLE), "--answers", str(tmp_path / "answers.yaml"))
    python = json.loads(Screener(RULES).screen(EXAMPLE, answers=tmp_path / "answers.yaml").model_dump_json())
    assert over_http == cli == python
    asked = answers["answers"][0]["id"]  # type: ignore[index]
    assert asked in {q["id"] for q in first["checklist"]}
    assert asked not in {q["id"] for q in over_http["checklist"]}
    assert [(a["id"], a["reviewer"]) for a in over_http["answers"]] == [(asked, "Kari Nordmann")]


def test_publications_and_redaction_travel_in_the_envelope(server: str) -> None:
    proposal = _proposal()
    proposal["personnel"] = [{"name": "Ola Nordmann", "role": "principal investigator"}]
    body = {"proposal": proposal, "options": {"redact": True},
            "publications": [{"filename": EXPORT.name, "content": EXPORT_HEAD}]}
    report = _post(server, "/v1/screen", body).json()
    assert report["redacted"] is True and "Ola Nordmann" not in json.dumps(report)
    assert report["context"]["works"] > 0
    python = Screener(RULES).screen(proposal, publications=[PublicationExport(filename=EXPORT.name, content=EXPORT_HEAD)],
                                    redact=True)
    assert python.context is not None and report["context"]["works"] == python.context.works


@pytest.mark.parametrize(("fmt", "media", "marker"), [("html", "text/html", "<!doctype html>"),
                                                      ("markdown", "text/markdown", "# ")])
def test_the_readable_report_over_http(server: str, fmt: str, media: str, marker: str) -> None:
    r = _post(server, "/v1/screen", _proposal(), format=fmt)
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert marker in r.text and _proposal()["title"] in r.text


def test_match_over_http_is_the_cli_match(server: str, tmp_path: Path) -> None:
    names = tmp_path / "names.csv"
    names.write_text("name,country\nHarbin Engineering University,CN\nBUAA,CN\nUniversity of Oslo,NO\n", encoding="utf-8")
    cli = runner.invoke(app, ["match", str(names), "--format", "json", "--rules", str(RULES)])
    body = {"names": [{"name": "Harbin Engineering University", "country": "CN"}, {"name": "BUAA", "country": "CN"},
                      {"name": "University of Oslo", "country": "NO"}]}
    over_http = _post(server, "/v1/match", body).json()["results"]
    assert [{k: v for k, v in r.items() if k != "row"} for r in over_http] == json.loads(cli.stdout)
    assert over_http[0]["decision"] == "match" and over_http[2]["decision"] == "none"
    only = _post(server, "/v1/match", {"names": ["Harbin Engineering University"], "lists": ["ca-nro"]}).json()
    assert {x["list"] for x in only["results"][0]["results"]} == {"ca-nro"}
    unknown = _post(server, "/v1/match", {"names": ["X"], "lists": ["nope"]})
    assert unknown.status_code == 422 and "error" in unknown.json()


def test_areas_over_http_are_the_cli_areas(server: str) -> None:
    text = "Hypersonic glide vehicles and quantum sensing for navigation"
    cli = runner.invoke(app, ["areas", text, "--format", "json", "--rules", str(RULES)])
    over_http = _post(server, "/v1/areas", {"text": text}).json()
    assert [a["area_id"] for a in over_http["areas"]] == [a["area_id"] for a in json.loads(cli.stdout)]
    assert over_http["areas"]


def test_rescreen_over_http_finds_what_a_stored_report_did_not_have(server: str, tmp_path: Path) -> None:
    stored = _post(server, "/v1/screen", _proposal()).json()
    unchanged = _post(server, "/v1/rescreen", {"reports": [stored]}).json()["results"]
    assert unchanged[0]["new_matches"] == []
    older = {**stored, "flags": [], "reviews": []}  # as if screened before the partner was listed
    found = _post(server, "/v1/rescreen", {"reports": [older]}).json()["results"][0]["new_matches"]
    (tmp_path / "old.json").write_text(json.dumps(older), encoding="utf-8")
    cli = runner.invoke(app, ["rescreen", str(tmp_path / "old.json"), "--rules", str(RULES)])
    assert found and cli.exit_code == 1
    assert all(f"{m['name']} ({m['subject']}) → {m['entity_name']}" in cli.output for m in found)


def test_stats_over_http_are_the_cli_stats(server: str, tmp_path: Path) -> None:
    body = {"publications": [{"filename": "head.txt", "content": EXPORT_HEAD}], "countries": ["CN"]}
    over_http = _post(server, "/v1/stats", body).json()
    (tmp_path / "head.txt").write_text(EXPORT_HEAD, encoding="utf-8")
    cli = runner.invoke(app, ["stats", str(tmp_path / "head.txt"), "--country", "CN", "--format", "json"])
    expected = json.loads(cli.stdout)
    assert over_http["works"] == expected["works"] > 0
    assert over_http["by_country"] == expected["by_country"]
    assert list(over_http["files"]) == ["head.txt"]  # named as given, never by a temporary path
    empty = _post(server, "/v1/stats", {"publications": [{"filename": "mine.csv", "content": "nonsense"}]})
    assert empty.status_code == 422 and "mine.csv" in empty.json()["error"] and "/tmp" not in empty.json()["error"]


def test_a_bad_envelope_is_one_line_naming_the_field(server: str) -> None:
    r = _post(server, "/v1/screen", {"proposal": _proposal(), "answers": {"reviewer": "", "date": "2026-12-01", "answers": []}})
    assert r.status_code == 422 and r.json() == {"error": "answers.reviewer: is empty"}


def test_the_openapi_document_is_typed_end_to_end(server: str) -> None:
    doc = httpx.get(f"{server}/openapi.json", timeout=10).json()
    schemas = doc["components"]["schemas"]
    assert {"Proposal", "Report", "ScreenRequest", "MatchRequest", "MatchResults", "AreasResult", "RescreenResults",
            "CollaborationStats", "RulesInfo", "ListsInfo", "ErrorBody"} <= set(schemas)
    assert doc["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    for path, methods in doc["paths"].items():
        for op in methods.values():
            ok = op["responses"]["200"]["content"]["application/json"]["schema"]
            assert ok, path
            if path.startswith("/v1/"):
                assert op["responses"]["401"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
                assert op.get("security"), f"{path} does not declare the token"
    body = doc["paths"]["/v1/screen"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert {r["$ref"].rsplit("/", 1)[1] for r in body["anyOf"]} == {"ScreenRequest", "Proposal"}
    lists = schemas["MatchRequest"]["properties"]["lists"]["items"]["enum"]
    assert "ca-nro" in lists
    # the report schema allows additions: a reader built on it keeps working when fields are added
    assert schemas["Report"].get("additionalProperties", True) is not False


def test_the_docs_work_offline_and_with_a_token(server: str) -> None:
    page = httpx.get(f"{server}/docs", timeout=10)  # public: a browser cannot send the bearer token
    assert page.status_code == 200
    assert "cdn" not in page.text.lower() and "https://" not in page.text.replace("https://fastapi.tiangolo.com", "")
    assert httpx.get(f"{server}/docs-assets/swagger-ui-bundle.js", timeout=10).status_code == 200
    assert httpx.get(f"{server}/v1/lists", timeout=10).status_code == 401


@pytest.mark.skipif(shutil.which("schemathesis") is None and not Path(sys.executable).with_name("schemathesis").exists(),
                    reason="schemathesis is installed with the test extras")
def test_schemathesis_finds_no_failure(server: str, tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("schemathesis")
    config = Path(__file__).parent / "data" / "schemathesis.toml"
    result = subprocess.run([str(exe if exe.exists() else "schemathesis"), "--config-file", str(config), "run",
                             f"{server}/openapi.json", "-H", f"Authorization: {AUTH['Authorization']}",
                             "--max-examples", "25", "--seed", "20261204", "--no-color",
                             "--suppress-health-check", "filter_too_much,too_slow,data_too_large"],
                            capture_output=True, text=True, timeout=600, cwd=tmp_path)  # its cache stays out of the tree
    assert result.returncode == 0, result.stdout[-4000:]
