"""The service under an abusive client: does /healthz keep answering? (issue 20, item 12)

    python benchmarks/service_abuse.py [--requests 40] [--partners 7000] [--port 8766] [--workers 1]

Starts `collabguard serve` (as shipped, with a token), then:

1. baseline: GET /healthz every 100 ms for 3 s with nothing else running (the same probe, same run);
2. abuse: one authenticated client sends --requests POST /v1/screen at once, each a proposal with
   --partners partners (7,000 partners is a 659 KB body, ~1.3 s of screening each on a 2-core
   machine), while the probe keeps calling /healthz every 100 ms (each call may take up to 10 s);
3. after: the probe for 3 s more once every abusive request has its answer.

Prints, for each phase, the health checks made, their median / 95th percentile / worst latency and
how many took over 2 s or got no answer; and the abusive requests' answers by status (200 screened,
503 refused while busy, with Retry-After) and how long the last one took. The client runs on the
same machine as the server: the figures include the client's own share of the cores.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter

import httpx

TOKEN = "abuse-test-token"
SLOW = 2.0  # a health check slower than this counts as not answering (a load balancer's usual limit)


def abusive_body(partners: int) -> bytes:
    return json.dumps({"title": "Joint laboratory", "partners": [
        {"name": f"Institute of Applied Research Number {i} of the Northern Province", "country": "CN"}
        for i in range(partners)]}).encode()


class Probe(threading.Thread):
    """GET /healthz every 100 ms on its own connection; latencies (None: no answer within 10 s)."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.phase = "baseline"
        self.stop = threading.Event()
        self.latencies: dict[str, list[float | None]] = {}

    def run(self) -> None:
        with httpx.Client(timeout=10) as client:
            while not self.stop.is_set():
                phase, t0 = self.phase, time.perf_counter()
                try:
                    ok = client.get(f"{self.url}/healthz").status_code == 200
                    latency: float | None = time.perf_counter() - t0 if ok else None
                except httpx.HTTPError:
                    latency = None
                self.latencies.setdefault(phase, []).append(latency)
                time.sleep(max(0.0, 0.1 - (time.perf_counter() - t0)))


def summary(latencies: list[float | None]) -> str:
    answered = sorted(x for x in latencies if x is not None)
    missing = len(latencies) - len(answered)
    slow = sum(1 for x in answered if x > SLOW) + missing

    def q(f: float) -> float:
        return answered[min(len(answered) - 1, int(f * len(answered)))] * 1000 if answered else float("nan")

    worst = f"{answered[-1] * 1000:,.0f} ms" if answered else "-"
    return (f"{len(latencies)} checks: median {q(0.5):,.1f} ms, p95 {q(0.95):,.1f} ms, worst {worst}; "
            f"{slow} over {SLOW:.0f} s or unanswered ({missing} unanswered)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--partners", type=int, default=7000)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (serve --workers)")
    args = parser.parse_args()
    body = abusive_body(args.partners)
    # the benchmark measures the service's own protection: the partner-count limit is lifted
    env = {**os.environ, "COLLABGUARD_API_TOKEN": TOKEN, "COLLABGUARD_MAX_PARTNERS": str(args.partners)}
    server = subprocess.Popen([sys.executable, "-m", "collabguard", "serve", "--port", str(args.port),
                               "--workers", str(args.workers)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{args.port}"
    statuses: Counter[str] = Counter()
    lock = threading.Lock()
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/healthz", timeout=0.5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise SystemExit("server did not start: " + server.stderr.read().decode()[-2000:])  # type: ignore[union-attr]
        probe = Probe(url)
        probe.start()
        time.sleep(3)

        def abuse() -> None:
            try:
                r = httpx.post(f"{url}/v1/screen", content=body, timeout=600,
                               headers={"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"})
                answer = f"{r.status_code}" + (f" (Retry-After {r.headers['retry-after']})" if "retry-after" in r.headers else "")
            except httpx.HTTPError as exc:
                answer = type(exc).__name__
            with lock:
                statuses[answer] += 1

        probe.phase = "abuse"
        t0 = time.perf_counter()
        clients = [threading.Thread(target=abuse) for _ in range(args.requests)]
        for c in clients:
            c.start()
        for c in clients:
            c.join()
        abuse_s = time.perf_counter() - t0
        probe.phase = "after"
        time.sleep(3)
        probe.stop.set()
        probe.join(timeout=15)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{args.requests} concurrent POST /v1/screen of {len(body) / 1024:,.0f} KB ({args.partners:,} partners), "
          f"{args.workers} server worker(s); all answered in {abuse_s:.1f} s: "
          + ", ".join(f"{n} x {s}" for s, n in sorted(statuses.items())))
    for phase in ("baseline", "abuse", "after"):
        print(f"GET /healthz {phase:>8}: {summary(probe.latencies.get(phase, []))}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
