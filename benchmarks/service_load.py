"""Load test of the HTTP service: POST /v1/screen on 127.0.0.1, bounded, measured end to end.

    python benchmarks/service_load.py [--requests 2000] [--concurrency 8] [--port 8765]

Starts `collabguard serve` (one process, as shipped) with a token, waits for /healthz, then sends
--requests screening requests from --concurrency client threads, cycling through the shipped example
proposals (listed partners, look-alikes, Horizon consortium …). Prints requests per second, latency
percentiles and the error count (any status other than 200, or a connection error). The client runs
on the same 2-core machine, so the figure is a lower bound for the server.

The baseline, measured in the same run with the same client and connections: GET /healthz (no
screening, a tiny answer), i.e. what the HTTP stack and the client alone allow. The last line compares
POST /v1/screen with the target (issue 17: >= 300 requests/s on this machine class) and gives the
load average, since other work on the machine shares its cores.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from collabguard.io.proposal_loader import load_proposal

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "load-test-token"
TARGET = 300  # POST /v1/screen requests/s on this machine class (2 cores, client included)


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
        encoded = [json.dumps(b).encode() for b in bodies]
        base_s, base_lat, base_err = _load(args.port, headers, "GET", "/healthz", [b""], args.requests, args.concurrency)
        elapsed, latencies, errors = _load(args.port, headers, "POST", "/v1/screen", encoded, args.requests, args.concurrency)
    finally:
        server.terminate()
        server.wait(timeout=10)
    rate, base = args.requests / elapsed, args.requests / base_s
    print(f"POST /v1/screen: {args.requests} requests, {args.concurrency} client threads, {len(bodies)} distinct proposals, "
          f"{args.workers} server worker(s)")
    print(f"throughput: {rate:,.0f} requests/s ({elapsed:.1f} s)")
    print(f"latency: median {_ms(latencies, 0.5):.1f} ms, p95 {_ms(latencies, 0.95):.1f} ms, p99 {_ms(latencies, 0.99):.1f} ms")
    print(f"errors: {len(errors)}" + (f" ({', '.join(sorted(set(errors)))})" if errors else ""))
    print(f"baseline GET /healthz, same client: {base:,.0f} requests/s (median {_ms(base_lat, 0.5):.1f} ms, errors {len(base_err)}); "
          f"a screening request costs {base / rate:.1f} health checks")
    print(f"target >= {TARGET} requests/s: {'met' if rate >= TARGET else 'not met'} ({rate / TARGET:.0%} of it); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def _ms(latencies: list[float], q: float) -> float:
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def _load(port: int, headers: dict[str, str], method: str, path: str, bodies: list[bytes], requests: int,
          concurrency: int) -> tuple[float, list[float], list[str]]:
    """Send ``requests`` requests from ``concurrency`` threads (bodies in turn): (seconds, latencies, errors)."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def worker() -> None:
        # a light client (http.client, keep-alive, bodies encoded once): the client shares the
        # machine's two cores with the server, so it should cost as little as possible
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                conn.close()
                return
            t0 = time.perf_counter()
            try:
                if method == "GET":
                    conn.request("GET", path, headers=headers)
                else:
                    conn.request(method, path, body=bodies[i % len(bodies)],
                                 headers={**headers, "Content-Type": "application/json"})
                r = conn.getresponse()
                r.read()
                ok = r.status == 200
                problem = "" if ok else f"HTTP {r.status}"
            except (OSError, http.client.HTTPException) as exc:
                ok, problem = False, type(exc).__name__
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            with lock:
                latencies.append(time.perf_counter() - t0)
                if not ok:
                    errors.append(problem)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, latencies, errors

if __name__ == "__main__":
    main()
