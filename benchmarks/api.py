"""API latency and a bounded load test of `tacitus serve`, on a store of the Guardian Syria 2019 corpus.

    .venv/bin/python benchmarks/api.py [--db guardian.duckdb] [--corpus CORPUS.jsonl]
                                       [--requests 500] [--clients 16] [--per-client 500] [--code-every 10]

Builds the store with `tacitus ingest` unless --db already holds documents, starts `tacitus serve`
on a free loopback port, then:
1. latency: --requests sequential GET /api/events, one client, cycling through pages, sorts and the
   CLI's filters; prints p50/p95/max;
2. load: --clients concurrent clients (threads, each with its own keep-alive connection), each
   sending --per-client requests: every --code-every-th is POST /api/code with a short report, the
   rest GET /api/events as in 1; prints p50/p95 per endpoint and overall, requests per second, and
   errors (any status but 200, or a failed connection). Exits 1 if any request failed.
"""
from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parents[1] / "shared" / "corpora" / "guardian_syria_2019.jsonl"
sys.path.insert(0, str(HERE.parent / "tests"))
from serving import Server  # noqa: E402  (the tests' launcher: a real `tacitus serve` on a free port)

# The mix of GET /api/events queries: pages, sorts, and each filter of the CLI.
EVENT_QUERIES = [
    "limit=50", "limit=50&offset=500", "limit=50&offset=3000&sort=date&order=desc", "type=ASSAULT&limit=50",
    "country=SYR&sort=fatalities&order=desc", "actor=RUS&limit=100", "cameo=19&since=2019-03&until=2019-06",
    "min_confidence=0.5&sort=confidence&order=desc", "doc=guardian-1", "actor=IGOCOA&type=ASSAULT&sort=date",
]
# Short reports of the kind an analyst pastes (written for this benchmark).
CODE_TEXTS = [
    "Syrian government warplanes bombed a market in Idlib on Thursday, killing 12 civilians, rescue workers said.",
    "Turkish troops shelled Kurdish fighters near Afrin on Friday, killing three, a monitoring group said.",
    "Russia's foreign minister met his Turkish counterpart in Moscow on Monday to discuss a ceasefire in Idlib.",
    "The UN security council called on all sides to allow aid convoys into eastern Ghouta.",
]


def ensure_store(db: Path, corpus: Path) -> None:
    if db.exists():
        import duckdb

        with duckdb.connect(str(db), read_only=True) as con:
            if con.execute("SELECT count(*) FROM documents").fetchone()[0]:
                return
    print(f"building {db} from {corpus} ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "tacitus.cli", "ingest", str(corpus), "--db", str(db)], check=True)


class Client:
    """One keep-alive connection; reconnects after a failure."""

    def __init__(self, port: int):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)

    def send(self, method: str, path: str, body: bytes | None = None) -> tuple[int, float]:
        headers = {"Content-Type": "application/json"} if body else {}
        start = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
            status = 0
        return status, time.perf_counter() - start


def request_for(n: int, code_every: int) -> tuple[str, str, str, bytes | None]:
    """(kind, method, path, body) of the n-th request of a client."""
    if code_every and n % code_every == code_every - 1:
        text = CODE_TEXTS[(n // code_every) % len(CODE_TEXTS)]
        return "code", "POST", "/api/code", json.dumps({"text": text, "published": "2019-03-08"}).encode()
    return "events", "GET", "/api/events?" + EVENT_QUERIES[n % len(EVENT_QUERIES)], None


def percentiles(seconds: list[float]) -> str:
    if not seconds:
        return "no requests"
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    return f"n={len(ms):,} p50 {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms"


def latency(port: int, requests: int) -> None:
    client = Client(port)
    timings = []
    for n in range(requests):
        status, seconds = client.send("GET", "/api/events?" + EVENT_QUERIES[n % len(EVENT_QUERIES)])
        if status != 200:
            raise SystemExit(f"GET /api/events answered {status}")
        timings.append(seconds)
    print(f"GET /api/events, one client: {percentiles(timings)}")


def load(port: int, clients: int, per_client: int, code_every: int) -> int:
    timings: dict[str, list[float]] = {"events": [], "code": []}
    errors: list[str] = []
    lock = threading.Lock()

    def run(index: int) -> None:
        client = Client(port)
        for n in range(per_client):
            kind, method, path, body = request_for(n + index, code_every)  # clients start at different points
            status, seconds = client.send(method, path, body)
            with lock:
                timings[kind].append(seconds)
                if status != 200:
                    errors.append(f"{method} {path}: {status or 'connection failed'}")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    total = clients * per_client
    print(f"load: {clients} clients x {per_client} requests = {total:,} in {elapsed:.1f} s "
          f"({total / elapsed:.0f} requests/s), {len(errors)} errors")
    print(f"  all:            {percentiles(timings['events'] + timings['code'])}")
    print(f"  GET /api/events: {percentiles(timings['events'])}")
    print(f"  POST /api/code:  {percentiles(timings['code'])}")
    for error in errors[:10]:
        print(f"  error: {error}")
    return len(errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("guardian.duckdb"))
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--per-client", type=int, default=500)
    parser.add_argument("--code-every", type=int, default=10, help="every Nth request of a client is POST /api/code")
    args = parser.parse_args()

    ensure_store(args.db, args.corpus)
    log = args.db.with_suffix(".serve.log")
    server = Server(args.db, log)
    try:
        events = json.loads(server.request("GET", "/api/events?limit=1")[2])["total"]
        print(f"store {args.db}: {events:,} events; server log in {log}")
        for n in range(20):  # warm-up: first queries plan and cache
            server.request("GET", "/api/events?" + EVENT_QUERIES[n % len(EVENT_QUERIES)])
        latency(server.port, args.requests)
        failed = load(server.port, args.clients, args.per_client, args.code_every)
    finally:
        server.stop()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
