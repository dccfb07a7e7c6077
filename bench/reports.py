"""Benchmark the admin's training reports at scale: each screen and its exports.

Usage: ``make bench-reports`` (``make bench`` runs it too). Environment:
BENCH_REPORT_RUNS (timed requests per address, default 5), BENCH_DATABASE_URL (a
PostgreSQL database to use instead of a fresh SQLite file; it is emptied first).

It builds a database with ``manage.py reports_generate`` (10,000 learners, 5 courses,
50 training groups, about 200,000 step completions, pre-test and post-test answers,
knowledge gains, certificates), then, signed in as an administrator (who sees every
course), times each report screen (a GET) and its CSV and XLSX exports (a POST, as the
report's Download buttons send it, followed to the file) in-process with Django's test
client: the median of the runs, after one warm-up. Targets: a screen under 500 ms,
an export under 2 s. It exits 0 whatever the figures: "MISSED" marks a target not met.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import PYTHON, bench_env, shell  # noqa: E402

RUNS = int(os.environ.get("BENCH_REPORT_RUNS", "5"))
SCREEN_MS, EXPORT_MS = 500, 2000

PROBE = """
import json, statistics, time
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from courses.models import TrainingGroup
from quizzes.models import QuizPage

client = Client(HTTP_HOST="127.0.0.1")
client.force_login(get_user_model().objects.get(email="bench-admin@example.org"))
group = TrainingGroup.objects.order_by("pk").first().pk
quiz = QuizPage.objects.filter(role="pre_test").order_by("pk").first().pk
reports = {
    "course overview": "/admin/training-reports/courses/",
    "course overview, women": "/admin/training-reports/courses/?gender=female",
    "learner progress": "/admin/training-reports/learners/",
    "learner progress, one group": f"/admin/training-reports/learners/?group={group}",
    "reach summary": "/admin/training-reports/reach/",
    "knowledge gain": "/admin/training-reports/knowledge-gain/",
    "which myths persist": f"/admin/training-reports/myths/?quiz={quiz}",
}
runs = %(runs)d
rows = {}
def ask(url, file_format):
    # A screen by GET; an export as its Download button asks for it: a POST of the
    # format to the report's address with its filters, followed to the file.
    if file_format is None:
        return client.get(url, follow=True)
    return client.post(url, {"export": file_format}, follow=True)
for name, url in reports.items():
    for kind, file_format in (("screen", None), ("csv", "csv"), ("xlsx", "xlsx")):
        if kind != "screen" and "," in name:
            continue  # the exports of the filtered screens cost the same
        response = ask(url, file_format)
        if kind != "screen":
            b"".join(response.streaming_content) if response.streaming else response.content
        times = []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = ask(url, file_format)
                body = (
                    b"".join(response.streaming_content)
                    if response.streaming
                    else response.content
                )
                times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, kind, response.status_code)
        # An export ends on its file, not on "Your exports" (the task ran at once).
        assert kind == "screen" or response.streaming, (url, kind)
        rows[f"{name} ({kind})"] = {
            "kind": kind,
            "median_ms": statistics.median(times),
            "max_ms": max(times),
            "queries": len(queries),
            "bytes": len(body),
        }
print(json.dumps(rows))
"""


EMPTY_POSTGRES = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
print("{}")
"""


# Fresh statistics for the planner, as autovacuum would gather soon after a bulk load:
# without them the first minutes after loading time plans for empty tables.
ANALYZE = """
from django.db import connection
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
print("{}")
"""


def prepare(env: dict) -> None:
    manage = [PYTHON, str(ROOT / "manage.py")]
    if os.environ.get("BENCH_DATABASE_URL"):
        # Emptied to the schema: ``flush`` would also drop the site the migrations make.
        shell(env, EMPTY_POSTGRES)
    # The screens are rendered with production's manifest of static files.
    for args in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["reports_generate"]):
        done = subprocess.run([*manage, *args], env=env, check=True, capture_output=True, text=True)
        if args[0] == "reports_generate":
            print("  " + done.stdout.strip(), flush=True)
    shell(env, ANALYZE)


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="elearning-bench-reports-"))
    env = bench_env(tmp)
    # An export is a background task; here it runs in the request, so that its time is
    # the whole wait (building, storing and sending the file).
    env["TASKS_IMMEDIATE"] = "true"
    env["EXPORT_DIR"] = str(tmp / "exports")
    env["STATIC_ROOT"] = str(tmp / "static")  # its own, beside the other benchmarks'
    if os.environ.get("BENCH_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    engine = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    print(f"Preparing the report data set on {engine} ...", flush=True)
    try:
        prepare(env)
        rows = shell(env, PROBE % {"runs": RUNS})
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nreports: {engine}, median of {RUNS} requests after a warm-up, in-process, "
          f"production settings, {os.cpu_count()} cores\n")  # fmt: skip
    print(f"{'report':<44}{'median ms':>10}{'max ms':>9}{'queries':>9}{'KB':>8}")
    missed = []
    for name, row in rows.items():
        target = SCREEN_MS if row["kind"] == "screen" else EXPORT_MS
        ok = row["median_ms"] < target
        if not ok:
            missed.append(name)
        print(
            f"{name:<44}{row['median_ms']:>10.0f}{row['max_ms']:>9.0f}{row['queries']:>9}"
            f"{row['bytes'] / 1024:>8.0f}  target < {target} ms: {'ok' if ok else 'MISSED'}"
        )
    if missed:
        print("\nMissed targets: " + ", ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
