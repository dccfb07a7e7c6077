"""A learner's own data: downloading all of it, deleting the account, changing the password."""

import json
from datetime import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate, CertificateTemplate
from certificates.services import certificate_issue
from courses.models import Enrolment, GroupMembership, StepCompletion, TrainingGroup
from courses.services import enrolment_create, group_join
from home.groups import ADMINISTRATORS
from quizzes.models import Attempt, AttemptAnswer
from quizzes.services import attempt_start, attempt_submit
from tests.factories import (
    complete_lessons,
    make_course,
    make_quiz,
    make_trainer,
    make_user,
    right_answers,
    wrong_answers,
)
from tests.reports.test_course_overview import table

pytestmark = pytest.mark.django_db
User = get_user_model()

PASSWORD = "Пароль-надёжный-🙂-2026"
EXPORT = reverse("accounts:data_export")
DELETE = reverse("accounts:account_delete")
OVERVIEW = "/admin/training-reports/courses/"


def _take_course(learner, course, quiz, *, group, right: bool):
    enrolment_create(learner=learner, course=course)
    group_join(learner=learner, group=group)
    attempt = attempt_start(learner=learner, quiz=quiz)
    answers = right_answers(attempt) if right else wrong_answers(attempt)
    attempt_submit(learner=learner, attempt_id=attempt.pk, answers=answers)
    complete_lessons(learner, course)


@pytest.fixture
def world(db):
    """Two learners who took the same course (one quiz each, a certificate each) in the
    same training group; the other learner also took a second course."""
    course = make_course(title="Identifying victims")
    quiz = make_quiz(course, title="Myth or reality")
    CertificateTemplate.objects.create(
        course=course,
        issuing_organisation="OSCE Training Unit",
        signatory_name="Signatory Person",
        signatory_title="Head of Training",
    )
    group = TrainingGroup.objects.create(course=course, name="Алматы, весна 2027", country="kz")
    administrator = make_user(email="admin@example.org", is_staff=True)
    administrator.groups.add(Group.objects.get(name=ADMINISTRATORS))
    holder = make_user(
        email="aigerim@example.org",
        full_name="Айгерим Нұрланқызы 🌷",
        organisation="Шелтер «Үміт»",
        country="kz",
        gender="female",
        password=PASSWORD,
    )
    other = make_user(
        email="other@example.org", full_name="Someone Else", organisation="Other Unit"
    )
    _take_course(holder, course, quiz, group=group, right=True)
    _take_course(other, course, quiz, group=group, right=False)
    elsewhere = make_course(title="Someone else's course")
    enrolment_create(learner=other, course=elsewhere)
    return {
        "course": course,
        "holder": holder,
        "other": other,
        "certificate": certificate_issue(learner=holder, course=course, issued_by=administrator),
        "others_certificate": certificate_issue(
            learner=other, course=course, issued_by=administrator
        ),
        "trainer": make_trainer(courses=[course]),
    }


# Download my data -------------------------------------------------------------------


def test_the_download_holds_my_data_and_nothing_of_anyone_else(client, world):
    client.force_login(world["holder"])
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert "no-store" in response["Cache-Control"]
    raw = response.content.decode("utf-8")
    assert "Айгерим Нұрланқызы 🌷" in raw  # written as it is, not as \u escapes
    data = json.loads(raw)
    assert data["profile"]["email"] == "aigerim@example.org"
    assert data["profile"]["organisation"] == "Шелтер «Үміт»"
    [enrolment] = data["enrolments"]
    assert enrolment["course"] == "Identifying victims"
    assert datetime.fromisoformat(enrolment["enrolled_at"]).tzinfo is not None  # ISO 8601
    assert datetime.fromisoformat(enrolment["completed_at"])
    assert {s["step"] for s in data["completed_steps"]} >= {"Lesson 1.1", "Lesson 2.2"}
    assert {s["course"] for s in data["completed_steps"]} == {"Identifying victims"}
    [group] = data["training_groups"]
    assert group["group"] == "Алматы, весна 2027"
    [attempt] = data["quiz_attempts"]
    assert attempt["quiz"] == "Myth or reality" and attempt["passed"] is True
    answers = {a["question"]: a["chosen"] for a in attempt["answers"]}
    assert answers["Only women are trafficked."] == [{"option": "Myth", "right": True}]
    assert answers["Which are indicators?"] == [
        {"option": "Documents withheld", "right": True},
        {"option": "Debt", "right": True},
    ]
    [certificate] = data["certificates"]
    assert certificate["code"] == world["certificate"].display_code
    assert certificate["holder_name"] == "Айгерим Нұрланқызы 🌷"
    assert certificate["status"] == "valid"
    # Nothing of the other learner, who took the same course in the same group.
    for theirs in (
        "other@example.org",
        "Someone Else",
        "Other Unit",
        "Someone else's course",
        world["others_certificate"].display_code,
        world["others_certificate"].code,
    ):
        assert theirs not in raw


def test_the_download_costs_the_same_queries_however_much_was_done(
    client, world, django_assert_num_queries
):
    client.force_login(world["holder"])
    client.get(EXPORT)  # warm the site and locale caches
    # The user, then three queries for courses, three for quizzes, one for certificates.
    with django_assert_num_queries(8):
        client.get(EXPORT)
    for title in ("Second course", "Third course"):
        course = make_course(title=title)
        enrolment_create(learner=world["holder"], course=course)
        complete_lessons(world["holder"], course)
    client.get(EXPORT)  # publishing the courses emptied the site cache
    with django_assert_num_queries(8):
        data = json.loads(client.get(EXPORT).content)
    assert len(data["enrolments"]) == 3 and len(data["completed_steps"]) == 4 + 1 + 4 + 4


def test_the_download_is_for_signed_in_learners_only(client, world):
    response = client.get(EXPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert client.post(EXPORT).status_code == 302  # signed out: the log-in page first
    client.force_login(world["holder"])
    assert client.post(EXPORT).status_code == 405


def test_the_profile_page_links_to_download_delete_and_password_change(client, world):
    client.force_login(world["holder"])
    html = client.get(reverse("accounts:profile")).content.decode()
    for url in (EXPORT, DELETE, reverse("accounts:password_change")):
        assert f'href="{url}"' in html


# Delete my account -----------------------------------------------------------------


def test_the_delete_page_says_what_goes_and_what_stays_and_a_get_deletes_nothing(client, world):
    client.force_login(world["holder"])
    response = client.get(DELETE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "What is deleted" in html and "What is kept" in html
    assert "Certificates issued to you" in html
    assert 'type="password"' in html and "csrfmiddlewaretoken" in html
    assert User.objects.filter(pk=world["holder"].pk).exists()


def test_a_wrong_password_deletes_nothing(client, world):
    holder = world["holder"]
    client.force_login(holder)
    response = client.post(DELETE, {"password": "Пароль-надёжный-🙃-2026"})
    assert response.status_code == 200
    assert "This is not your current password. Nothing has been deleted." in (
        response.content.decode()
    )
    assert User.objects.filter(pk=holder.pk).exists()
    assert Enrolment.objects.filter(learner=holder).exists()
    assert Attempt.objects.filter(learner=holder).exists()
    assert client.get(reverse("courses:dashboard")).status_code == 200  # still signed in
    assert client.post(DELETE, {}).status_code == 200
    assert User.objects.filter(pk=holder.pk).exists()


def test_a_post_without_the_form_token_deletes_nothing(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["holder"])
    assert client.post(DELETE, {"password": PASSWORD}).status_code == 403
    assert User.objects.filter(pk=world["holder"].pk).exists()


def test_deleting_signs_out_removes_the_person_and_keeps_certificate_and_counts(client, world):
    holder, certificate = world["holder"], world["certificate"]
    client.force_login(holder)
    response = client.post(DELETE, {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:account_deleted")
    assert "Your account has been deleted" in response.content.decode()
    assert not response.context["user"].is_authenticated
    assert client.get(reverse("courses:dashboard")).status_code == 302  # signed out
    assert not User.objects.filter(pk=holder.pk).exists()
    assert not User.objects.filter(email="aigerim@example.org").exists()
    # Everything personal went with the account.
    assert not StepCompletion.objects.filter(learner_id=holder.pk).exists()
    assert not Attempt.objects.filter(learner_id=holder.pk).exists()
    assert AttemptAnswer.objects.count() == Attempt.objects.get().answers.count()  # theirs
    assert not GroupMembership.objects.filter(learner_id=holder.pk).exists()
    # The certificate still verifies, with the name as issued.
    page = client.get(reverse("certificates:verify_code", args=[certificate.display_code]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Valid certificate" in html and "Айгерим Нұрланқызы 🌷" in html
    assert Certificate.objects.get(pk=certificate.pk).learner is None
    # The course overview still counts the enrolment, the completion and the certificate.
    client.force_login(world["trainer"])
    row = table(client.get(OVERVIEW))[1]
    assert row[:2] == ["Identifying victims", "2"]
    assert row[4] == "2" and row[7] == "2"  # completed, certificates issued
    # The other learner's data is untouched.
    client.force_login(world["other"])
    assert len(json.loads(client.get(EXPORT).content)["enrolments"]) == 2


def test_the_email_address_is_free_again_after_deleting(client, world):
    client.force_login(world["holder"])
    client.post(DELETE, {"password": PASSWORD})
    again = make_user(email="aigerim@example.org", password=PASSWORD)
    client.force_login(again)
    data = json.loads(client.get(EXPORT).content)
    assert data["enrolments"] == [] and data["certificates"] == []


@pytest.mark.parametrize("kind", ["trainer", "superuser"])
def test_staff_accounts_are_not_deleted_here(client, world, kind):
    if kind == "trainer":
        user = world["trainer"]
        user.set_password(PASSWORD)
        user.save()
    else:
        user = User.objects.create_superuser(email="root@example.org", password=PASSWORD)
    client.force_login(user)
    page = client.get(DELETE).content.decode()
    assert "ask another administrator" in page and 'type="password"' not in page
    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 403
    assert "ask another administrator" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_deleting_is_for_signed_in_learners_only(client, world):
    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert User.objects.filter(pk=world["holder"].pk).exists()


# Password change ---------------------------------------------------------------------


def test_changing_the_password_keeps_the_learner_signed_in(client, world):
    holder = world["holder"]
    client.force_login(holder)
    page = client.get(reverse("accounts:password_change"))
    assert page.status_code == 200 and "Change your password" in page.content.decode()
    new = "Новый-пароль-🔐-для-курса"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("accounts:password_change_done")
    assert "Password changed" in response.content.decode()
    assert client.get(reverse("courses:dashboard")).status_code == 200  # still signed in
    holder.refresh_from_db()
    assert holder.check_password(new) and not holder.check_password(PASSWORD)


def test_a_too_short_or_wrong_old_password_changes_nothing(client, world):
    holder = world["holder"]
    client.force_login(holder)
    url = reverse("accounts:password_change")
    short = client.post(
        url, {"old_password": PASSWORD, "new_password1": "ключ🙂", "new_password2": "ключ🙂"}
    )
    assert short.status_code == 200
    assert "too short" in short.content.decode()
    wrong = client.post(
        url,
        {
            "old_password": "not-it",
            "new_password1": "long-enough-🙂-2026",
            "new_password2": "long-enough-🙂-2026",
        },
    )
    assert wrong.status_code == 200 and "old_password" in wrong.context["form"].errors
    holder.refresh_from_db()
    assert holder.check_password(PASSWORD)


def test_changing_the_password_is_for_signed_in_learners_only(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
