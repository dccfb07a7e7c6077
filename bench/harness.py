"""What both benchmarks share: the environment, the server, the load generator."""

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


def shell(env: dict, script: str) -> dict:
    out = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), "shell", "-c", script],
        env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
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


def drive(
    wrk: str, url: str, cookie: str | None, *, request_lua: str = "", connections=None
) -> dict:
    """wrk at ``url``, reported by report.lua; ``request_lua`` may define what to send."""
    cmd = [wrk, "-t", "2", "-c", str(connections or CONNECTIONS), "-d", f"{SECONDS}s"]
    cmd += ["-H", "Host: 127.0.0.1"]
    if cookie:
        cmd += ["-H", f"Cookie: sessionid={cookie}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete_on_close=False) as script:
        script.write(request_lua + "\n" + (ROOT / "bench" / "report.lua").read_text())
        script.close()
        out = subprocess.run(
            [*cmd, "-s", script.name, url], check=True, capture_output=True, text=True
        ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def bench_env(tmp: Path) -> dict:
    """Production settings on a fresh SQLite database and file cache inside ``tmp``."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "CACHE_DIR": str(tmp / "cache"),
        "SECURE_SSL_REDIRECT": "false",
    }


def start_server(env: dict, port: int) -> subprocess.Popen:
    """gunicorn with 2 sync workers on 127.0.0.1:``port``."""
    return subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "elearning.wsgi:application", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
