"""Benchmark the learner pages under gunicorn with production settings, on loopback.

Usage: ``make bench`` (or ``.venv/bin/python bench/run.py``). Environment:
BENCH_SECONDS (per endpoint, default 10), BENCH_CONNECTIONS (default 8).

It builds a fresh SQLite database with the demo content in a temporary folder, starts
gunicorn (2 sync workers) on 127.0.0.1, signs the demo trainee in, and drives each
address with wrk. Every figure is printed beside the same figures for a minimal Django
view served by the same server in the same run: the ceiling on this machine.

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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import (  # noqa: E402
    CONNECTIONS,
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

TARGETS = {"lesson (enrolled)": 0.085, "catalogue (anonymous)": 0.40, "course (anonymous)": 0.40}
MAX_LESSON_QUERIES = 8
RUSSIAN_LESSON_MIN = 0.90  # the same lesson in Russian: within 10% of the English one
BURST = int(os.environ.get("BENCH_BURST", "200"))  # learners submitting at the same moment
DUPLICATES = BURST // 4  # of them also press "Submit" a second time
SUSTAINED = int(os.environ.get("BENCH_SUBMISSIONS", str(200 * SECONDS)))  # distinct attempts
MAX_DRAIN_SECONDS = 3.0


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
from courses.models import CoursePage, LessonPage, StepCompletion

trainee = get_user_model().objects.get(email="trainee@example.org")
session = SessionStore()
session["_auth_user_id"] = str(trainee.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = trainee.get_session_auth_hash()
session.create()
course = CoursePage.objects.get(slug="peacekeepers-zero-tolerance", locale__language_code="en")
done = StepCompletion.objects.filter(learner=trainee).values("step_id")
lesson = LessonPage.objects.live().descendant_of(course).exclude(pk__in=done).order_by("path")[0]
russian = LessonPage.objects.get(translation_key=lesson.translation_key, locale__language_code="ru")
assert russian.alias_of_id is None  # the demo's Russian translation, not an alias
urls = {
    "catalogue (anonymous)": "/en/courses/",
    "course (anonymous)": course.url,
    "lesson (enrolled)": lesson.url,
    "lesson, ru (enrolled)": russian.url,
    "dashboard (signed in)": "/en/dashboard/",
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


BURST_SETUP = """
import json, secrets
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.cached_db import SessionStore
from courses.models import CoursePage
from courses.services import enrolment_create
from quizzes.models import QuizPage
from quizzes.services import attempt_start

User = get_user_model()
course = CoursePage.objects.get(slug="peacekeepers-zero-tolerance", locale__language_code="en")
quiz = QuizPage.objects.live().descendant_of(course).get(slug="final-assessment")
users = User.objects.bulk_create(
    User(email=f"%(prefix)s{n}@example.org", full_name=f"Learner {n}", password="!")
    for n in range(%(count)d)
)
jobs = []
for user in users:
    enrolment_create(learner=user, course=course)
    attempt = attempt_start(learner=user, quiz=quiz)
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    fields = [
        (f"q-{item['id']}", option["id"])
        for item in attempt.items for option in item["options"] if option["correct"]
    ]
    jobs.append({"attempt": attempt.pk, "session": session.session_key, "fields": fields,
                 "answers": len(fields)})
print(json.dumps({"quiz": quiz.pk, "jobs": jobs}))
"""

BURST_CHECK = """
import json
from django.db.models import Count
from quizzes.models import Attempt, AttemptAnswer
ids = %(ids)s
attempts = Attempt.objects.filter(pk__in=ids)
submitted = attempts.filter(submitted_at__isnull=False).count()
answers = dict(
    AttemptAnswer.objects.filter(attempt_id__in=ids)
    .values_list("attempt_id").annotate(n=Count("pk")).values_list("attempt_id", "n")
)
print(json.dumps({"submitted": submitted, "answers": {str(k): v for k, v in answers.items()},
                  "per_learner": list(attempts.values("learner").annotate(n=Count("pk"))
                                      .values_list("n", flat=True).distinct())}))
"""


CERTIFICATE_BENCH = """
import json, time
from django.contrib.auth import get_user_model
from django.utils import timezone
from certificates.models import Certificate
from certificates.pdf import render_pdf
from certificates.services import certificate_issue_many
from courses.models import CoursePage, Enrolment

User = get_user_model()
admin = User.objects.get(email="admin@example.org")
course = CoursePage.objects.get(slug="trafficking-cases-in-court", locale__language_code="en")
users = User.objects.bulk_create(
    User(email=f"cert{n}@example.org", full_name=f"Гульнара Тестова {n}", password="!")
    for n in range(%(count)d)
)
now = timezone.now()
Enrolment.objects.bulk_create(
    Enrolment(learner=u, course=course, enrolled_at=now, completed_at=now) for u in users
)
started = time.perf_counter()
issued = certificate_issue_many(pairs=[(u.pk, course.pk) for u in users], issued_by=admin)
bulk_seconds = time.perf_counter() - started
certificates = list(Certificate.objects.filter(pk__in=[c.pk for c in issued[:%(pdfs)d]]))
render_pdf(certificates[0])  # load fonts once, as a running server has
started = time.perf_counter()
sizes = [len(render_pdf(c)) for c in certificates]
pdf_seconds = time.perf_counter() - started
print(json.dumps({"issued": len(issued), "bulk_seconds": bulk_seconds,
                  "pdfs": len(sizes), "pdf_seconds": pdf_seconds,
                  "pdf_kb": sum(sizes) / len(sizes) / 1024}))
"""


def drive_submissions(wrk: str, url: str, jobs: list[dict]) -> dict:
    """Sustained quiz submissions with wrk, each request a different learner's attempt."""
    from urllib.parse import urlencode

    token = "b" * 32
    rows = []
    for job in jobs:
        body = urlencode([*map(tuple, job["fields"]), ("csrfmiddlewaretoken", token)])
        cookie = f"sessionid={job['session']}; csrftoken={token}"
        path = f"/en/quizzes/attempts/{job['attempt']}/submit/"
        rows.append(f'{{"{path}", "{cookie}", "{body}"}}')
    request_lua = (
        "local jobs = {"
        + ",\n".join(rows)
        + "}\n"
        + """
local threads = 0
setup = function(thread) thread:set("id", threads); threads = threads + 1 end
local sent = 0
request = function()
  -- Each of wrk's two threads takes every other attempt, so none is sent twice
  -- (unless the run outlasts the attempts prepared, which the report would show).
  local job = jobs[((id + 2 * sent) % #jobs) + 1]
  sent = sent + 1
  return wrk.format("POST", job[1], {
    ["Host"] = "127.0.0.1",
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = job[2],
  }, job[3])
end
"""
    )
    return drive(wrk, url, None, request_lua=request_lua)


def submit_burst(port: int, jobs: list[dict]) -> dict:
    """Send every submission at the same moment (plus some double clicks) and time it."""
    import http.client
    import threading
    from urllib.parse import urlencode

    token = "b" * 32  # a CSRF secret, sent as both cookie and form field
    sends = jobs + jobs[:DUPLICATES]
    barrier = threading.Barrier(len(sends))
    results: list[tuple[float, int]] = [(0.0, 0)] * len(sends)
    failures: list[str] = []

    def send(index: int, job: dict) -> None:
        body = urlencode([*map(tuple, job["fields"]), ("csrfmiddlewaretoken", token)])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        barrier.wait()
        started = time.perf_counter()
        try:
            conn.request(
                "POST",
                f"/en/quizzes/attempts/{job['attempt']}/submit/",
                body=body,
                headers={
                    "Host": "127.0.0.1",
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"sessionid={job['session']}; csrftoken={token}",
                },
            )
            status = conn.getresponse().status
        except Exception as error:
            status = 0
            failures.append(repr(error))
        results[index] = (time.perf_counter() - started, status)
        conn.close()

    threads = [threading.Thread(target=send, args=(i, job)) for i, job in enumerate(sends)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    drained = time.perf_counter() - began
    latencies = sorted(r[0] for r in results)
    return {
        "sent": len(sends),
        "errors": sum(1 for _, status in results if status != 302),
        "statuses": sorted({status for _, status in results}),
        "failures": sorted(set(failures))[:3],
        "drained_s": drained,
        "rps": len(sends) / drained,
        "p50_ms": 1000 * latencies[len(latencies) // 2],
        "p95_ms": 1000 * latencies[int(len(latencies) * 0.95) - 1],
    }


def main() -> int:
    wrk = ensure_wrk()
    tmp = Path(tempfile.mkdtemp(prefix="elearning-bench-"))
    port = free_port()
    env = bench_env(tmp)
    print(f"Preparing a demo database in {tmp} ...", flush=True)
    setup = prepare(env)
    server = start_server(env, port)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/bench/ceiling/")
        rows = {"ceiling (no database)": drive(wrk, base + "/bench/ceiling/", None)}
        for name, page in setup["pages"].items():
            cookie = None if "anonymous" in name else setup["session"]
            rows[name] = drive(wrk, base + page["url"], cookie)
            rows[name]["queries"] = page["queries"]
            rows[name]["status"] = page["status"]
        # Learners for the submission runs are made after the page runs, so that their
        # thousands of sessions do not weigh on the page figures.
        burst_setup = shell(env, BURST_SETUP % {"count": BURST, "prefix": "burst"})
        sustained_jobs = shell(env, BURST_SETUP % {"count": SUSTAINED, "prefix": "steady"})["jobs"]
        sustained = drive_submissions(wrk, base, sustained_jobs)
        steady_ids = [job["attempt"] for job in sustained_jobs]
        sustained["stored"] = shell(env, BURST_CHECK % {"ids": steady_ids})["submitted"]
        burst = submit_burst(port, burst_setup["jobs"])
        ids = [job["attempt"] for job in burst_setup["jobs"]]
        stored = shell(env, BURST_CHECK % {"ids": ids})
        certs = shell(env, CERTIFICATE_BENCH % {"count": 1000, "pdfs": 50})
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
    english, russian = rows["lesson (enrolled)"], rows["lesson, ru (enrolled)"]
    language_ratio = russian["rps"] / english["rps"]
    same_queries = russian["queries"] == english["queries"]
    if language_ratio < RUSSIAN_LESSON_MIN or not same_queries:
        failed.append("lesson, ru")
    print(
        f"Russian lesson: {language_ratio:.2f} of the English one's throughput "
        f"(target >= {RUSSIAN_LESSON_MIN}), {russian['queries']} queries against "
        f"{english['queries']}  {'ok' if language_ratio >= RUSSIAN_LESSON_MIN else 'MISSED'}"
    )

    expected = {str(job["attempt"]): job["answers"] for job in burst_setup["jobs"]}
    exactly_once = stored["submitted"] == len(expected) and stored["answers"] == expected
    exactly_once = exactly_once and stored["per_learner"] == [1]
    cost = rows["lesson (enrolled)"]["rps"] / sustained["rps"]
    print(
        f"\nquiz submissions, sustained ({CONNECTIONS} connections, each a different attempt): "
        f"{sustained['rps']:.0f}/s, p50 {sustained['p50_ms']:.1f} ms, "
        f"p95 {sustained['p95_ms']:.1f} ms, errors {sustained['errors']}"
        + (" (ran out of prepared attempts: raise BENCH_SUBMISSIONS)"
           if sustained["requests"] > len(sustained_jobs) else "")
        + f"; {sustained['stored']} attempts stored as submitted"
    )  # fmt: skip
    print(
        f"\nquiz burst: {len(expected)} learners submit the final assessment at once, "
        f"{DUPLICATES} of them twice ({burst['sent']} requests)"
    )
    print(
        f"  drained in {burst['drained_s']:.2f}s (target <= {MAX_DRAIN_SECONDS}s), "
        f"{burst['rps']:.0f} submissions/s, p50 {burst['p50_ms']:.0f} ms, "
        f"p95 {burst['p95_ms']:.0f} ms, errors {burst['errors']} (statuses {burst['statuses']})"
        + (f"\n  client errors: {burst['failures']}" if burst["failures"] else "")
    )
    print(
        f"  stored exactly once: {'yes' if exactly_once else 'NO'} "
        f"({stored['submitted']} attempts submitted, answers per attempt as sent)"
    )
    print(f"cost of a submission: {cost:.2f} lesson page views in this run (target <= 2)")
    if burst["drained_s"] > MAX_DRAIN_SECONDS or burst["errors"] or not exactly_once:
        failed.append("quiz burst")
    # Every request must have been a submission (wrk's open requests at the end aside).
    sent = min(sustained["requests"], len(sustained_jobs))
    if cost > 2 or sustained["errors"] or sustained["stored"] < 0.95 * sent:
        failed.append("submission cost")
    pdf_rate = certs["pdfs"] / certs["pdf_seconds"]
    print(
        f"\ncertificates: {certs['issued']} issued in one bulk action in "
        f"{certs['bulk_seconds']:.1f}s (target <= 30s); PDF rendering {pdf_rate:.1f}/s in one "
        f"process (target >= 10/s), {certs['pdf_kb']:.0f} KB each"
    )
    if certs["bulk_seconds"] > 30 or certs["issued"] != 1000:
        failed.append("bulk issuing")
    if pdf_rate < 10:
        failed.append("PDF throughput")
    if failed:
        print("Missed targets: " + ", ".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
