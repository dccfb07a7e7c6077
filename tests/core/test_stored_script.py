"""Script typed into any box a learner or trainer fills is shown as text, never run."""

import pytest
from django.urls import reverse

from courses.models import Enrolment, TrainingGroup
from quizzes.services import attempt_start
from tests.factories import make_course, make_quiz, make_resource, make_trainer, make_user, myth

pytestmark = pytest.mark.django_db

PAYLOAD = (
    "<script>alert(1)</script><img src=x onerror=alert(2)>"
    '<a href="javascript:alert(3)">x</a><svg onload=alert(4)></svg>'
)


def assert_inert(html: str) -> None:
    for live in ["<script>alert", "<img src=x", "<svg onload", '<a href="javascript:']:
        assert live not in html, live


def test_a_scenario_keeps_its_formatting_and_loses_its_script(client):
    course = make_course()
    quiz = make_quiz(
        course,
        questions=[
            {
                "type": "scenario",
                "value": {
                    "title": "Checkpoint",
                    "content_note": PAYLOAD,
                    "case": (
                        f"<p><b>Night shift</b> at the post. {PAYLOAD}</p><ul><li>one</li></ul>"
                    ),
                    "questions": [myth(PAYLOAD), myth("Second")],
                },
            }
        ],
    )
    learner = make_user(full_name=PAYLOAD)
    Enrolment.objects.create(learner=learner, course=course)
    attempt = attempt_start(learner=learner, quiz=quiz)
    client.force_login(learner)
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert_inert(html)
    assert "<b>Night shift</b> at the post." in html and "<li>one</li>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the statement, as text
    for url in ["/en/dashboard/", "/en/accounts/profile/"]:
        assert_inert(client.get(url).content.decode())


def test_names_a_trainer_types_are_text_on_every_screen(client):
    course = make_course()
    group = TrainingGroup.objects.create(course=course, name=PAYLOAD, place=PAYLOAD)
    learner = make_user(full_name=PAYLOAD, organisation=PAYLOAD)
    client.force_login(learner)
    assert_inert(client.get("/en/groups/join/", {"code": group.code}).content.decode())
    client.post("/en/groups/join/", {"code": group.code})
    client.force_login(make_trainer(courses=[course]))
    for url in [
        "/admin/",
        "/admin/training-reports/learners/",
        f"/admin/training-reports/learners/?group={group.pk}",
        "/admin/training-reports/knowledge-gain/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode())


def test_library_text_and_the_search_box_are_text(client):
    resource = make_resource("Handbook")
    resource.summary = PAYLOAD
    resource.publisher = PAYLOAD
    resource.save()
    for query in [{}, {"q": PAYLOAD}, {"q": "handbook"}]:
        response = client.get("/en/library/", query)
        assert response.status_code == 200
        assert_inert(response.content.decode())
    detail = client.get(f"/en/library/{resource.slug}/")
    assert detail.status_code == 200
    assert_inert(detail.content.decode())
