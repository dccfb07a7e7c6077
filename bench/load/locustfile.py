"""The learners of ``bench/load.py``: sign in, enrol, read, complete, take the quizzes.

Locust runs this file; ``bench/load.py`` starts it with LOAD_CONFIG naming a JSON file
(the app servers, the accounts made for the run, each course's steps in order, where
to write the record). Each learner has an account of its own and is bound to one app
server by its number, like a proxy's sticky round-robin; a request whose connection
is refused (that server is down) goes to the next server, as a proxy sends it to the
next upstream: nothing reached the first one. A request that reached a server is never
sent again; the learner retries the step on its next turn, as a person reloads a page.

It records every request (name, start, time, outcome, server) and every write the site
acknowledged (a lesson completion, a quiz submission), which ``bench/load.py`` then
looks for in the database.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from pathlib import Path

import gevent
import requests
from locust import User, between, events, task
from urllib3.exceptions import NewConnectionError

CONFIG = json.loads(Path(os.environ["LOAD_CONFIG"]).read_text())
TIMEOUT = 60  # seconds: a queue on two busy cores is slow, not broken
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
OPTION = re.compile(r'name="q-([^"]+)" value="([^"]+)"')
RESUME = re.compile(r'class="button" href="(/en/quizzes/attempts/\d+/)"')
RECORD: dict = {"requests": [], "completions": [], "submissions": [], "resent": 0}
numbers = itertools.count()
signed_in: set[str] = set()


class Refused(Exception):
    """Every app server refused the connection."""


class Unexpected(Exception):
    """The site answered, but not as a working site would."""


def _refused(error: requests.ConnectionError) -> bool:
    """True if no connection was made, so the server never saw the request."""
    reason = getattr(error.args[0], "reason", None) if error.args else None
    return isinstance(reason, NewConnectionError)


def _kind(error: Exception) -> str:
    if isinstance(error, Unexpected | Refused):
        return str(error)
    if isinstance(error, requests.Timeout):
        return "timeout"
    return "connection lost"  # reset or closed with the request in flight


class Learner(User):
    wait_time = between(*CONFIG["wait"])

    def on_start(self):
        self.number = next(numbers)
        servers = CONFIG["servers"]
        first = self.number % len(servers)
        self.servers = servers[first:] + servers[:first]
        self.email = CONFIG["emails"][self.number % len(CONFIG["emails"])]
        self.random = random.Random(self.number)  # noqa: S311 (which answers, not secrets)
        self.session = requests.Session()
        address = f"10.{self.number >> 16 & 255}.{self.number >> 8 & 255}.{self.number & 255}"
        self.session.headers.update(
            {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "X-Forwarded-For": address}
        )
        self.course_number = self.number % len(CONFIG["courses"])
        self.signed_in = self.enrolled = False
        self.position = 0
        self.attempt_url = None

    @property
    def course(self) -> dict:
        return CONFIG["courses"][self.course_number]

    def send(
        self, method: str, path: str, name: str, *, data=None, expect=(200,)
    ) -> requests.Response | None:
        """One request, timed and recorded; its response, or None if it failed."""
        headers = {"Referer": f"https://127.0.0.1{path}"} if method == "POST" else {}
        server = self.servers[0]
        started, clock = time.time(), time.perf_counter()
        response, failure = None, None
        try:
            for server in self.servers:
                try:
                    response = self.session.request(
                        method, f"http://127.0.0.1:{server}{path}", data=data,
                        headers=headers, allow_redirects=False, timeout=TIMEOUT,
                    )  # fmt: skip
                    # The site's cookies are Secure (the proxy's X-Forwarded-Proto says
                    # HTTPS); a browser would send them to the proxy, so send them here.
                    for cookie in self.session.cookies:
                        cookie.secure = False
                    break
                except requests.ConnectionError as error:
                    if not _refused(error):
                        raise
                    RECORD["resent"] += 1
            else:
                raise Refused("refused by every server")
            location = response.headers.get("Location", "")
            if response.status_code not in expect:
                raise Unexpected(f"status {response.status_code}")
            if "/accounts/login/" in location:
                raise Unexpected("signed out")
        except (requests.RequestException, Refused, Unexpected) as error:
            failure = error
        elapsed = (time.perf_counter() - clock) * 1000
        RECORD["requests"].append(
            [name, started, elapsed, failure is None, server, failure and _kind(failure)]
        )
        self.environment.events.request.fire(
            request_type=method, name=name, response_time=elapsed,
            response_length=len(response.content) if response is not None else 0,
            exception=failure, context={}, response=response, url=path,
        )  # fmt: skip
        return None if failure else response

    def get(self, path: str, name: str) -> str | None:
        """Open a page: its text, or None if it failed."""
        response = self.send("GET", path, name)
        return None if response is None else response.text

    def post(self, path: str, name: str, page: str, fields=()) -> str | None:
        """Press a form's button: POST with the CSRF token of the page it is on; where
        the site redirects to, or None if it failed."""
        token = TOKEN.search(page)
        data = [*fields, ("csrfmiddlewaretoken", token.group(1) if token else "")]
        response = self.send("POST", path, name, data=data, expect=(302,))
        return None if response is None else response.headers["Location"]

    @task
    def learn(self):
        """One step of the course, or signing in or enrolling when that comes first."""
        if not self.signed_in:
            self.sign_in()
        elif not self.enrolled:
            self.enrol()
        elif self.position >= len(self.course["steps"]):  # done: on to the next course
            self.course_number = (self.course_number + 1) % len(CONFIG["courses"])
            self.enrolled, self.position = False, 0
        elif self.course["steps"][self.position]["kind"] == "lesson":
            self.read_lesson(self.course["steps"][self.position])
        else:
            self.take_quiz(self.course["steps"][self.position])

    def sign_in(self):
        form = self.send("GET", "/en/accounts/login/", "sign-in form", expect=(200, 302))
        if form is not None and form.status_code == 302:  # signed in by an earlier try
            self.signed_in = True
        elif form is not None:
            fields = [("username", self.email), ("password", CONFIG["password"])]
            if self.post("/en/accounts/login/", "sign in (POST)", form.text, fields):
                self.signed_in = True
        if self.signed_in:
            signed_in.add(self.email)

    def enrol(self):
        course = self.course
        page = self.get(course["url"], "course page")
        if page is None:
            return
        action = f"/en/learning/enrol/{course['id']}/"
        # No Enrol button: enrolled by an earlier try whose answer was lost.
        self.enrolled = action not in page or self.post(action, "enrol (POST)", page) is not None

    def read_lesson(self, step: dict):
        page = self.get(step["url"], "lesson")
        if page is None:
            return
        action = f"/en/learning/steps/{step['id']}/complete/"
        if action not in page:  # completed by an earlier try whose answer was lost
            self.position += 1
        elif self.post(action, "complete lesson (POST)", page):
            RECORD["completions"].append([self.email, step["id"]])
            self.position += 1

    def take_quiz(self, step: dict):
        if self.attempt_url is None:
            page = self.get(step["url"], "quiz page")
            if page is None:
                return
            resume = RESUME.search(page)  # an attempt started by an earlier try
            start = f"/en/quizzes/{step['id']}/start/"
            if resume:
                self.attempt_url = resume.group(1)
            elif start in page:
                self.attempt_url = self.post(start, "start quiz (POST)", page)
            else:  # no attempt left (not in a run's fresh accounts): on to the next step
                self.position += 1
            return
        page = self.get(self.attempt_url, "quiz form")
        if page is None:
            return
        if "/submit/" not in page:  # submitted by an earlier try whose answer was lost
            self.attempt_url, self.position = None, self.position + 1
            return
        options: dict[str, list[str]] = {}
        for question, option in OPTION.findall(page):
            options.setdefault(question, []).append(option)
        answers = [(f"q-{q}", self.random.choice(choices)) for q, choices in options.items()]
        if self.post(self.attempt_url + "submit/", "submit quiz (POST)", page, answers):
            attempt = int(self.attempt_url.rstrip("/").rsplit("/", 1)[1])
            RECORD["submissions"].append([self.email, attempt, len(answers)])
            self.attempt_url, self.position = None, self.position + 1


def steady_phase(environment):
    """The measured part of the run begins once every learner has signed in (their
    passwords' hashing alone keeps the cores busy until then) and lasts CONFIG["seconds"];
    its start is written to CONFIG["steady"] for bench/load.py to time its fault."""
    while len(signed_in) < CONFIG["users"]:
        gevent.sleep(0.2)
    RECORD["steady_at"] = time.time()
    Path(CONFIG["steady"]).write_text(str(RECORD["steady_at"]))
    gevent.sleep(CONFIG["seconds"])
    environment.runner.quit()


@events.test_start.add_listener
def start_the_clock(environment, **kwargs):
    gevent.spawn(steady_phase, environment)


@events.quitting.add_listener
def write_record(environment, **kwargs):
    Path(CONFIG["record"]).write_text(json.dumps(RECORD))
