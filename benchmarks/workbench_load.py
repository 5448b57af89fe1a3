"""The workbench and the API under 100 concurrent users: latency of the case page (target: p99 under
500 ms), the case list, the monitoring page and POST /v1/screen, on a real `collabguard serve` with a
register of saved cases.

Each user signs in once (before the clock starts: signing in hashes a password), then opens a page, reads it for a while (``--think`` seconds on average,
uniformly between half and one and a half times that) and opens the next: 6 in 10 requests are a
case page, 2 the case list (a filter half the time), 1 the monitoring page, 1 the case's standalone
report. ``--api-users`` of the users are grant systems instead, each posting a proposal to
/v1/screen between pauses. The baseline, measured in the same run under the same load, is /healthz
(answered on the event loop without touching the register): the ratio says what the pages cost on
top of the server's own queueing. ``--think 0`` makes every user a closed loop (no pause at all): a
stress figure, not an office's day.

    python benchmarks/workbench_load.py                  # 100 users (90 officers, 10 API clients), 30 s
    python benchmarks/workbench_load.py --workers 2      # serve --workers 2
    python benchmarks/workbench_load.py --think 0 --seconds 15
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "benchmark pass phrase"
TARGET_P99_MS = 500


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _seed(home: Path, cases: int) -> list[str]:
    """``cases`` saved screenings: the shipped examples under new proposal ids, round robin."""
    from collabguard import Screener
    from collabguard.cases.register import CaseRegister

    screener = Screener()
    proposals = [screener.load(p) for p in sorted((ROOT / "examples").glob("*.yaml"))]  # read as collabguard reads them
    ids = []
    with CaseRegister(screener, home=home) as register:
        register.users.add("officer", PASSWORD)
        for i in range(cases):
            proposal = proposals[i % len(proposals)].model_copy(update={"id": f"BENCH-{i:04d}"})
            ids.append(register.save(proposal, user="officer").case_id)
    return ids


class Timings:
    def __init__(self) -> None:
        self.ms: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}

    def add(self, kind: str, ms: float, ok: bool) -> None:
        self.ms.setdefault(kind, []).append(ms)
        if not ok:
            self.errors[kind] = self.errors.get(kind, 0) + 1


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _timed(client: httpx.AsyncClient, timings: Timings, kind: str, method: str, url: str, **kw: object) -> httpx.Response | None:
    began = time.perf_counter()
    try:
        answer = await client.request(method, url, **kw)  # type: ignore[arg-type]
    except httpx.HTTPError:
        timings.add(kind, (time.perf_counter() - began) * 1000, ok=False)
        return None
    timings.add(kind, (time.perf_counter() - began) * 1000, ok=answer.status_code == 200)
    return answer


async def _sign_in(url: str) -> httpx.AsyncClient:
    """A signed-in officer's client (signing in hashes a password: done before the clock starts)."""
    client = httpx.AsyncClient(base_url=url, timeout=60, follow_redirects=True)
    page = await client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, "no sign-in form"
    signed = await client.post("/login", data={"csrf_token": token.group(1), "name": "officer", "password": PASSWORD,
                                               "next": "/cases"})
    assert signed.status_code == 200, signed.status_code
    return client


async def _officer(client: httpx.AsyncClient, ids: list[str], end: float, think: float, timings: Timings,
                   rng: random.Random) -> None:
    try:
        await asyncio.sleep(rng.uniform(0, think or 0.01))  # users do not all start in the same millisecond
        while time.perf_counter() < end:
            roll = rng.random()
            case = rng.choice(ids)
            if roll < 0.6:
                await _timed(client, timings, "case page", "GET", f"/cases/{case}")
            elif roll < 0.8:
                params = {"partner": "university"} if rng.random() < 0.5 else {}
                await _timed(client, timings, "case list", "GET", "/cases", params=params)
            elif roll < 0.9:
                await _timed(client, timings, "monitoring page", "GET", "/monitor")
            else:
                await _timed(client, timings, "standalone report", "GET", f"/cases/{case}/report")
            if think:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * think)
    finally:
        await client.aclose()


async def _api_client(url: str, end: float, think: float, timings: Timings, rng: random.Random) -> None:
    from collabguard import Screener

    proposal = Screener().load(ROOT / "examples" / "horizon-consortium.yaml").model_dump(mode="json", exclude_none=True)
    async with httpx.AsyncClient(base_url=url, timeout=60, follow_redirects=True) as client:
        await asyncio.sleep(rng.uniform(0, think or 0.01))
        while time.perf_counter() < end:
            await _timed(client, timings, "POST /v1/screen", "POST", "/v1/screen", json=proposal)
            if think:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * think)


async def _probe(url: str, end: float, timings: Timings) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=60, follow_redirects=True) as client:
        while time.perf_counter() < end:
            await _timed(client, timings, "healthz (baseline)", "GET", "/healthz")
            await asyncio.sleep(0.1)


async def _run(url: str, ids: list[str], args: argparse.Namespace) -> Timings:
    timings = Timings()
    rng = random.Random(20261205)
    officers = args.users - args.api_users
    clients = []
    for _ in range(officers):  # one after another, as people arrive in the morning
        clients.append(await _sign_in(url))
    end = time.perf_counter() + args.seconds
    tasks = [_officer(c, ids, end, args.think, timings, random.Random(rng.random())) for c in clients]
    tasks += [_api_client(url, end, args.think, timings, random.Random(rng.random())) for _ in range(args.api_users)]
    tasks.append(_probe(url, end, timings))
    await asyncio.gather(*tasks)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--api-users", type=int, default=10, help="of the users, how many are API clients")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--think", type=float, default=2.0, help="average pause between a user's requests, seconds")
    parser.add_argument("--cases", type=int, default=60, help="cases in the register")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="collabguard-load-"))
    try:
        began = time.perf_counter()
        ids = _seed(home, args.cases)
        print(f"register: {len(ids)} cases saved in {time.perf_counter() - began:.1f} s")
        port = _port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("COLLABGUARD_")}
        server = subprocess.Popen([sys.executable, "-m", "collabguard", "serve", "--port", str(port), "--home", str(home),
                                   "--workers", str(args.workers)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            print(f"{args.users} users ({args.users - args.api_users} officers, {args.api_users} API clients), "
                  f"think {args.think:g} s, {args.seconds:g} s, serve --workers {args.workers}, {os.cpu_count()} cores")
            timings = asyncio.run(_run(url, ids, args))
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(home, ignore_errors=True)

    baseline = timings.ms.get("healthz (baseline)", [0.0])
    base99 = _pct(baseline, 0.99) or 1.0
    print(f"{'request':22} {'n':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'p99 / baseline':>15}")
    for kind, values in sorted(timings.ms.items()):
        print(f"{kind:22} {len(values):6d} {len(values) / args.seconds:7.1f} {statistics.median(values):8.1f} "
              f"{_pct(values, 0.95):8.1f} {_pct(values, 0.99):8.1f} {timings.errors.get(kind, 0):7d} "
              f"{_pct(values, 0.99) / base99:15.1f}")
    case99 = _pct(timings.ms.get("case page", [float("inf")]), 0.99)
    verdict = "meets" if case99 < TARGET_P99_MS else "MISSES"
    print(f"case page p99 {case99:.0f} ms: {verdict} the target of {TARGET_P99_MS} ms")
    return 0 if case99 < TARGET_P99_MS and not timings.errors else 1


if __name__ == "__main__":
    sys.exit(main())
