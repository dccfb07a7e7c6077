"""Load and faults: 200 learners with locust on two app servers, then the same with a
server killed, PostgreSQL restarted and Redis restarted in the middle.

Usage: ``make bench-load`` (or ``.venv/bin/python bench/load.py``, with locust
installed: ``pip install ".[bench]"``). Environment: LOAD_MODES (comma-separated, default
every run: plain,kill-app,restart-postgres,restart-redis), LOAD_USERS (learners, default
200), LOAD_SECONDS (the measured part of a run, after every learner has signed in,
default 90), LOAD_SPAWN_RATE (learners starting per second,
default 2), LOAD_WAIT (seconds a learner pauses between steps, default "5,15"),
LOAD_SERVERS (default 2), LOAD_WORKERS (gunicorn workers per server, default 3),
LOAD_FAULT_AT (seconds into the measured part, default half of it), LOAD_DOWN_SECONDS (how long the
killed server and the stopped Redis stay down, default 5).

It starts everything itself on loopback, in a temporary folder removed at the end: a
PostgreSQL server (initdb, as the postgres user when run as root), redis-server, the
demo content (migrate, load_demo, collectstatic) and the gunicorn servers with the
production settings. Each run makes its own learner accounts in the database
(``bench/load/accounts.py``), runs ``bench/load/locustfile.py`` headless, and then looks
in the database for every lesson completion and quiz submission the site acknowledged
(``bench/load/check.py``): each must be stored exactly once.
It prints a table per run and exits 1 if a write was lost or doubled, the plain run had
an error, or a fault caused errors it should not have.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import PYTHON, free_port, shell, wait_for  # noqa: E402

MODES = os.environ.get("LOAD_MODES", "plain,kill-app,restart-postgres,restart-redis")
USERS = int(os.environ.get("LOAD_USERS", "200"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "90"))
SPAWN_RATE = float(os.environ.get("LOAD_SPAWN_RATE", "2"))
WAIT = [float(s) for s in os.environ.get("LOAD_WAIT", "5,15").split(",")]
SERVERS = int(os.environ.get("LOAD_SERVERS", "2"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "3"))
FAULT_AT = float(os.environ.get("LOAD_FAULT_AT", str(SECONDS / 2)))
DOWN_SECONDS = float(os.environ.get("LOAD_DOWN_SECONDS", "5"))
SIGN_IN_SECONDS = 300  # at most, for every learner to have signed in

HERE = ROOT / "bench" / "load"  # the locustfile and the scripts run in manage.py shell


def _as_postgres() -> dict:
    """PostgreSQL refuses to run as root: run its tools as its own user then."""
    return {"user": "postgres"} if os.geteuid() == 0 else {}


def postgres_bin() -> Path:
    """The newest of Debian's PostgreSQL versions, installed if there is none."""

    def newest() -> Path | None:
        found = Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")
        return max(found, key=lambda p: int(p.parts[-3]), default=None)

    if newest() is None:
        print("Installing Debian's postgresql...", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], check=True)
    return newest().parent


class Stack:
    """PostgreSQL, Redis and the app servers on loopback; ``close`` stops them all."""

    def __init__(self):
        self.pg = postgres_bin()
        self.tmp = Path(tempfile.mkdtemp(prefix="elearning-load-"))
        self.tmp.chmod(0o711)  # the postgres user reaches its data folder inside
        self.pgdata = self.tmp / "pg"
        self.pg_port, self.redis_port = free_port(), free_port()
        self.ports = [free_port() for _ in range(SERVERS)]
        self.servers: dict[int, subprocess.Popen] = {}
        self.redis: subprocess.Popen | None = None
        self.locust: subprocess.Popen | None = None
        self.pg_started = False
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "LOAD_"))},
            "DJANGO_SETTINGS_MODULE": "elearning.settings.production",
            "PYTHONPATH": str(ROOT),
            "SECRET_KEY": "load-bench-only-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.pg_port}/elearning",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "SECURE_SSL_REDIRECT": "false",
            "CERTIFICATE_DIR": str(self.tmp / "certificates"),
            "EXPORT_DIR": str(self.tmp / "exports"),
            "STATIC_ROOT": str(self.tmp / "static"),
            # The learners send X-Forwarded-For as the one proxy in front would.
            "TRUSTED_PROXY_COUNT": "1",
        }

    def pg_ctl(self, *args: str, check: bool = True) -> None:
        log = self.pgdata / "server.log"
        subprocess.run(
            [self.pg / "pg_ctl", "-D", self.pgdata, "-l", log, "-w", *args],
            check=check, capture_output=True, cwd=self.pgdata, **_as_postgres(),
        )  # fmt: skip

    def start_postgres(self) -> None:
        self.pgdata.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.pgdata, "postgres")
        subprocess.run(
            [self.pg / "initdb", "-D", self.pgdata, "-A", "trust", "-U", "postgres",
             "--encoding=UTF8", "--locale=C.UTF-8"],
            check=True, capture_output=True, cwd=self.pgdata, **_as_postgres(),
        )  # fmt: skip
        options = f"-p {self.pg_port} -k {self.pgdata} -c listen_addresses=127.0.0.1"
        self.pg_ctl("-o", options, "start")
        self.pg_started = True
        subprocess.run(
            [self.pg / "createdb", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres",
             "elearning"],
            check=True, capture_output=True,
        )  # fmt: skip

    def start_redis(self) -> None:
        self.redis = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", "--port", str(self.redis_port),
             "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip

    def stop_redis(self) -> None:
        self.redis.terminate()
        self.redis.wait(timeout=10)

    def start_server(self, port: int) -> None:
        """gunicorn in a process group of its own, so that a kill takes every worker."""
        with (self.tmp / f"gunicorn-{port}.log").open("a") as log:
            self.servers[port] = subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "elearning.wsgi:application", "--workers",
                 str(WORKERS), "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
                cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True,
            )  # fmt: skip

    def kill_server(self, port: int, sig=signal.SIGKILL) -> None:
        server = self.servers.pop(port)
        if server.poll() is None:
            os.killpg(server.pid, sig)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

    def close(self) -> None:
        """Stop whatever is still running and remove the folder; safe to call twice."""
        try:
            if self.locust and self.locust.poll() is None:
                self.locust.kill()
                self.locust.wait()
            for port in list(self.servers):
                self.kill_server(port, signal.SIGTERM)
            if self.redis and self.redis.poll() is None:
                self.stop_redis()
        finally:
            if self.pg_started:
                self.pg_ctl("-m", "immediate", "stop", check=False)
                self.pg_started = False
            shutil.rmtree(self.tmp, ignore_errors=True)


def prepare(stack: Stack) -> dict:
    """Start the database, the cache, the demo content and the app servers."""
    stack.start_postgres()
    stack.start_redis()
    for args in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
        done = subprocess.run(
            [PYTHON, str(ROOT / "manage.py"), *args],
            env=stack.env, capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        if done.returncode:
            raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stderr[-3000:]}")
    plan = shell(stack.env, (HERE / "plan.py").read_text())
    for port in stack.ports:
        stack.start_server(port)
    for port in stack.ports:
        wait_for(f"http://127.0.0.1:{port}/en/courses/", timeout=60)
    return plan


def inject(stack: Stack, mode: str) -> dict:
    """Break one thing now and bring it back; when it broke and when it was back."""
    fault = {"at": time.time()}
    if mode == "kill-app":
        port = fault["server"] = stack.ports[0]
        stack.kill_server(port)
        fault["at"] = time.time()  # every request that reached it was sent before this
        time.sleep(DOWN_SECONDS)
        stack.start_server(port)
        wait_for(f"http://127.0.0.1:{port}/en/courses/", timeout=60)
    elif mode == "restart-postgres":
        stack.pg_ctl("-m", "fast", "restart")
    elif mode == "restart-redis":
        stack.stop_redis()
        time.sleep(DOWN_SECONDS)
        stack.start_redis()
    fault["back"] = time.time()
    return fault


def run(stack: Stack, mode: str, plan: dict) -> dict:
    """One locust run of ``mode``, its record, the fault's times and the database check."""
    prefix = f"load-{mode}-"
    load_before = os.getloadavg()[0]  # others' work on the same cores shows here
    env = {**stack.env, "LOAD_PREFIX": prefix, "LOAD_COUNT": str(USERS)}
    accounts = shell(env, (HERE / "accounts.py").read_text())
    record, steady = stack.tmp / f"record-{mode}.json", stack.tmp / f"steady-{mode}"
    config = stack.tmp / f"config-{mode}.json"
    config.write_text(
        json.dumps({**accounts, **plan, "servers": stack.ports, "wait": WAIT, "users": USERS,
                    "seconds": SECONDS, "record": str(record), "steady": str(steady)})
    )  # fmt: skip
    # The locustfile ends the run SECONDS after the last sign-in; --run-time only bounds it.
    bound = SECONDS + USERS / SPAWN_RATE + SIGN_IN_SECONDS
    command = [
        PYTHON, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
        "--users", str(USERS), "--spawn-rate", str(SPAWN_RATE), "--run-time", f"{bound:.0f}s",
        "--stop-timeout", "30",
        "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0",
    ]  # fmt: skip
    log = stack.tmp / f"locust-{mode}.log"
    with log.open("w") as out:
        stack.locust = subprocess.Popen(
            command, env={**stack.env, "LOAD_CONFIG": str(config)}, stdout=out, stderr=out
        )
        fault = None
        while mode != "plain" and not steady.exists() and stack.locust.poll() is None:
            time.sleep(0.2)
        if mode != "plain" and steady.exists():
            time.sleep(max(0.0, float(steady.read_text()) + FAULT_AT - time.time()))
            fault = inject(stack, mode)
        stack.locust.wait(timeout=bound + 60)
    if not record.exists() or not steady.exists():
        raise RuntimeError(f"the learners did not all sign in:\n{log.read_text()[-3000:]}")
    data = json.loads(record.read_text())
    check = shell({**env, "LOAD_RECORD": str(record)}, (HERE / "check.py").read_text())
    return {"mode": mode, "record": data, "fault": fault, "check": check, "load": load_before}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def stats(rows: list, seconds: float) -> tuple:
    """Count, per second, median and 95th percentile in ms, errors."""
    times = [r[2] for r in rows]
    return (len(rows), len(rows) / seconds, statistics.median(times),
            percentile(times, 0.95), sum(1 for r in rows if not r[3]))  # fmt: skip


def fault_notes(result: dict, failed: list, steady_at: float, notes: list) -> list:
    """Say what the fault did to the requests; return the errors it explains: those in
    flight to a killed server, those while PostgreSQL restarted, none for Redis."""
    fault, rows, mode = result["fault"], result["record"]["requests"], result["mode"]
    at, lasted = fault["at"] - steady_at, fault["back"] - fault["at"]
    # During the fault: ended after it began, began before it was over.
    during = [r for r in rows if r[1] + r[2] / 1000 >= fault["at"] and r[1] <= fault["back"]]
    during_failed = [r for r in during if not r[3]]
    if mode == "kill-app":
        # In flight at the kill: sent to that server before it died.
        explained = [r for r in failed if r[4] == fault["server"] and r[1] <= fault["at"]]
        notes.append(
            f"fault: the server on :{fault['server']} killed (SIGKILL, every process) at "
            f"+{at:.0f}s, answering again {lasted:.1f}s later; {len(explained)} requests in "
            f"flight to it failed; {result['record']['resent']} refused while it was down "
            "were sent to the other"
        )
    else:
        explained = during_failed if mode == "restart-postgres" else []
        what = {"restart-postgres": "PostgreSQL restarted (pg_ctl restart -m fast)",
                "restart-redis": "redis-server stopped, started again empty"}[mode]  # fmt: skip
        median = statistics.median(r[2] for r in during) if during else 0
        notes.append(
            f"fault: {what} at +{at:.0f}s, back {lasted:.1f}s later; meanwhile "
            f"{len(during)} requests (p50 {median:.0f} ms), {len(during_failed)} errors"
        )
    after = [r for r in rows if r[1] > fault["back"]]
    succeeded = [r for r in after if r[3]]
    notes.append(
        f"after it: {len(succeeded)} of {len(after)} requests succeeded"
        + (f", the first {min(r[1] for r in succeeded) - fault['back']:.1f}s after"
           if succeeded else "")
    )  # fmt: skip
    return explained


def summarise(result: dict) -> dict:
    """The sign-in wave; per request type of the steady part: count, throughput, median
    and 95th percentile, errors; the errors the fault explains; and whether the run
    kept its promises."""
    rows, steady_at = result["record"]["requests"], result["record"]["steady_at"]
    began = min(r[1] for r in rows)
    steady = [r for r in rows if r[1] >= steady_at]
    seconds = max(r[1] + r[2] / 1000 for r in steady) - steady_at
    first_seen = {}
    for r in steady:
        first_seen.setdefault(r[0], r[1])
    table = {
        name: stats([r for r in steady if r[0] == name], seconds)
        for name in sorted(first_seen, key=first_seen.get)
    }
    table["all"] = stats(steady, seconds)
    wave = [r for r in rows if r[1] < steady_at]
    sign_ins = stats([r for r in wave if r[0] == "sign in (POST)"], 1)
    notes = [
        f"sign-in wave: all {USERS} signed in {steady_at - began:.0f}s after the first "
        f"request ({SPAWN_RATE:g} learners starting a second); sign in (POST) p50 "
        f"{sign_ins[2]:.0f} ms, p95 {sign_ins[3]:.0f} ms; {len(wave)} requests, "
        f"{sum(1 for r in wave if not r[3])} errors"
    ]
    failed = [r for r in rows if not r[3]]
    problems = []
    if result["fault"]:
        explained = fault_notes(result, failed, steady_at, notes)
        other = [r for r in failed if r not in explained]
        if other:
            problems.append(f"{len(other)} errors the fault does not explain")
            shown = [f"{r[0]} at +{r[1] - steady_at:.1f}s to :{r[4]}, {r[5]}" for r in other[:5]]
            notes.append("unexplained: " + "; ".join(shown))
    elif failed:
        problems.append(f"{len(failed)} errors")
    if failed:
        kinds = Counter(f"{r[0]}: {r[5]}" for r in failed)
        notes.append("errors: " + ", ".join(f"{n} x {kind}" for kind, n in sorted(kinds.items())))
    check = result["check"]
    for key in ("completions", "submissions"):
        if check[f"{key}_missing"] or check[f"{key}_doubled"]:
            problems.append(f"{key} lost or doubled")
    if check["answers_wrong"]:
        problems.append("quiz answers not stored as sent")
    return {"table": table, "seconds": seconds, "notes": notes, "problems": problems}


def report(result: dict, summary: dict) -> None:
    check = result["check"]
    print(f"\n== {result['mode']}: {USERS} learners, {SERVERS} servers x {WORKERS} gunicorn "
          f"workers, PostgreSQL and Redis, {os.cpu_count()} cores; steady part "
          f"{summary['seconds']:.0f}s, pauses {WAIT[0]:g}-{WAIT[1]:g}s; load average "
          f"before it {result['load']:.1f} ==")  # fmt: skip
    print(f"{'request':<24}{'count':>7}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}")
    for name, (count, rate, p50, p95, errors) in summary["table"].items():
        print(f"{name:<24}{count:>7}{rate:>8.1f}{p50:>9.0f}{p95:>9.0f}{errors:>8}")
    for note in summary["notes"]:
        print(note)
    print(
        f"stored exactly once: {check['completions']} lesson completions acknowledged, "
        f"{check['completions_missing']} missing, {check['completions_doubled']} doubled "
        f"({check['completions_unacked']} more stored whose answer was lost); "
        f"{check['submissions']} quiz submissions acknowledged, "
        f"{check['submissions_missing']} missing, {check['submissions_doubled']} doubled, "
        f"{check['answers_wrong']} with answers not as sent "
        f"({check['submissions_unacked']} more stored whose answer was lost)"
    )
    print("verdict: " + ("ok" if not summary["problems"] else "FAILED: " + "; ".join(
        summary["problems"])))  # fmt: skip


def main() -> int:
    modes = [m.strip() for m in MODES.split(",") if m.strip()]
    unknown = set(modes) - {"plain", "kill-app", "restart-postgres", "restart-redis"}
    if unknown:
        sys.exit(f"unknown LOAD_MODES: {', '.join(sorted(unknown))}")
    stack = Stack()
    atexit.register(stack.close)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the clean-up on a kill
    runs = []
    try:
        print(f"Starting PostgreSQL, Redis and {SERVERS} app servers in {stack.tmp} ...",
              flush=True)  # fmt: skip
        plan = prepare(stack)
        for mode in modes:
            print(f"Running {mode} (sign-in wave, then {SECONDS}s) ...", flush=True)
            result = run(stack, mode, plan)
            summary = summarise(result)
            report(result, summary)
            runs.append((result, summary))
    finally:
        stack.close()
    print(f"\n{'run':<18}{'req/s':>7}{'p50 ms':>8}{'p95 ms':>8}{'errors':>8}"
          f"{'writes acked':>14}{'lost':>6}{'doubled':>9}  verdict")  # fmt: skip
    for result, summary in runs:
        check = result["check"]
        _, rate, p50, p95, _ = summary["table"]["all"]
        errors = sum(1 for r in result["record"]["requests"] if not r[3])
        acked = check["completions"] + check["submissions"]
        lost = check["completions_missing"] + check["submissions_missing"]
        doubled = check["completions_doubled"] + check["submissions_doubled"]
        print(
            f"{result['mode']:<18}{rate:>7.1f}{p50:>8.0f}{p95:>8.0f}{errors:>8}{acked:>14}"
            f"{lost:>6}{doubled:>9}  {'FAILED' if summary['problems'] else 'ok'}"
        )
    return 1 if any(summary["problems"] for _, summary in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
