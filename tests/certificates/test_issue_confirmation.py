"""Issuing to several learners asks first, and issues nothing until confirmed."""

import html as html_module
import re

import pytest
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate
from certificates.services import certificate_issue
from courses.services import enrolment_create
from tests.factories import complete_lessons, make_user

pytestmark = pytest.mark.django_db

NAMES = ["Айгуль «Нурланова» 🙂", 'Olena "Kovalenko"', "Бахтиёр Ўзбеков"]


@pytest.fixture
def learners(course, template, lessons):
    people = []
    for name in NAMES:
        person = make_user(full_name=name, organisation="ОБСЕ")
        enrolment_create(learner=person, course=course)
        complete_lessons(person, course)
        people.append(person)
    return people


def selection(people, course) -> list[str]:
    return [f"{person.pk}:{course.pk}" for person in people]


def text_of(html: str) -> str:
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_first_post_lists_the_learners_and_issues_nothing(
    client, administrator, course, learners
):
    client.force_login(administrator)
    url = reverse("certificates_awaiting") + f"?course={course.pk}"
    response = client.post(url, {"selected": selection(learners, course)})
    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(html)
    assert "Issue certificates to 3 learners?" in text
    assert all(name in text for name in NAMES)
    assert not Certificate.objects.exists()
    # Confirm carries the same selection, with the CSRF token; Cancel goes back.
    form = re.search(r'<form method="post".*?</form>', html, flags=re.S).group()
    assert "csrfmiddlewaretoken" in form
    carried = re.findall(r'<input type="hidden" name="selected" value="([^"]+)">', form)
    assert sorted(carried) == sorted(selection(learners, course))
    assert '<input type="hidden" name="confirm" value="yes">' in form
    assert f'href="{html_module.escape(url)}"' in form and ">Cancel</a>" in form
    response = client.post(url, {"selected": carried, "confirm": "yes"})
    assert response.status_code == 302 and response["Location"] == url
    assert Certificate.objects.filter(course=course).count() == 3
    text = text_of(client.get(url).content.decode())
    assert "3 certificates issued." in text


def test_one_learner_is_issued_at_once(client, administrator, course, learners):
    client.force_login(administrator)
    url = reverse("certificates_awaiting")
    response = client.post(url, {"selected": selection(learners[:1], course)})
    assert response.status_code == 302
    assert Certificate.objects.get().learner == learners[0]


def test_a_forged_or_foreign_id_in_the_confirmation_is_refused_whole(
    client, administrator, course, learners
):
    client.force_login(administrator)
    url = reverse("certificates_awaiting")
    not_completed = make_user()
    enrolment_create(learner=not_completed, course=course)
    for extra in ("999999:1", f"{learners[0].pk}:999999", f"{not_completed.pk}:{course.pk}"):
        for confirm in ({}, {"confirm": "yes"}):
            data = {"selected": [*selection(learners, course), extra], **confirm}
            response = client.post(url, data)
            assert response.status_code == 400, (extra, confirm)
            text = text_of(response.content.decode())
            assert "not awaiting a certificate" in text and "Nothing was issued" in text
            assert "Back to the list" in text
    for malformed in ("²:1", "1:", "<script>", "1:1:1"):
        data = {"selected": [*selection(learners, course), malformed], "confirm": "yes"}
        response = client.post(url, data)
        assert response.status_code == 400
        assert "could not be read" in response.content.decode()
    assert not Certificate.objects.exists()


def test_confirming_needs_the_csrf_token(administrator, course, learners):
    client = Client(enforce_csrf_checks=True)
    client.force_login(administrator)
    data = {"selected": selection(learners, course), "confirm": "yes"}
    assert client.post(reverse("certificates_awaiting"), data).status_code == 403
    assert not Certificate.objects.exists()


def test_a_trainer_cannot_confirm(client, trainer, course, learners):
    client.force_login(trainer)
    data = {"selected": selection(learners, course), "confirm": "yes"}
    response = client.post(reverse("certificates_awaiting"), data, follow=True)
    assert "do not have permission" in response.content.decode()
    assert not Certificate.objects.exists()


def test_someone_issued_meanwhile_is_left_out_and_said_so(client, administrator, course, learners):
    client.force_login(administrator)
    certificate_issue(learner=learners[0], course=course, issued_by=administrator)
    url = reverse("certificates_awaiting")
    response = client.post(url, {"selected": selection(learners, course)})
    text = text_of(response.content.decode())
    assert "Issue certificates to 2 learners?" in text
    assert "1 of the selected learners already holds a valid certificate" in text
    assert NAMES[0] not in text.split("already holds")[1]
    response = client.post(url, {"selected": selection(learners, course), "confirm": "yes"})
    assert response.status_code == 302
    assert Certificate.objects.filter(course=course, revoked_at__isnull=True).count() == 3
    assert "2 certificates issued. 1 skipped" in text_of(client.get(url).content.decode())
