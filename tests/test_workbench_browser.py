"""The workbench in a real browser (Chromium, driven by Playwright): an officer signs in, screens a
proposal by uploading it, answers a checklist question, records a decision, sees the case list
change; then a list gets a new edition, the service is restarted with it, and the monitoring page's
button finds the case whose screening changed and reopens it.

The "older edition" is the shipped Named Research Organizations list without its Beihang University
row (made here, in a temporary rules folder with its sha256 updated); the "new edition" is the
shipped list. Set COLLABGUARD_SCREENSHOTS=DIR to keep the screenshots.

Needs Chromium (Debian's package: /usr/bin/chromium; `.ci/run` installs it) and the playwright
package (the test extra); skips without them.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from collabguard.shipped import shipped_rules_dir

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("COLLABGUARD_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "strac-nserc-nro-affiliation.yaml"
PASSWORD = "a long pass phrase for kari"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _serve(home: Path, rules: Path | None) -> Iterator[str]:
    port = _free_port()
    command = [sys.executable, "-m", "collabguard", "serve", "--port", str(port), "--home", str(home)]
    if rules is not None:
        command += ["--rules", str(rules)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("COLLABGUARD_")}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the server did not start: {process.stderr.read() if process.stderr else ''}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _older_edition(tmp_path: Path) -> Path:
    """A rules folder whose NRO list lacks Beihang University (the manifest's digest follows)."""
    rules = tmp_path / "rules-older"
    shutil.copytree(shipped_rules_dir(), rules)
    listed = rules / "lists" / "ca-nro.csv"
    lines = listed.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("ca-nro-beihang-university,")]
    assert len(kept) == len(lines) - 1, "the shipped NRO list should name Beihang University once"
    listed.write_text("".join(kept), encoding="utf-8")
    manifest = rules / "lists" / "lists.yaml"
    old = hashlib.sha256("".join(lines).encode()).hexdigest()
    new = hashlib.sha256("".join(kept).encode()).hexdigest()
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return rules


@pytest.fixture()
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("COLLABGUARD_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_screen_answer_decide_then_a_list_update_reopens_the_case(tmp_path: Path, shots: Path) -> None:
    home = tmp_path / "register"
    added = subprocess.run([sys.executable, "-m", "collabguard", "cases", "users", "add", "kari", "--home", str(home)],
                           input=PASSWORD + "\n", capture_output=True, text=True, timeout=120)
    assert added.returncode == 0, added.stderr
    older = _older_edition(tmp_path)

    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        expect = playwright_api.expect

        with _serve(home, older) as url:
            # signing in: every page sends a stranger to the sign-in page first
            page.goto(f"{url}/")
            expect(page).to_have_url(re.compile(r"/login\?next="))
            page.get_by_label("Name").fill("kari")
            page.get_by_label("Password").fill("wrong password")
            page.get_by_role("button", name="Sign in").click()
            expect(page.get_by_role("alert")).to_contain_text("wrong name or password")
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            expect(page.get_by_role("heading", name="Cases", exact=True)).to_be_visible()
            expect(page.get_by_text("No cases yet")).to_be_visible()
            page.screenshot(path=str(shots / "1-empty-register.png"), full_page=True)

            # screening: upload the proposal file
            page.get_by_role("link", name="New screening").first.click()
            page.get_by_label("Proposal (YAML or JSON").set_input_files(str(EXAMPLE))
            page.screenshot(path=str(shots / "2-new-screening.png"), full_page=True)
            page.get_by_role("button", name="Screen this file").click()
            expect(page.get_by_role("status")).to_contain_text("saved as a new case")
            expect(page.get_by_role("heading", level=1)).to_have_text("Quantum sensing for navigation without satellite signals")
            case_url = page.url.split("?")[0]
            case_id = case_url.rsplit("/", 1)[1]
            assert re.fullmatch(r"C-\d{4}-0001", case_id)
            # the older edition does not name Beihang on the NRO list: no STRAC prohibition yet
            assert "CG-CA-STRAC-001" not in page.content()
            page.screenshot(path=str(shots / "3-case-report.png"), full_page=True)

            # answering: the first open question, with a note, then the proposal is screened again
            questions = page.locator("#checklist .question")
            open_before = questions.count()
            assert open_before > 0
            first = questions.first
            question_text = first.locator("p[id^=q-]").inner_text()
            first.get_by_label("No", exact=True).check()
            first.get_by_label("Note").fill("checked the partner's ownership in the company register")
            page.get_by_role("button", name="Save answers and screen again").click()
            expect(page.get_by_role("status")).to_contain_text("answers are saved")
            assert page.locator("#checklist > form > .question").count() == open_before - 1
            expect(page.locator("#history")).to_contain_text("answered")
            expect(page.locator("#history")).to_contain_text("kari")
            assert question_text in (page.locator("#checklist details").text_content() or "")

            # deciding
            page.get_by_label("Proceed with mitigations").check()
            page.get_by_label("Reason (goes into the case file)").fill("export licence applied for; data kept in Norway")
            page.get_by_role("button", name="Record the decision").click()
            expect(page.get_by_role("status")).to_contain_text("decision is recorded")
            expect(page.locator(".casebar")).to_contain_text("decided")
            page.screenshot(path=str(shots / "4-decided.png"), full_page=True)

            # the case list shows it decided, and its filter finds it by partner... and not by another
            page.get_by_role("navigation", name="Main").get_by_role("link", name="Cases").click()
            row = page.get_by_role("row", name=re.compile(case_id))
            expect(row).to_contain_text("decided")
            expect(row).to_contain_text("Proceed with mitigations")
            page.screenshot(path=str(shots / "5-case-list.png"), full_page=True)
            page.get_by_label("Status").select_option("closed")
            page.get_by_role("button", name="Filter").click()
            expect(page.get_by_text("No case matches the filter")).to_be_visible()

        # a new edition of the NRO list: the service restarts with the shipped rules, the officer stays signed in
        with _serve(home, None) as url:
            page.goto(f"{url}/monitor")
            expect(page.get_by_role("heading", name="Monitoring")).to_be_visible()
            page.get_by_role("button", name="Screen all open and decided cases again").click()
            found = page.get_by_role("region", name="What this re-screening found")
            expect(found).to_contain_text(case_id)
            expect(found).to_contain_text("Beihang University")
            expect(found).to_contain_text("ca-nro")
            expect(found).to_contain_text("reopened")
            page.screenshot(path=str(shots / "6-monitoring.png"), full_page=True)

            page.get_by_role("link", name=case_id).first.click()
            expect(page.locator(".casebar")).not_to_contain_text("· decided")
            assert "CG-CA-STRAC-001" in page.content()
            expect(page.locator("#history")).to_contain_text("reopened")
            page.screenshot(path=str(shots / "7-reopened.png"), full_page=True)
        browser.close()
