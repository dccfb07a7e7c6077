"""Benchmark e-library search and facets at 60 and at 10,000 resources.

Usage: ``make bench-library`` (``make bench`` runs it after the page benchmark).
Environment: BENCH_SECONDS (per scenario, default 10), BENCH_LIBRARY_SIZES (default
"60,10000").

For each size it builds a fresh SQLite database, fills it with ``manage.py
library_generate`` (synthetic records with random facets, indexed for search), serves
it with production settings under gunicorn (2 sync workers) and drives each scenario
with wrk over 2 connections, one per worker, so that the latency printed is the time to
answer a request, not time spent queueing. Each request of a scenario takes the next
of a list of addresses (different words and facet values), listed by ``scenarios()``.

It exits 0 whatever the figures: they are for reading, and "MISSED" marks a target
not met.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import (  # noqa: E402
    PYTHON,
    SECONDS,
    bench_env,
    drive,
    ensure_wrk,
    free_port,
    shell,
    start_server,
    wait_for,
)

SIZES = [int(s) for s in os.environ.get("BENCH_LIBRARY_SIZES", "60,10000").split(",")]
CONNECTIONS = 2  # one per gunicorn worker: latency without queueing
TARGET = "search + two facets"
TARGET_P50_MS, TARGET_P95_MS = 100, 250

WORDS = ["victims", "exploitation", "handbook", "border screening", "children", "police",
         "debt", "court practice", "labour", "referral", "passport", "guidelines"]  # fmt: skip
LANGUAGES = ["ru", "en", "kk", "uz", "ky", "tg"]
TOPICS = ["children", "labour_exploitation", "identification", "migration", "prevention"]
TYPES = ["handbook", "report", "guideline", "training_material"]

PROBE = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
setup_test_environment()  # lets the client see each response's template context
scenarios = %(scenarios)s
client = Client(HTTP_HOST="127.0.0.1")
found = {}
for name, paths in scenarios.items():
    totals, queries = [], set()
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        totals.append(response.context["found"].total)
        queries.add(len(ctx.captured_queries))
    found[name] = {"min": min(totals), "max": max(totals), "queries": sorted(queries)}
print(json.dumps(found))
"""


def scenarios() -> dict[str, list[str]]:
    """The addresses each scenario cycles through."""
    n = len(WORDS)
    return {
        "browse, two facets": [
            f"/en/library/?type={TYPES[i % 4]}&language={LANGUAGES[i % 6]}" for i in range(n)
        ],
        "search": [f"/en/library/?q={w.replace(' ', '+')}" for w in WORDS],
        TARGET: [
            f"/en/library/?q={w.replace(' ', '+')}&language={LANGUAGES[i % 6]}"
            f"&topic={TOPICS[i % 5]}"
            for i, w in enumerate(WORDS)
        ],
        "search + two facets, page 3": [
            f"/en/library/?q={w.replace(' ', '+')}&language={LANGUAGES[i % 6]}"
            f"&type={TYPES[i % 4]}&page=3"
            for i, w in enumerate(WORDS[:4])
        ],
    }


def _cycle(paths: list[str]) -> str:
    """wrk request code: each request takes the next of ``paths``."""
    listed = ", ".join(json.dumps(p) for p in paths)
    return f"""
local paths = {{{listed}}}
local i = math.random(#paths)
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def measure(wrk: str, size: int) -> dict[str, dict]:
    tmp = Path(tempfile.mkdtemp(prefix="elearning-bench-library-"))
    env = bench_env(tmp)
    manage = [PYTHON, str(ROOT / "manage.py")]
    print(f"Preparing a catalogue of {size} resources in {tmp} ...", flush=True)
    for args in (["migrate", "--noinput"], ["library_generate", "--count", str(size)],
                 ["collectstatic", "--noinput"]):  # fmt: skip
        subprocess.run([*manage, *args], env=env, check=True, capture_output=True)
    probe = shell(env, PROBE % {"scenarios": json.dumps(scenarios())})
    port = free_port()
    server = start_server(env, port)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/en/library/")
        rows = {}
        for name, paths in scenarios().items():
            result = drive(wrk, base, None, request_lua=_cycle(paths), connections=CONNECTIONS)
            rows[name] = {**result, **probe[name]}
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
    return rows


def main() -> int:
    wrk = ensure_wrk()
    results = {size: measure(wrk, size) for size in SIZES}
    print(f"\ne-library: {SECONDS}s per scenario, {CONNECTIONS} connections (one per worker), "
          f"gunicorn 2 workers, SQLite, {os.cpu_count()} cores\n")  # fmt: skip
    header = f"{'resources':>9}  {'scenario':<30}{'req/s':>7}{'p50 ms':>8}{'p95 ms':>8}"
    print(header + f"{'errors':>7}{'results':>14}{'queries':>9}")
    failed = []
    for size, rows in results.items():
        for name, row in rows.items():
            verdict = ""
            if name == TARGET and size >= 10_000:
                ok = row["p50_ms"] < TARGET_P50_MS and row["p95_ms"] < TARGET_P95_MS
                verdict = f"  target p50 < {TARGET_P50_MS}, p95 < {TARGET_P95_MS}: " + (
                    "ok" if ok else "MISSED"
                )
                if not ok:
                    failed.append(f"{name} at {size}")
            if row["errors"]:
                failed.append(f"errors in {name} at {size}")
            found = f"{row['min']}-{row['max']}"
            queries = "/".join(map(str, row["queries"]))
            print(
                f"{size:>9}  {name:<30}{row['rps']:>7.0f}{row['p50_ms']:>8.1f}"
                f"{row['p95_ms']:>8.1f}{row['errors']:>7}{found:>14}{queries:>9}{verdict}"
            )
    print("\nresults: fewest-most matches over the scenario's addresses; queries per request.")
    if failed:
        print("Missed targets: " + ", ".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
