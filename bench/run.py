"""Benchmark the learner pages under gunicorn with production settings, on loopback.

Usage: ``make bench`` (or ``.venv/bin/python bench/run.py``). Environment:
BENCH_SECONDS (per endpoint, default 10), BENCH_CONNECTIONS (default 8).

It builds a fresh SQLite database with the demo content in a temporary folder, starts
gunicorn (2 sync workers) on 127.0.0.1, signs the demo trainee in, and drives each
address with wrk. Every figure is printed beside the same figures for a minimal Django
view served by the same server in the same run: the ceiling on this machine.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
TARGETS = {"lesson (enrolled)": 0.085, "catalogue (anonymous)": 0.40, "course (anonymous)": 0.40}
MAX_LESSON_QUERIES = 8


def ensure_wrk() -> str:
    path = shutil.which("wrk")
    if path:
        return path
    print("Installing Debian's wrk (load generator)...", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)
    return shutil.which("wrk")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(env: dict) -> dict:
    """Migrate, load the demo, collect static files; return the addresses to drive."""
    manage = [PYTHON, str(ROOT / "manage.py")]
    for args in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
        subprocess.run([*manage, *args], env=env, check=True, capture_output=True)
    script = """
import json
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.cached_db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from courses.models import CoursePage, LessonPage
from courses.selectors import learner_dashboard

trainee = get_user_model().objects.get(email="trainee@example.org")
session = SessionStore()
session["_auth_user_id"] = str(trainee.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = trainee.get_session_auth_hash()
session.create()
course = CoursePage.objects.get(slug="peacekeepers-zero-tolerance")
entry = learner_dashboard(learner=trainee)["in_progress"][0]
urls = {
    "catalogue (anonymous)": "/courses/",
    "course (anonymous)": course.url,
    "lesson (enrolled)": entry.next_step.url_path[len("/home"):],
    "dashboard (signed in)": "/dashboard/",
}
queries = {}
for name, url in urls.items():
    client = Client(HTTP_HOST="127.0.0.1")
    if "anonymous" not in name:
        client.cookies["sessionid"] = session.session_key
    client.get(url)  # warm: the steady state is what a busy server sees
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(url).status_code
    queries[name] = {"url": url, "queries": len(ctx.captured_queries), "status": status}
print(json.dumps({"session": session.session_key, "pages": queries}))
"""
    out = subprocess.run(
        [*manage, "shell", "-c", script], env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer at {url}")


def drive(wrk: str, url: str, cookie: str | None) -> dict:
    cmd = [wrk, "-t", "2", "-c", str(CONNECTIONS), "-d", f"{SECONDS}s"]
    cmd += ["-s", str(ROOT / "bench" / "report.lua"), "-H", "Host: 127.0.0.1"]
    if cookie:
        cmd += ["-H", f"Cookie: sessionid={cookie}"]
    out = subprocess.run([*cmd, url], check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def main() -> int:
    wrk = ensure_wrk()
    tmp = Path(tempfile.mkdtemp(prefix="elearning-bench-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "CACHE_DIR": str(tmp / "cache"),
        "SECURE_SSL_REDIRECT": "false",
    }
    print(f"Preparing a demo database in {tmp} ...", flush=True)
    setup = prepare(env)
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "elearning.wsgi:application", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/bench/ceiling/")
        rows = {"ceiling (no database)": drive(wrk, base + "/bench/ceiling/", None)}
        for name, page in setup["pages"].items():
            cookie = None if "anonymous" in name else setup["session"]
            rows[name] = drive(wrk, base + page["url"], cookie)
            rows[name]["queries"] = page["queries"]
            rows[name]["status"] = page["status"]
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)

    ceiling = rows["ceiling (no database)"]["rps"]
    print(f"\n{SECONDS}s per address, {CONNECTIONS} connections, gunicorn 2 workers, "
          f"{os.cpu_count()} cores\n")  # fmt: skip
    header = f"{'address':<24}{'req/s':>9}{'ratio':>8}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}"
    print(header + f"{'queries':>9}{'target':>9}")
    failed = []
    for name, row in rows.items():
        ratio = row["rps"] / ceiling
        target = TARGETS.get(name)
        queries = row.get("queries", 0)
        ok = (target is None or ratio >= target) and row["errors"] == 0
        if name.startswith("lesson") and queries > MAX_LESSON_QUERIES:
            ok = False
        if not ok:
            failed.append(name)
        print(
            f"{name:<24}{row['rps']:>9.0f}{ratio:>8.3f}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}"
            f"{row['errors']:>8}{queries:>9}{(f'>={target}' if target else ''):>9}"
            f"  {'ok' if ok else 'MISSED'}"
        )
    print("\nqueries: per request in the steady state (warm caches), counted in-process.")
    if failed:
        print("Missed targets: " + ", ".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
