"""The language in the address, the switcher, the choice that sticks, and one course's
progress whatever language it is read in."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import CoursePage, Enrolment, StepCompletion
from courses.outline import course_outline
from courses.services import enrolment_create, step_complete
from tests.courses.test_queries import COURSE_ENROLLED, DASHBOARD, LESSON_ENROLLED
from tests.factories import (
    in_language,
    lessons_of,
    make_course,
    make_user,
    sync_trees,
    translate_tree,
)

pytestmark = pytest.mark.django_db
CODES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def site_course():
    course = make_course(title="Spotting exploitation")
    sync_trees()
    return course


@pytest.mark.parametrize("code", CODES)
def test_every_public_page_answers_in_every_language(client, site_course, code):
    lesson = lessons_of(site_course)[0]  # the open preview
    addresses = [
        "/",
        "/courses/",
        site_course.url[3:],
        lesson.url[3:],
        "/library/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password-reset/",
        "/certificates/verify/",
    ]
    for address in addresses:
        response = client.get(f"/{code}{address}")
        assert response.status_code == 200, address
        html = response.content.decode()
        assert f'<html lang="{code}">' in html, address
        # The same page in every language, as alternates and in the switcher.
        for other in CODES:
            assert f'hreflang="{other}" href="http://testserver/{other}{address}"' in html


def test_an_address_without_a_language_follows_the_browser_then_the_choice(client):
    first = client.get("/courses/", headers={"accept-language": "ky,ru;q=0.8"})
    assert first.status_code == 302 and first["Location"] == "/ky/courses/"
    # Following the switcher to Uzbek is remembered for the next visit.
    client.get("/uz/courses/")
    again = client.get("/", headers={"accept-language": "ky"})
    assert again["Location"] == "/uz/"


def test_the_switcher_keeps_the_visitor_on_the_same_page(client, site_course):
    sync_trees()
    html = client.get(site_course.url, {"audience": "judges"}).content.decode()
    russian = in_language(site_course.url, "ru") + "?audience=judges"
    assert f'<a href="{russian}" hreflang="ru" lang="ru">Русский</a>' in html
    assert client.get(russian).status_code == 200


def test_a_learner_s_choice_is_kept_in_their_profile(client, site_course):
    learner = make_user(email="aigerim@example.org", password="a-long-test-password")
    client.force_login(learner)
    html = client.get(site_course.url).content.decode()
    assert 'name="language" value="kk"' in html  # a form: the choice is a change
    response = client.post(reverse("switch_language"), {"language": "kk", "next": site_course.url})
    assert response.status_code == 302
    assert response["Location"] == in_language(site_course.url, "kk")
    learner.refresh_from_db()
    assert learner.preferred_language == "kk"
    # On another device: signing in goes on in Kazakh.
    other = type(client)()
    signed_in = other.post(
        "/en/accounts/login/",
        {"username": "aigerim@example.org", "password": "a-long-test-password"},
    )
    assert signed_in["Location"].startswith("/kk/")
    assert other.cookies[settings.LANGUAGE_COOKIE_NAME].value == "kk"


@pytest.mark.parametrize("data", [{"language": "fr"}, {"language": "рус"}, {"language": "😀"}, {}])
def test_switching_to_a_language_the_site_lacks_is_refused(client, data):
    response = client.post(reverse("switch_language"), {**data, "next": "/en/"})
    assert response.status_code == 400
    assert "Choose one of the site" in response.content.decode()


def test_switching_is_a_post_and_never_leaves_the_site(client):
    assert client.get(reverse("switch_language"), {"language": "ru"}).status_code == 405
    response = client.post(
        reverse("switch_language"), {"language": "ru", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/ru/"


def test_an_untranslated_page_says_so_and_a_translated_one_does_not(client, site_course):
    notice = "has not been translated into this language yet"
    html = client.get(in_language(site_course.url, "ru")).content.decode()
    assert "Эта страница ещё не переведена" in html and site_course.title in html
    translate_tree(site_course, "ru")
    html = client.get(in_language(site_course.url, "ru")).content.decode()
    assert "Эта страница ещё не переведена" not in html and notice not in html
    assert "Spotting exploitation [ru]" in html
    # The catalogue and the course page say in which languages the course is written.
    catalogue = client.get("/kk/courses/").content.decode()
    assert '<span lang="en">English</span>, <span lang="ru">Русский</span>' in catalogue
    assert '<span lang="ru">Русский</span>' in html


def test_progress_is_one_thing_in_every_language(client, site_course):
    english = lessons_of(site_course)
    russian_course, *russian_pages = translate_tree(site_course, "ru")
    russian = [p for p in russian_pages if p.specific_class.__name__ == "LessonPage"]
    one, two = make_user(), make_user()
    # One learner works in English, then switches to Russian half-way.
    enrolment_create(learner=one, course=site_course)
    step_complete(learner=one, step=english[0])
    step_complete(learner=one, step=english[1])
    enrolment_create(learner=one, course=russian_course)  # enrolling again: the same
    step_complete(learner=one, step=russian[2])
    # The other does the same work in Russian only.
    enrolment_create(learner=two, course=russian_course)
    for lesson in russian[:3]:
        step_complete(learner=two, step=lesson.specific)
    assert Enrolment.objects.filter(learner=one).count() == 1
    # Recorded once, at the English version of each step.
    steps = set(StepCompletion.objects.values_list("step_id", flat=True))
    assert steps == {lesson.pk for lesson in english[:3]}
    for course in (site_course, CoursePage.objects.get(pk=russian_course.pk)):
        first = course_outline(course=course, learner=one)
        second = course_outline(course=course, learner=two)
        assert (first.required_done, first.percent) == (second.required_done, second.percent)
        assert first.required_done == 3 and first.enrolment is not None
    # Finishing the course in Russian completes the one enrolment.
    for lesson in russian[3:]:
        step_complete(learner=one, step=lesson.specific)
    assert Enrolment.objects.get(learner=one).completed_at is not None
    client.force_login(one)
    html = client.get("/ru/dashboard/").content.decode()
    assert "Spotting exploitation [ru]" in html


def test_learner_pages_cost_the_same_queries_in_russian(client, site_course):
    learner = make_user()
    enrolment_create(learner=learner, course=site_course)
    translated = translate_tree(site_course, "ru")
    russian_lesson = next(p for p in translated if p.specific_class.__name__ == "LessonPage")
    client.force_login(learner)

    def count(url):
        client.get(url)  # the course structure is cached after the first view
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    english_lesson = lessons_of(site_course)[0]
    assert count(english_lesson.url) == count(russian_lesson.url) == LESSON_ENROLLED
    assert count(site_course.url) == count(translated[0].url) == COURSE_ENROLLED
    assert count("/en/dashboard/") == count("/ru/dashboard/") == DASHBOARD


def test_a_trainer_translates_a_course_in_the_admin(client, site_course):
    """wagtail-localize's own screens: submit the course and its pages, translate them
    offline as a PO file, publish; learners then read the Russian page."""
    import polib
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.models import Locale
    from wagtail_localize.models import Translation

    from tests.factories import make_trainer

    client.force_login(make_trainer(courses=[site_course]))
    russian = Locale.objects.get(language_code="ru")
    submit = f"/admin/localize/submit/page/{site_course.pk}/"
    assert client.get(submit).status_code == 200
    client.post(submit, {"locales": [russian.pk], "include_subtree": "on"})
    translation = Translation.objects.get(
        source__object_id=site_course.translation_key, target_locale=russian
    )
    page = CoursePage.objects.get(translation_key=site_course.translation_key, locale=russian)
    assert page.alias_of_id is None  # the alias became a translation
    editor = f"/admin/pages/{page.pk}/edit/"
    assert client.get(editor).status_code == 200
    po = polib.pofile(
        client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/").content.decode()
    )
    for entry in po:
        if entry.msgid == site_course.title:
            entry.msgstr = "Как распознать эксплуатацию"
    client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/",
        {"file": SimpleUploadedFile("ru.po", str(po).encode()), "next": editor},
    )
    assert client.post(editor, {"action": "publish"}).status_code == 302
    client.logout()
    html = client.get(in_language(site_course.url, "ru")).content.decode()
    assert "<h1>Как распознать эксплуатацию</h1>" in html
    assert "ещё не переведена" not in html
