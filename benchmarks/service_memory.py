"""Memory of the HTTP service under hostile requests: does it stay flat? (issue 19, item 8)

    python benchmarks/service_memory.py [--requests 5000] [--concurrency 4] [--port 8767]

Starts `collabguard serve` (as shipped, with a token) and sends --requests POST requests made from the
hostile corpus (tests/hostile_corpus.py: proposals nested 5,000 deep, 5,000-digit numbers, 2,001
partners, wrong JSON types, OpenAlex works of the wrong shape, 200,000-character and over-limit cells
in Scopus, WoS and plain CSV exports ...), cycling through them, from --concurrency client threads.

Prints the server's resident memory (RSS, the server process and any children) at start, after the
first 100 requests (the baseline: caches and arenas warmed up by the same requests) and at each
tenth of the run, the growth over the baseline, the answers by status (a 500 is a bug), and whether
the service still screens a proposal at the end. Target: RSS after 5,000 requests within 10 % of
the baseline, no 500.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from itertools import cycle
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the corpus lives with the tests

from tests.hostile_corpus import http_requests, materialise  # noqa: E402

TOKEN = "memory-test-token"
BASELINE_AFTER = 100
TARGET_GROWTH = 0.10


def rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` and its descendants, in KiB (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
        todo += children.get(current, [])
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--port", type=int, default=8767)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        requests = http_requests(materialise(Path(folder)))
    env = {**os.environ, "COLLABGUARD_API_TOKEN": TOKEN}
    server = subprocess.Popen([sys.executable, "-m", "collabguard", "serve", "--port", str(args.port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{args.port}"
    headers = {"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
    statuses: Counter[str] = Counter()
    marks = sorted({BASELINE_AFTER, *(args.requests * k // 10 for k in range(1, 11))})
    memory: dict[int, int] = {}
    lock = threading.Lock()
    todo = iter(enumerate(cycle(requests)))
    done = 0
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/healthz", timeout=0.5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise SystemExit("server did not start: " + server.stderr.read().decode()[-2000:])  # type: ignore[union-attr]
        memory[0] = rss_kib(server.pid)

        def client() -> None:
            nonlocal done
            with httpx.Client(timeout=120) as http:
                while True:
                    with lock:
                        number, (_, route, body) = next(todo)
                        if number >= args.requests:
                            return
                    try:
                        answer = str(http.post(f"{url}{route}", content=body, headers=headers).status_code)
                    except httpx.HTTPError as exc:
                        answer = type(exc).__name__
                    with lock:
                        statuses[answer] += 1
                        done += 1
                        if done in marks:
                            memory[done] = rss_kib(server.pid)

        t0 = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - t0
        fine = httpx.post(f"{url}/v1/screen", headers=headers, timeout=60,
                          json={"title": "Sonar", "partners": [{"name": "Harbin Engineering University", "country": "CN"}]})
    finally:
        server.terminate()
        server.wait(timeout=30)
    base = memory[BASELINE_AFTER]
    print(f"{len(requests)} distinct hostile requests, {args.requests:,} sent in {seconds:.0f} s from {args.concurrency} clients")
    for count in sorted(memory):
        growth = (f"{(memory[count] - base) / base:+.1%} vs after {BASELINE_AFTER}" if count >= BASELINE_AFTER
                  else "at start" if count == 0 else "warming up")
        print(f"RSS after {count:>5,} requests: {memory[count] / 1024:7.1f} MiB  ({growth})")
    print("answers:", ", ".join(f"{status}: {n:,}" for status, n in sorted(statuses.items())))
    print(f"still screening afterwards: {fine.status_code == 200 and bool(fine.json().get('flags'))}")
    final = (memory[max(memory)] - base) / base
    print(f"target: RSS after {args.requests:,} within {TARGET_GROWTH:.0%} of the baseline and no 500: "
          f"{'met' if final <= TARGET_GROWTH and '500' not in statuses else 'NOT met'} ({final:+.1%}; load average "
          f"{os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
