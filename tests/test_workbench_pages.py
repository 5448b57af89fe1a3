"""The workbench's pages over HTTP (no browser): who may see and change what, forms that came from
elsewhere, two officers on one case, screening from the form's fields, uploads, and what the pages
must never show. The browser walk-through is tests/test_workbench_browser.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from collabguard import Screener
from collabguard.cases.register import CaseRegister
from collabguard.service.app import create_app
from tests.cases_support import postgres

ROOT = Path(__file__).resolve().parents[1]
HORIZON = ROOT / "examples" / "horizon-consortium.yaml"
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener()


@pytest.fixture()
def register(tmp_path: Path, screener: Screener) -> Iterator[CaseRegister]:
    with CaseRegister(screener, home=tmp_path / "register") as reg:
        reg.users.add("kari", PASSWORD)
        reg.users.add("ola", PASSWORD)
        yield reg


@pytest.fixture(params=["sqlite", "postgresql"])
def any_register(request: pytest.FixtureRequest, tmp_path: Path, screener: Screener) -> Iterator[CaseRegister]:
    """The same register on SQLite and on a PostgreSQL server (skips where PostgreSQL cannot run)."""
    url = None
    if request.param == "postgresql":
        try:
            url = postgres().new_database()
        except RuntimeError as exc:
            pytest.skip(f"PostgreSQL cannot run here: {exc}")
    with CaseRegister(screener, home=tmp_path / "register", url=url) as reg:
        reg.users.add("kari", PASSWORD)
        reg.users.add("ola", PASSWORD)
        yield reg


def _app(register: CaseRegister, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **env: str) -> TestClient:
    for name in ("COLLABGUARD_TRUSTED_USER_HEADER", "COLLABGUARD_SECURE_COOKIES", "COLLABGUARD_API_TOKEN", "COLLABGUARD_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return TestClient(create_app(register.screener, register=register, home=tmp_path / "register"), base_url="http://localhost")


def _token(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the page has no form token"
    return found.group(1)


def _sign_in(client: TestClient, name: str = "kari", password: str = PASSWORD) -> str:
    token = _token(client.get("/login").text)
    answer = client.post("/login", data={"csrf_token": token, "name": name, "password": password, "next": "/cases"},
                         follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return _token(client.get("/cases").text)  # a new session on sign-in: a new token


@pytest.fixture()
def client(register: CaseRegister, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    return _app(register, tmp_path, monkeypatch)


@pytest.fixture()
def case_id(register: CaseRegister) -> str:
    return register.save(HORIZON, user="kari").case_id


# -- who may see and change what ------------------------------------------------------------------

GET_PAGES = ["/cases", "/screen", "/monitor", "/cases/{case}", "/cases/{case}/report", "/cases/{case}/export.json"]
POST_FORMS = ["/screen", "/monitor/rescreen", "/cases/{case}/answers", "/cases/{case}/decision", "/cases/{case}/status"]


@pytest.mark.parametrize("path", GET_PAGES)
def test_every_page_sends_a_stranger_to_the_sign_in_page_and_shows_nothing(client: TestClient, case_id: str, path: str) -> None:
    answer = client.get(path.format(case=case_id), follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login?next=")
    assert "Quantum" not in answer.text and "Zhejiang" not in answer.text


@pytest.mark.parametrize("path", POST_FORMS)
def test_no_form_is_taken_from_a_stranger(client: TestClient, register: CaseRegister, case_id: str, path: str) -> None:
    before = register.show(case_id).case.version
    answer = client.post(path.format(case=case_id), data={"decision": "proceed", "reason": "because", "action": "close",
                                                          "expected_version": str(before)}, follow_redirects=False)
    assert answer.status_code in (303, 403)
    assert register.show(case_id).case.version == before and len(register.list()) == 1


def test_a_wrong_password_is_refused_and_five_lock_the_name(client: TestClient) -> None:
    token = _token(client.get("/login").text)
    for _ in range(5):
        wrong = client.post("/login", data={"csrf_token": token, "name": "kari", "password": "guess", "next": "/cases"})
        assert wrong.status_code == 401 and "wrong name or password" in wrong.text
    locked = client.post("/login", data={"csrf_token": token, "name": "kari", "password": PASSWORD, "next": "/cases"})
    assert locked.status_code == 429 and "too many wrong passwords" in locked.text
    assert "Signed in as" not in client.get("/login").text


@pytest.mark.parametrize("next_url", ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"])
def test_signing_in_never_sends_the_browser_to_another_site(client: TestClient, next_url: str) -> None:
    token = _token(client.get("/login").text)
    answer = client.post("/login", data={"csrf_token": token, "name": "kari", "password": PASSWORD, "next": next_url},
                         follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/cases"


def test_the_session_cookie_is_http_only_and_same_site(client: TestClient) -> None:
    set_cookie = client.get("/login").headers["set-cookie"].lower()
    assert set_cookie.startswith("collabguard_session=")
    assert "httponly" in set_cookie and "samesite=lax" in set_cookie and "secure" not in set_cookie


def test_signing_out_ends_the_session(client: TestClient) -> None:
    token = _sign_in(client)
    signed_out = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert signed_out.status_code == 303 and signed_out.headers["location"] == "/login?notice=signed_out"
    assert "You are signed out." in client.get(signed_out.headers["location"]).text
    assert client.get("/cases", follow_redirects=False).status_code == 303


def test_secure_cookies_when_served_over_https(register: CaseRegister, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    client = _app(register, tmp_path, monkeypatch, COLLABGUARD_SECURE_COOKIES="1")
    assert "secure" in client.get("/login").headers["set-cookie"].lower()


def test_behind_a_trusted_proxy_the_header_names_the_officer(register: CaseRegister, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch, case_id: str) -> None:
    client = _app(register, tmp_path, monkeypatch, COLLABGUARD_TRUSTED_USER_HEADER="X-Remote-User")
    assert client.get("/cases").status_code == 401  # no header: nobody
    assert client.get("/login").status_code == 404  # no local sign-in when the proxy signs people in
    page = client.get(f"/cases/{case_id}", headers={"X-Remote-User": "ingrid"})
    assert page.status_code == 200 and "Signed in as <strong>ingrid</strong>" in page.text
    decided = client.post(f"/cases/{case_id}/decision", headers={"X-Remote-User": "ingrid"}, follow_redirects=False,
                          data={"csrf_token": _token(page.text), "expected_version": "1", "decision": "do_not_proceed",
                                "reason": "the partner is listed"})
    assert decided.status_code == 303
    assert register.show(case_id).events[-1].user == "ingrid"


def test_the_api_token_guards_the_api_and_the_pages_keep_their_own_sign_in(register: CaseRegister, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    client = _app(register, tmp_path, monkeypatch, COLLABGUARD_API_TOKEN="machine-token")
    assert client.get("/v1/lists").status_code == 401
    assert client.get("/v1/lists", headers={"Authorization": "Bearer machine-token"}).status_code == 200
    # the token is not a sign-in for the pages
    assert client.get("/cases", headers={"Authorization": "Bearer machine-token"}, follow_redirects=False).status_code == 303
    _sign_in(client)
    assert client.get("/cases").status_code == 200


# -- forms from elsewhere ---------------------------------------------------------------------------


def test_a_form_without_the_session_token_changes_nothing(client: TestClient, register: CaseRegister, case_id: str) -> None:
    _sign_in(client)
    answer = client.post(f"/cases/{case_id}/decision", data={"csrf_token": "forged", "expected_version": "1",
                                                             "decision": "proceed", "reason": "forged"})
    assert answer.status_code == 403 and "expired" in answer.text
    assert register.show(case_id).case.version == 1


def test_a_form_posted_from_another_site_changes_nothing(client: TestClient, register: CaseRegister, case_id: str) -> None:
    token = _sign_in(client)
    answer = client.post(f"/cases/{case_id}/decision", headers={"Origin": "https://evil.example"},
                         data={"csrf_token": token, "expected_version": "1", "decision": "proceed", "reason": "forged"})
    assert answer.status_code == 403 and register.show(case_id).case.version == 1


# -- two officers on one case -----------------------------------------------------------------------


def test_two_officers_answering_the_same_version_get_a_conflict_not_a_lost_answer(
        any_register: CaseRegister, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    register = any_register
    case_id = register.save(HORIZON, user="kari").case_id
    kari = _app(register, tmp_path, monkeypatch)
    ola = _app(register, tmp_path, monkeypatch)
    kari_token, ola_token = _sign_in(kari, "kari"), _sign_in(ola, "ola")
    first, second = [q.id for q in register.show(case_id).report.checklist[:2]]
    sent = kari.post(f"/cases/{case_id}/answers", follow_redirects=False, data={
        "csrf_token": kari_token, "expected_version": "1", f"answer_{first}": "no", f"note_{first}": "kari checked it"})
    assert sent.status_code == 303 and sent.headers["location"].endswith("notice=answered")
    late = ola.post(f"/cases/{case_id}/answers", data={
        "csrf_token": ola_token, "expected_version": "1", f"answer_{second}": "yes", f"note_{second}": "ola's note"})
    assert late.status_code == 409 and "Someone else changed this case" in late.text
    assert 'value="ola&#39;s note"' in late.text  # what ola typed is still in the form
    detail = register.show(case_id)
    assert detail.case.version == 2 and [(e.user, e.question_id) for e in detail.events if e.kind == "answer"] == [("kari", first)]


def test_an_answer_to_a_question_the_case_does_not_ask_is_refused(client: TestClient, case_id: str) -> None:
    token = _sign_in(client)
    answer = client.post(f"/cases/{case_id}/answers", data={"csrf_token": token, "expected_version": "1",
                                                            "answer_Q-0000000000": "no"})
    assert answer.status_code == 422 and "is not a question of case" in answer.text


def test_a_decision_needs_a_reason(client: TestClient, register: CaseRegister, case_id: str) -> None:
    token = _sign_in(client)
    answer = client.post(f"/cases/{case_id}/decision", data={"csrf_token": token, "expected_version": "1",
                                                             "decision": "proceed", "reason": ""})
    assert answer.status_code == 422 and "say why" in answer.text and register.show(case_id).case.version == 1


def test_closing_and_reopening_a_case(client: TestClient, register: CaseRegister, case_id: str) -> None:
    token = _sign_in(client)
    closed = client.post(f"/cases/{case_id}/status", data={"csrf_token": token, "expected_version": "1", "action": "close",
                                                           "reason": "proposal withdrawn"}, follow_redirects=False)
    assert closed.status_code == 303 and closed.headers["location"].endswith("notice=closed")
    assert register.show(case_id).case.status == "closed"
    page = client.get(f"/cases/{case_id}")
    assert "The case is closed" in page.text and "Reopen the case" in page.text
    reopened = client.post(f"/cases/{case_id}/status", data={"csrf_token": token, "expected_version": "2", "action": "reopen"},
                           follow_redirects=False)
    assert reopened.headers["location"].endswith("notice=reopened")
    assert register.show(case_id).case.status == "waiting_for_answers"


# -- screening from the form -------------------------------------------------------------------------


def test_screening_from_the_fields_saves_a_case_with_the_partners_as_typed(
        any_register: CaseRegister, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    register = any_register
    client = _app(register, tmp_path, monkeypatch)
    token = _sign_in(client)
    answer = client.post("/screen", follow_redirects=False, data={
        "csrf_token": token, "action": "screen", "title": "Battery materials", "id": "UIO-2026-17",
        "home_institution": "University of Oslo", "home_country": "NO",
        "partner_name": ["BUAA", "", "University of Tokyo"], "partner_country": ["CN", "", "JP"], "partner_type": ["", "", ""],
        "agreement.written": "yes", "abstract": "Solid-state electrolytes for batteries."})
    assert answer.status_code == 303, answer.text
    case = register.list()[0]
    assert case.proposal_id == "UIO-2026-17" and case.partners == ["BUAA", "University of Tokyo"]
    page = client.get(answer.headers["location"])
    assert "Beihang University" in page.text  # BUAA matched the listed university


@pytest.mark.parametrize(("fields", "message"), [
    ({"title": ""}, "title: give the project&#39;s title"),
    ({"title": "T", "partner_name": [""], "partner_country": ["CN"]}, "partners, row 1: give the partner&#39;s name"),
    ({"title": "T", "partner_name": ["X"], "partner_country": ["Narnia"]}, "partners[0].country"),
])
def test_a_form_with_a_mistake_says_which_field_and_keeps_what_was_typed(client: TestClient, register: CaseRegister,
                                                                          fields: dict[str, object], message: str) -> None:
    token = _sign_in(client)
    answer = client.post("/screen", data={"csrf_token": token, "action": "screen", "abstract": "kept text", **fields})
    assert answer.status_code == 422 and message in answer.text and "kept text" in answer.text
    assert register.list() == []


def test_more_rows_keeps_what_was_typed(client: TestClient) -> None:
    token = _sign_in(client)
    page = client.post("/screen", data={"csrf_token": token, "action": "more_rows", "title": "Kept title",
                                        "partner_name": ["Kept partner", "", "", "", ""]})
    assert page.status_code == 200 and 'value="Kept title"' in page.text and 'value="Kept partner"' in page.text
    assert page.text.count('name="partner_name"') == 10


def test_an_uploaded_file_is_named_as_sent_never_by_a_temporary_path(client: TestClient, register: CaseRegister) -> None:
    token = _sign_in(client)
    bad = client.post("/screen", data={"csrf_token": token, "action": "upload"},
                      files={"proposal_file": ("my proposal.yaml", b"title: T\npartners:\n  - {name: X, country: Narnia}\n")})
    assert bad.status_code == 422 and "my proposal.yaml" in bad.text and "collabguard-upload-" not in bad.text
    wrong_kind = client.post("/screen", data={"csrf_token": token, "action": "upload"},
                             files={"proposal_file": ("proposal.docx", b"PK\x03\x04")})
    assert wrong_kind.status_code == 422 and ".yaml, .yml or .json" in wrong_kind.text
    good = client.post("/screen", data={"csrf_token": token, "action": "upload"}, follow_redirects=False,
                       files={"proposal_file": ("horizon-consortium.yaml", HORIZON.read_bytes())})
    assert good.status_code == 303 and register.list()[0].proposal_id == "NTNU-2026-0311"


def test_uploading_the_same_proposal_again_makes_a_new_version_of_its_open_case(client: TestClient, register: CaseRegister) -> None:
    token = _sign_in(client)
    for notice in ("saved", "screened_again"):
        answer = client.post("/screen", data={"csrf_token": token, "action": "upload"}, follow_redirects=False,
                             files={"proposal_file": ("horizon-consortium.yaml", HORIZON.read_bytes())})
        assert answer.headers["location"].endswith(f"notice={notice}")
    assert len(register.list()) == 1 and register.list()[0].version == 2


# -- what pages must never show ----------------------------------------------------------------------


def test_what_a_proposal_says_is_shown_as_text_never_run(client: TestClient, register: CaseRegister) -> None:
    token = _sign_in(client)
    client.post("/screen", data={"csrf_token": token, "action": "screen", "title": "<script>alert(1)</script>",
                                 "partner_name": ['<img src=x onerror="alert(2)">'], "partner_country": ["CN"]})
    case_id = register.list()[0].case_id
    for path in ("/cases", f"/cases/{case_id}", f"/cases/{case_id}/report"):
        page = client.get(path).text
        assert "<script>alert" not in page and "<img src=x" not in page and "&lt;script&gt;alert(1)" in page


def test_pages_forbid_scripts_framing_and_caching(client: TestClient, case_id: str) -> None:
    _sign_in(client)
    for path in ("/cases", f"/cases/{case_id}", f"/cases/{case_id}/report", "/monitor", "/screen"):
        headers = client.get(path).headers
        assert "script-src" not in headers["content-security-policy"]
        assert "default-src 'none'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["cache-control"] == "no-store" and headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/cases/C-2026-9999", "/cases/C-2026-9999/report", "/cases/not-a-case",
                                  "/cases/C-2026-9999/export.json"])
def test_a_missing_case_is_a_plain_404_that_names_no_server_path(client: TestClient, register: CaseRegister, path: str) -> None:
    _sign_in(client)
    answer = client.get(path)
    assert answer.status_code == 404 and register.where not in answer.text and "register/" not in answer.text


def test_the_case_list_filters_by_status_risk_framework_partner_and_text(client: TestClient, register: CaseRegister) -> None:
    register.save(HORIZON, user="kari")
    register.save(ROOT / "examples" / "innocent-lookalike.yaml", user="kari")
    _sign_in(client)
    everything = client.get("/cases").text
    assert "NTNU-2026-0311" in everything and everything.count('<tr>') >= 3
    by_partner = client.get("/cases", params={"partner": "zhejiang"}).text
    assert "NTNU-2026-0311" in by_partner and by_partner.count("<tr>") == 2
    by_framework = client.get("/cases", params={"framework": "no-hkdir"}).text
    assert "NTNU-2026-0311" in by_framework
    nothing = client.get("/cases", params={"status": "closed"}).text
    assert "No case matches the filter" in nothing
    unknown = client.get("/cases", params={"status": "bogus", "risk": "bogus"})
    assert unknown.status_code == 200 and "NTNU-2026-0311" in unknown.text  # an unknown filter value filters nothing


def test_the_monitoring_page_shows_the_lists_and_packs_in_use(client: TestClient, case_id: str) -> None:
    token = _sign_in(client)
    page = client.get("/monitor").text
    assert "Named Research Organizations" in page and "Rule packs in use" in page and "1 now" in page
    rescreened = client.post("/monitor/rescreen", data={"csrf_token": token})
    assert rescreened.status_code == 200 and "No case changed" in rescreened.text
