"""Query counts of learner pages are pinned and do not grow with the amount of content."""

import pytest
from django.urls import reverse

from courses.services import enrolment_create, step_complete
from tests.factories import lessons_of, make_course

pytestmark = pytest.mark.django_db

# Pinned counts. If a change makes one grow, find the query that was added.
HOME_ANONYMOUS = 6  # page-cache miss; one is the languages of the courses shown
CATALOGUE_ANONYMOUS = 7  # page-cache miss (one: the courses' languages); a hit costs none
COURSE_ANONYMOUS = 5  # page-cache miss
COURSE_ENROLLED = 9  # includes one query for quiz results
LESSON_ENROLLED = 7
DASHBOARD = 6  # includes one for quiz results and one for the courses in the reader's language


def grow_content(learner):
    """Add courses, modules and lessons, with enrolments and completions."""
    for _ in range(3):
        course = make_course(modules=3, lessons=3)
        enrolment_create(learner=learner, course=course)
        step_complete(learner=learner, step=lessons_of(course)[0])


def count(client, django_assert_num_queries, url, expected):
    """Count a steady-state request: site caches warm, this address not in the page cache."""
    client.get(url)
    # A query string the page ignores makes a new address: a page-cache miss for a visitor.
    fresh = url + ("&" if "?" in url else "?") + "visit=2"
    with django_assert_num_queries(expected):
        response = client.get(fresh)
    assert response.status_code == 200


def test_home_page(client, learner, course, django_assert_num_queries):
    make_course(featured=True)
    count(client, django_assert_num_queries, "/en/", HOME_ANONYMOUS)
    grow_content(learner)
    for _ in range(3):
        make_course(featured=True)
    count(client, django_assert_num_queries, "/en/", HOME_ANONYMOUS)


def test_catalogue(client, learner, course, django_assert_num_queries):
    count(client, django_assert_num_queries, "/en/courses/", CATALOGUE_ANONYMOUS)
    grow_content(learner)
    count(
        client,
        django_assert_num_queries,
        "/en/courses/?audience=police_investigators",
        CATALOGUE_ANONYMOUS,
    )


def test_course_page_anonymous(client, learner, course, django_assert_num_queries):
    count(client, django_assert_num_queries, course.url, COURSE_ANONYMOUS)
    grow_content(learner)
    bigger = make_course(modules=4, lessons=4)
    count(client, django_assert_num_queries, bigger.url, COURSE_ANONYMOUS)


def test_course_page_enrolled(
    learner_client, learner, course, enrolled, lessons, django_assert_num_queries
):
    count(learner_client, django_assert_num_queries, course.url, COURSE_ENROLLED)
    grow_content(learner)
    step_complete(learner=learner, step=lessons[0])
    count(learner_client, django_assert_num_queries, course.url, COURSE_ENROLLED)


def test_lesson_page_enrolled(
    learner_client, learner, enrolled, lessons, django_assert_num_queries
):
    count(learner_client, django_assert_num_queries, lessons[1].url, LESSON_ENROLLED)
    grow_content(learner)
    step_complete(learner=learner, step=lessons[0])
    count(learner_client, django_assert_num_queries, lessons[2].url, LESSON_ENROLLED)


def test_dashboard(learner_client, learner, enrolled, lessons, django_assert_num_queries):
    url = reverse("courses:dashboard")
    count(learner_client, django_assert_num_queries, url, DASHBOARD)
    grow_content(learner)
    count(learner_client, django_assert_num_queries, url, DASHBOARD)
