"""Load test of the HTTP service: POST /v1/screen on 127.0.0.1, bounded, measured end to end.

    python benchmarks/service_load.py [--requests 2000] [--concurrency 8] [--port 8765]

Starts `collabguard serve` (one process, as shipped) with a token, waits for /healthz, then sends
--requests screening requests from --concurrency client threads, cycling through the shipped example
proposals (listed partners, look-alikes, Horizon consortium …). Prints requests per second, latency
percentiles and the error count (any status other than 200, or a connection error). The client runs
on the same 2-core machine, so the figure is a lower bound for the server.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from collabguard.io.proposal_loader import load_proposal

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "load-test-token"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (serve --workers)")
    args = parser.parse_args()
    bodies = [load_proposal(p).model_dump(mode="json", exclude_none=True) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    env = {**os.environ, "COLLABGUARD_API_TOKEN": TOKEN}
    server = subprocess.Popen([sys.executable, "-m", "collabguard", "serve", "--port", str(args.port),
                               "--workers", str(args.workers)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/healthz", timeout=0.5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise SystemExit("server did not start")
        headers = {"Authorization": f"Bearer {TOKEN}"}
        with httpx.Client(base_url=url, headers=headers, timeout=30) as warm:
            for body in bodies:
                warm.post("/v1/screen", json=body).raise_for_status()
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        counter = iter(range(args.requests))

        encoded = [json.dumps(b).encode() for b in bodies]

        def worker() -> None:
            # a light client (http.client, keep-alive, bodies encoded once): the client shares the
            # machine's two cores with the server, so it should cost as little as possible
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    conn.close()
                    return
                t0 = time.perf_counter()
                try:
                    conn.request("POST", "/v1/screen", body=encoded[i % len(encoded)],
                                 headers={**headers, "Content-Type": "application/json"})
                    r = conn.getresponse()
                    r.read()
                    ok = r.status == 200
                    problem = "" if ok else f"HTTP {r.status}"
                except (OSError, http.client.HTTPException) as exc:
                    ok, problem = False, type(exc).__name__
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
                with lock:
                    latencies.append(time.perf_counter() - t0)
                    if not ok:
                        errors.append(problem)

        threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    print(f"POST /v1/screen: {args.requests} requests, {args.concurrency} client threads, {len(bodies)} distinct proposals, "
          f"{args.workers} server worker(s)")
    print(f"throughput: {args.requests / elapsed:,.0f} requests/s ({elapsed:.1f} s)")
    print(f"latency: median {statistics.median(latencies) * 1000:.1f} ms, p95 {p(0.95):.1f} ms, p99 {p(0.99):.1f} ms")
    print(f"errors: {len(errors)}" + (f" ({', '.join(sorted(set(errors)))})" if errors else ""))


if __name__ == "__main__":
    main()
