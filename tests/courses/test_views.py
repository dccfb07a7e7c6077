import re

import pytest
from django.urls import reverse

from courses.models import Enrolment, StepCompletion
from courses.services import step_complete
from tests.factories import make_course

pytestmark = pytest.mark.django_db


def enrol_url(pk):
    return reverse("courses:enrol", args=[pk])


def complete_url(pk):
    return reverse("courses:complete_step", args=[pk])


def test_enrol_button_enrols_and_shows_progress(learner_client, learner, course):
    page = learner_client.get(course.url)
    assert b"Enrol</button>" in page.content
    response = learner_client.post(enrol_url(course.pk), follow=True)
    assert response.status_code == 200
    assert Enrolment.objects.filter(learner=learner, course=course).exists()
    assert "0% complete" in response.content.decode()
    assert "Continue" in response.content.decode()


def test_anonymous_visitor_is_invited_to_sign_up(client, course):
    html = client.get(course.url).content.decode()
    assert "Sign up to enrol" in html
    assert "Enrol</button>" not in html


def test_enrolling_in_unknown_course_is_404_with_message(learner_client):
    response = learner_client.post(enrol_url(999999))
    assert response.status_code == 404
    assert "no published course" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_enrolling_in_unpublished_course_is_404(learner_client):
    draft = make_course(live=False)
    response = learner_client.post(enrol_url(draft.pk))
    assert response.status_code == 404
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize("name", ["courses:enrol", "courses:complete_step"])
def test_get_on_post_endpoint_is_405_with_message(learner_client, course, name):
    response = learner_client.get(reverse(name, args=[course.pk]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "only accepts a form submission" in response.content.decode()
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize("path", ["/en/learning/enrol/abc/", "/en/learning/steps/-1/complete/"])
def test_malformed_ids_are_404(learner_client, path):
    assert learner_client.post(path).status_code == 404


def test_completing_lesson_without_enrolment_is_403(learner_client, lessons):
    response = learner_client.post(complete_url(lessons[1].pk))
    assert response.status_code == 403
    assert "Enrol in this course" in response.content.decode()
    assert not StepCompletion.objects.exists()


def test_completing_unknown_step_is_404(learner_client, enrolled):
    assert learner_client.post(complete_url(424242)).status_code == 404
    assert not StepCompletion.objects.exists()


def test_anonymous_post_goes_to_login_and_writes_nothing(client, course):
    response = client.post(enrol_url(course.pk))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert not Enrolment.objects.exists()


def test_post_without_csrf_token_is_refused(learner, course):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(learner)
    response = strict.post(enrol_url(course.pk))
    assert response.status_code == 403
    assert not Enrolment.objects.exists()


def test_mark_complete_moves_to_next_lesson_across_modules(
    learner_client, learner, enrolled, lessons
):
    # lessons[1] is the last lesson of module 1; next is the first of module 2.
    response = learner_client.post(complete_url(lessons[1].pk))
    assert response.status_code == 302
    assert response["Location"] == lessons[2].url
    assert StepCompletion.objects.filter(learner=learner, step=lessons[1]).count() == 1


def test_lesson_page_shows_position_and_neighbours(learner_client, enrolled, lessons):
    html = learner_client.get(lessons[2].url).content.decode()
    assert "Step 3 of 4 in this course" in html
    assert "Module 2" in html
    assert f'href="{lessons[1].url}"' in html  # previous, across the module boundary
    assert f'href="{lessons[3].url}"' in html  # next
    assert "Mark as complete" in html
    assert "Report, do not rescue." in html


def test_completed_lesson_says_so(learner_client, learner, enrolled, lessons):
    step_complete(learner=learner, step=lessons[0])
    html = learner_client.get(lessons[0].url).content.decode()
    assert "You have completed this lesson." in html
    assert "Mark as complete" not in html


def test_lessons_are_for_enrolled_learners(learner_client, lessons, course):
    response = learner_client.get(lessons[1].url)
    assert response.status_code == 302
    assert response["Location"] == course.url


def test_anonymous_visitor_is_sent_to_login_for_a_closed_lesson(client, lessons):
    response = client.get(lessons[1].url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_open_preview_lesson_is_readable_by_anyone(client, lessons):
    response = client.get(lessons[0].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "open preview" in html
    assert "Mark as complete" not in html


def test_dashboard_shows_progress_next_lesson_and_completion(
    learner_client, learner, enrolled, lessons
):
    step_complete(learner=learner, step=lessons[0])
    html = learner_client.get(reverse("courses:dashboard")).content.decode()
    assert "25% complete (1 of 4 required steps)" in html
    assert f'href="{lessons[1].url}"' in html
    for lesson in lessons[1:]:
        step_complete(learner=learner, step=lesson)
    html = learner_client.get(reverse("courses:dashboard")).content.decode()
    assert "Completed on" in html
    # A learner who finished their course is not told they take none.
    assert "You are not taking any course yet." not in html
    assert "every course you started is complete" in html


def test_dashboard_requires_login(client):
    response = client.get(reverse("courses:dashboard"))
    assert response.status_code == 302


def test_catalogue_filters_by_audience(client, course):
    other = make_course(audiences=("journalists",), title="Reporting safely")
    html = client.get("/en/courses/?audience=journalists").content.decode()
    assert other.title in html
    assert course.title not in html
    assert "1 course" in html


def test_catalogue_ignores_unknown_audience(client, course):
    response = client.get("/en/courses/?audience=<script>alert(1)</script>")
    assert response.status_code == 200
    html = response.content.decode()
    assert course.title in html
    assert "<script>alert(1)" not in html


def test_catalogue_lists_counts_and_hides_drafts(client, course):
    draft = make_course(live=False, title="Hidden draft")
    html = client.get("/en/courses/").content.decode()
    assert course.title in html
    assert "2 modules" in html
    assert "4 lessons" in html
    assert draft.title not in html


def test_home_page_shows_featured_courses(client):
    make_course(title="Featured course", featured=True)
    make_course(title="Quiet course", featured=False)
    html = client.get("/en/").content.decode()
    assert "Featured course" in html
    assert "Quiet course" not in html
    assert 'href="/en/courses/"' in html


def test_outline_follows_publishing(learner_client, course, enrolled, lessons):
    from courses.models import LessonPage, ModulePage
    from tests.factories import BODY

    assert "Lesson 2.3" not in learner_client.get(course.url).content.decode()
    module = ModulePage.objects.child_of(course).order_by("path").last()
    new = module.add_child(
        instance=LessonPage(title="Lesson 2.3", slug="lesson-2-3", body=BODY, live=False)
    )
    new.save_revision().publish()
    html = learner_client.get(course.url).content.decode()
    assert "Lesson 2.3" in html
    assert "0% complete (0 of 5 required steps)" in html
    LessonPage.objects.get(pk=new.pk).unpublish()
    assert "Lesson 2.3" not in learner_client.get(course.url).content.decode()


def test_key_points_and_warnings_are_labelled_not_just_coloured(client, course):
    import json

    from courses.models import LessonPage

    lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
    lesson.body = json.dumps(
        [
            {"type": "key_point", "value": {"title": "Report", "text": "<p>Use the chain.</p>"}},
            {"type": "warning", "value": {"title": "Do not", "text": "<p>Do not raid.</p>"}},
        ]
    )
    lesson.save_revision().publish()
    html = client.get(lesson.url).content.decode()
    assert 'class="callout callout-key-point"' in html and "Key point:" in html
    assert 'class="callout callout-warning"' in html and "Warning:" in html


def test_catalogue_and_course_page_count_lessons_and_quizzes_apart(client, course):
    from tests.factories import make_quiz

    make_quiz(course, module=1)
    single = make_course(title="Short course", modules=1, lessons=1)
    make_quiz(single)
    make_quiz(single)
    catalogue = client.get("/en/courses/").content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", catalogue).split())
    assert "2 modules · 4 lessons · 1 quiz" in text  # a quiz is no lesson
    assert "1 module · 1 lesson · 2 quizzes" in text
    page = " ".join(re.sub(r"<[^>]+>", " ", client.get(course.url).content.decode()).split())
    assert "2 modules · 4 lessons · 1 quiz" in page


def test_a_lesson_counts_its_place_among_every_step(learner_client, course, enrolled, lessons):
    from tests.factories import make_quiz

    make_quiz(course, module=1)  # step 3 of 5
    html = learner_client.get(lessons[2].url).content.decode()
    assert "Step 4 of 5 in this course" in html
