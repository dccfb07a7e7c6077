"""Two app servers, one database, one Redis: a learner moves between them freely.

Two gunicorn servers run the production settings on loopback against a database of
their own (a file beside the test's, or a new PostgreSQL database on the server of
``DATABASE_URL``) and a ``redis-server`` started here. A learner signs in on one,
and their session, enrolment, progress and quiz attempt carry across; a page an
administrator publishes on one is fresh on the other at once, though the other had
it in its anonymous page cache. Then Redis stops, and pages are still served.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "two-servers-password"

SETUP = """
import json
from django.contrib.auth import get_user_model
from tests.factories import lessons_of, make_course, make_quiz
course = make_course(title="Shared course")
quiz = make_quiz(course, role="required", pass_mark=50)
User = get_user_model()
learner = User.objects.create_user(email="traveller@example.org", password=%(password)r,
                                   full_name="Айгерим Traveller")
User.objects.create_superuser(email="boss@example.org", password=%(password)r)
print(json.dumps({"course": course.pk, "course_url": course.url, "quiz": quiz.pk,
                  "lesson": lessons_of(course)[0].pk}))
"""

ANSWERS = """
import json
from quizzes.models import Attempt
from tests.factories import right_answers
attempt = Attempt.objects.get()
print(json.dumps({k: sorted(v) for k, v in right_answers(attempt).items()}))
"""

DRAFT = """
import json
from courses.models import CoursePage
page = CoursePage.objects.get(pk=%(course)d)
page.title = "Shared course, second edition"
page.save_revision()
print(json.dumps({}))
"""

COUNTS = """
import json
from courses.models import Enrolment, StepCompletion
from quizzes.models import Attempt
print(json.dumps({
    "enrolments": Enrolment.objects.count(),
    "completions": StepCompletion.objects.count(),
    "submitted": Attempt.objects.filter(submitted_at__isnull=False).count(),
}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port}")


class Browser:
    """Enough of a browser: cookies (Secure ones too, as a proxy would forward them),
    CSRF tokens from the cookie, no redirects followed."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, data: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urllib.parse.urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://127.0.0.1{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        connection.close()
        return response.status, dict(response.getheaders()), text

    def get(self, port, path):
        return self.request(port, "GET", path)

    def post(self, port, path, data):
        return self.request(port, "POST", path, data)


def database_url(tmp: Path) -> tuple[str, callable]:
    """A database for the servers, and how to drop it."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        return f"sqlite:///{tmp / 'servers.sqlite3'}", lambda: None
    import psycopg

    name = f"elearning_servers_{os.getpid()}"
    admin = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return base.rsplit("/", 1)[0] + "/" + name, drop


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("servers")
    redis_port, ports = free_port(), (free_port(), free_port())
    url, drop_database = database_url(tmp)
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "elearning.settings.production",
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": "servers-test-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": url,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "SECURE_SSL_REDIRECT": "false",
        "CERTIFICATE_DIR": str(tmp / "certificates"),
        "STATIC_ROOT": str(tmp / "static"),
        "TRUSTED_PROXY_COUNT": "0",
    }
    redis = subprocess.Popen(  # noqa: S603
        [shutil.which("redis-server") or "redis-server", "--port", str(redis_port),
         "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    processes = []

    def manage(*args, script=None):
        command = [sys.executable, "manage.py", *args]
        if script is not None:
            command += ["shell", "-c", script]
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1]) if script else None

    try:
        manage("migrate", "--noinput")
        manage("collectstatic", "--noinput")
        ids = manage(script=SETUP % {"password": PASSWORD})
        for port in ports:
            processes.append(
                subprocess.Popen(  # noqa: S603
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "elearning.wsgi:application",
                        "--workers",
                        "1",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--log-level",
                        "warning",
                    ],
                    cwd=ROOT,
                    env=env,
                )
            )
        for port in (redis_port, *ports):
            wait_for_port(port)
        yield {"ports": ports, "ids": ids, "manage": manage, "redis": redis}
    finally:
        for process in [*processes, redis]:
            process.send_signal(signal.SIGTERM)
        for process in [*processes, redis]:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        drop_database()


def sign_in(browser, port, email, url="/en/accounts/login/"):
    browser.get(port, url)
    status, headers, _ = browser.post(port, url, {"username": email, "password": PASSWORD})
    assert status == 302, (status, headers)


def test_a_learner_moves_between_servers_and_a_publish_reaches_both(servers):
    a, b = servers["ports"]
    ids, manage = servers["ids"], servers["manage"]
    learner = Browser()
    sign_in(learner, a, "traveller@example.org")
    # The session made on A opens the dashboard on B.
    status, _, page = learner.get(b, "/en/dashboard/")
    assert status == 200 and "Log out" in page

    learner.get(b, ids["course_url"])
    assert learner.post(b, f"/en/learning/enrol/{ids['course']}/", {})[0] == 302
    assert learner.post(a, f"/en/learning/steps/{ids['lesson']}/complete/", {})[0] == 302
    _, _, page = learner.get(b, ids["course_url"])
    assert re.search(r"\(1 of \d+ required steps\)", page), "B shows the step done on A"

    status, headers, _ = learner.post(a, f"/en/quizzes/{ids['quiz']}/start/", {})
    assert status == 302
    attempt_url = headers["Location"]
    status, _, page = learner.get(b, attempt_url)
    assert status == 200 and "Submit answers" in page
    answers = {f"q-{k}": v for k, v in manage(script=ANSWERS).items()}
    status, headers, _ = learner.post(b, attempt_url.rstrip("/") + "/submit/", answers)
    assert status == 302
    # Submitted twice, on the other server: still one submission.
    learner.post(a, attempt_url.rstrip("/") + "/submit/", answers)
    assert manage(script=COUNTS) == {"enrolments": 1, "completions": 2, "submitted": 1}

    # B keeps the course page for visitors; an administrator publishes on A.
    visitor = Browser()
    assert visitor.get(b, ids["course_url"])[1].get("X-Page-Cache") == "miss"
    status, headers, page = visitor.get(b, ids["course_url"])
    assert headers.get("X-Page-Cache") == "hit" and "Shared course" in page
    manage(script=DRAFT % ids)
    admin = Browser()
    sign_in(admin, a, "boss@example.org", url="/admin/login/")
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={ids['course']}&next=/admin/"
    admin.get(a, publish)
    assert admin.post(a, publish, {})[0] == 302
    _, _, page = visitor.get(b, ids["course_url"])
    assert "Shared course, second edition" in page

    # Redis stops: both servers still serve pages, signed in or not.
    servers["redis"].send_signal(signal.SIGTERM)
    servers["redis"].wait(timeout=10)
    assert visitor.get(a, ids["course_url"])[0] == 200
    status, _, page = learner.get(b, "/en/dashboard/")
    assert status == 200 and "Log out" in page
