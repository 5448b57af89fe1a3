"""Every command on the hostile corpus (tests/hostile_corpus.py, tests/data/hostile/), on the command
line and over HTTP (issue 19).

Command line (each command in a process forked from the test's, killed after a time bound): the exit code is 0, 1 or 2 (never 3, "internal error"); a refused
file is one line on standard error naming it; each command ends within a generous time bound (a hang
detector, not a speed test: speed is in benchmarks/); an output file is whole or untouched, and no
temporary file is left beside it.

HTTP (/v1/screen, /v1/screen/batch, /v1/stats): a 4xx answer with a JSON error or a 200, never a
500, and the service keeps serving.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import multiprocessing
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from collabguard.errors import CollabguardError
from tests.conftest import EXAMPLES, RULES
from tests.hostile_corpus import HOSTILE, corpus, http_requests, materialise

TIME_BOUND = 60.0  # seconds per command
EXAMPLE = EXAMPLES / "european-project.yaml"
PREVIOUS = b"previous output\n"
# more than one line on standard error is right for these: every problem of a rules folder, every row of a batch
MANY_LINES = ("rules validate", "batch")

# readers outside this files that still end in an internal error on these files: each a bug
# for the owner of that reader to fix (strict: the test fails once it is fixed, to remove the mark)
KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Run:
    label: str  # the command, without file names
    file: str  # the hostile file's name
    args: list[str]
    output: Path | None = None  # an output file given with -o (written with PREVIOUS before the run)
    stdin: bytes = b""
    setup: list[tuple[Path | bytes, Path]] = field(default_factory=list)  # files, folders or bytes put in place first
    returncode: int | None = None
    stderr: str = ""
    seconds: float = 0.0

    @property
    def id(self) -> str:
        return f"{self.label}:{self.file}"


def _commands(name: str, kind: str, path: Path, work: Path) -> list[Run]:
    out = work / f"out-{name}"
    runs: list[Run] = []
    if kind in ("proposal", "yaml"):
        folder = work / f"folder-{name}"
        runs += [Run("screen", name, ["screen", str(path)]),
                 Run("screen -f html -o", name, ["screen", str(path), "-f", "html", "-o", str(out / "report.html")], out / "report.html"),
                 Run("areas", name, ["areas", str(path)]),
                 Run("batch folder", name, ["batch", str(folder), "-o", str(out / "results.csv"), "-q"], out / "results.csv",
                     setup=[(path, folder / path.name)])]
    if kind == "yaml":  # every other YAML reader
        runs += [Run("screen --decisions", name, ["screen", str(EXAMPLE), "--decisions", str(path)]),
                 Run("screen --answers", name, ["screen", str(EXAMPLE), "--answers", str(path)]),
                 Run("screen --policy", name, ["screen", str(EXAMPLE), "--policy", str(path)])]
        # a rules folder with the file as a rule pack; for some, also as its country groups, a taxonomy, the list manifest
        for target in ("no-hkdir.yaml", *(("groups.yaml", "areas/au-ct.yaml", "lists/lists.yaml") if name in IN_RULES_FOLDER else ())):
                rules = work / f"rules-{name}-{target.replace('/', '-')}"
                runs.append(Run(f"rules validate ({target})", name, ["rules", "validate", str(rules)],
                                setup=[(RULES, rules), (path, rules / target)]))
    if kind == "export":
        runs += [Run("stats", name, ["stats", str(path)]),
                 Run("stats -f csv -o", name, ["stats", str(path), "-f", "csv", "-o", str(out / "stats.csv")], out / "stats.csv"),
                 Run("screen --publications", name, ["screen", str(EXAMPLE), "--publications", str(path)])]
    if kind == "names":
        runs += [Run("match", name, ["match", str(path)]),
                 Run("match -f csv -o", name, ["match", str(path), "-f", "csv", "-o", str(out / "matches.csv")], out / "matches.csv")]
    if kind == "listcsv":
        names = work / f"names-for-{name}"
        runs += [Run("match --list", name, ["match", str(names), "--list", str(path)],
                     setup=[(b"name,country\nHarbin Engineering University,CN\n", names)]),
                 Run("lists diff", name, ["lists", "diff", str(path), str(path)])]
    if kind == "aspi":
        runs += [Run("lists import aspi", name, ["lists", "import", str(path), "-f", "aspi", "-o", str(out / "list.csv")], out / "list.csv")]
    if kind == "batch":
        runs += [Run("batch", name, ["batch", str(path), "-o", str(out / "results.csv"), "-q"], out / "results.csv"),
                 Run("batch jsonl", name, ["batch", str(path), "-o", str(out / "results.jsonl"), "-q"], out / "results.jsonl")]
    if kind == "report":
        runs += [Run("rescreen", name, ["rescreen", str(path)])]
    return runs


IN_RULES_FOLDER = ("proposal-deep-flow-sequence.yaml", "proposal-deep-block-mapping.yaml")


def _all_runs(work: Path) -> list[Run]:
    runs: list[Run] = []
    for name, (kind, path) in corpus(work).items():
        runs += _commands(name, kind, path, work)
    runs.append(Run("match - (stdin)", "a 200,000-character line", ["match", "-"], stdin=b"x" * 200_000 + b"\tCN\n"))
    runs.append(Run("lists search", "a 100,000-character name", ["lists", "search", "y" * 100_000]))
    return runs


RUNNER = CliRunner()
CSV_DEFAULT = 131_072  # the csv module's cell limit in a fresh process


def _invoke(run: Run, pipe: Connection) -> None:
    """In a forked child: run the command and send back (exit code, standard error)."""
    from collabguard.cli.main import app

    csv.field_size_limit(CSV_DEFAULT)  # as in a fresh process: a reader that lifted it must not cover for one that does not
    result = RUNNER.invoke(app, run.args, input=run.stdin)
    code, stderr = result.exit_code, result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):  # escaped handle_errors
        code, stderr = 3, f"internal error: {result.exception!r}"
    pipe.send((code, stderr))
    pipe.close()


def _execute(run: Run) -> Run:
    """Run one command in a child forked from this process (the rules are already loaded, so it starts
    at once), killed when it has not answered within TIME_BOUND seconds: a hang."""
    for source, target in run.setup:
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, bytes):
            target.write_bytes(source)
        elif source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)
    if run.output is not None:
        run.output.parent.mkdir(parents=True, exist_ok=True)
        run.output.write_bytes(PREVIOUS)
    fork = multiprocessing.get_context("fork")
    answer, pipe = fork.Pipe(duplex=False)
    child = fork.Process(target=_invoke, args=(run, pipe), daemon=True)
    start = time.perf_counter()
    child.start()
    pipe.close()
    if answer.poll(TIME_BOUND):
        run.returncode, run.stderr = answer.recv()
    else:
        child.kill()
        run.stderr = f"no answer within {TIME_BOUND:.0f} s"
    run.seconds = time.perf_counter() - start
    child.join()
    answer.close()
    if run.returncode is None and child.exitcode not in (None, 0, -9):
        run.stderr = f"the command's process died (exit {child.exitcode})"
    return run


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    from collabguard.cli.main import app

    # rules, lists, matcher and the modules of each command loaded once, here: every forked command starts with them
    for warm_up in (["screen", str(EXAMPLE)], ["match", "-"], ["stats", str(HOSTILE / "wos-plain-no-er.txt")],
                    ["areas", str(EXAMPLE)], ["rescreen", str(HOSTILE / "report-not-a-report.json")]):
        assert RUNNER.invoke(app, warm_up, input=b"NTNU\n").exit_code in (0, 2), warm_up
    work = tmp_path_factory.mktemp("hostile")
    materialise(work)
    gc.freeze()  # a child's collector then leaves the inherited objects alone (no copy of every page)
    try:
        return {run.id: _execute(run) for run in _all_runs(work)}
    finally:
        gc.unfreeze()


def _run_ids() -> list[object]:
    """Every run's id (the same commands on the same names, planned without writing the corpus)."""
    return [pytest.param(run.id, id=run.id, marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[(run.label, run.file)])]
                         if (run.label, run.file) in KNOWN_BUGS else [])
            for run in _all_runs(Path("corpus"))]


def _whole(path: Path) -> bool:
    """An output file is a complete document of its kind."""
    data = path.read_bytes()
    if path.suffix == ".html":
        return data.rstrip().endswith(b"</html>")
    if path.suffix == ".jsonl":
        return all(json.loads(line) is not None for line in data.decode("utf-8").splitlines() if line.strip())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    return bool(rows) and len(rows[0]) > 1


@pytest.mark.parametrize("run_id", _run_ids())
def test_a_command_on_a_hostile_file_ends_cleanly(outcomes: dict[str, Run], run_id: str) -> None:
    run = outcomes[run_id]
    assert run.returncode is not None, f"{run.id}: {run.stderr}"
    assert run.returncode in (0, 1, 2), f"{run.id}: exit {run.returncode}: {run.stderr[-500:]}"
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr, f"{run.id}: {run.stderr[-500:]}"
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    if run.returncode == 2 and not run.label.startswith(MANY_LINES):
        assert len(errors) == 1, f"{run.id}: expected one error line, got: {run.stderr[-1000:]}"
        assert run.file in errors[0], f"{run.id}: the error does not name the file: {errors[0]}"
    for line in errors:
        assert len(line) < 2_000, f"{run.id}: an error line of {len(line):,} characters"
    if run.output is not None:
        left = [p.name for p in run.output.parent.iterdir() if p.name.endswith(".tmp")]
        assert left == [], f"{run.id}: temporary files left: {left}"
        assert run.output.read_bytes() == PREVIOUS or _whole(run.output), f"{run.id}: {run.output.name} is half-written"
        if run.returncode == 2 and not run.label.startswith("batch"):
            assert run.output.read_bytes() == PREVIOUS, f"{run.id}: a refused input still replaced {run.output.name}"


def test_the_hostile_commands_stay_within_the_time_bound(outcomes: dict[str, Run]) -> None:
    slow = sorted((run.seconds, run.id) for run in outcomes.values() if run.seconds > TIME_BOUND / 2)
    assert slow == [], f"commands that took more than half the time bound: {slow}"


# ---- the same corpus over HTTP


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    from collabguard.screener import Screener
    from collabguard.service.app import create_app

    saved = os.environ.pop("COLLABGUARD_API_TOKEN", None)
    try:
        yield TestClient(create_app(Screener()), base_url="http://localhost")  # a host the service answers to
    finally:
        if saved is not None:
            os.environ["COLLABGUARD_API_TOKEN"] = saved


def test_the_service_answers_every_hostile_request_with_4xx_json_or_a_result(
        client: TestClient, tmp_path_factory: pytest.TempPathFactory) -> None:
    requests = http_requests(materialise(tmp_path_factory.mktemp("http")))
    assert len(requests) > 40
    failures = []
    for name, route, body in requests:
        r = client.post(route, content=body, headers={"content-type": "application/json"})
        ok = r.status_code == 200 or (400 <= r.status_code < 500 and isinstance(r.json().get("error"), str))
        if not ok or "Traceback" in r.text:
            failures.append(f"{route} {name}: {r.status_code} {r.text[:200]}")
    assert failures == []
    assert client.get("/healthz").status_code == 200  # and it still serves
    fine = client.post("/v1/screen", json={"title": "Sonar", "partners": [{"name": "Harbin Engineering University", "country": "CN"}]})
    assert fine.status_code == 200 and fine.json()["flags"]


# ---- how much one proposal may hold: COLLABGUARD_MAX_PARTNERS (default 2,000)


def _consortium(partners: int = 0, funders: int = 0, people: int = 0, affiliations: int = 0) -> dict[str, object]:
    return {"title": "A national consortium", "partners": [{"name": f"Institute {i} of Marine Research", "country": "NO"}
                                                          for i in range(max(partners, 1))],
            "funding": [{"funder": f"Funder {i}"} for i in range(funders)],
            "personnel": [{"name": f"Person {i}", "affiliations": [f"Institute {j}" for j in range(affiliations)]}
                          for i in range(people)]}


@pytest.mark.parametrize(("shape", "field", "message"), [
    ({"partners": 2_001}, "partners", "2,001 partners: more than the limit of 2,000 in one proposal (COLLABGUARD_MAX_PARTNERS)"),
    ({"funders": 2_001}, "funding", "2,001 funders: more than the limit of 2,000"),
    ({"people": 2_001}, "personnel", "2,001 people: more than the limit of 2,000"),
    ({"people": 3, "affiliations": 700}, "personnel", "2,100 affiliations and appointments of people: more than the limit of 2,000"),
])
def test_a_proposal_holding_more_than_the_limit_is_refused_naming_the_field(
        tmp_path: Path, shape: dict[str, int], field: str, message: str) -> None:
    from collabguard.errors import InputError
    from collabguard.screener import Screener

    path = tmp_path / "consortium.json"
    path.write_text(json.dumps(_consortium(**shape)), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        Screener().screen(path)
    assert str(exc.value).startswith(f"{path}: {field}: {message}")


def test_the_partner_limit_is_raised_by_its_variable_and_2000_partners_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    from collabguard.errors import InputError
    from collabguard.screener import Screener

    screener = Screener()
    assert len(screener.screen(_consortium(partners=2_000)).screened_names) >= 2_000
    with pytest.raises(InputError, match="limit of 2,000"):
        screener.screen(_consortium(partners=2_001))
    monkeypatch.setenv("COLLABGUARD_MAX_PARTNERS", "2001")
    assert screener.screen(_consortium(partners=2_001)).proposal_id == "proposal"
    monkeypatch.setenv("COLLABGUARD_MAX_PARTNERS", "many")
    with pytest.raises(CollabguardError, match="COLLABGUARD_MAX_PARTNERS='many': give a positive whole number"):
        screener.screen(_consortium())


def test_the_service_and_a_batch_refuse_an_oversized_proposal_and_go_on(client: TestClient, tmp_path: Path) -> None:
    from collabguard.screener import Screener

    big, small = _consortium(partners=2_001), _consortium(partners=2)
    r = client.post("/v1/screen", json=big)
    assert r.status_code == 422 and "COLLABGUARD_MAX_PARTNERS" in r.json()["error"]
    results = client.post("/v1/screen/batch", json=[big, small]).json()["results"]
    assert [x["status"] for x in results] == ["error", "ok"] and "2,001 partners" in results[0]["error"]
    rows = tmp_path / "proposals.jsonl"
    rows.write_text(json.dumps(big) + "\n" + json.dumps(small) + "\n", encoding="utf-8")
    outcome = Screener().run_batch(rows, tmp_path / "results.csv")
    assert [r["status"] for r in outcome.results] == ["error", "ok"] and "COLLABGUARD_MAX_PARTNERS" in outcome.results[0]["error"]
