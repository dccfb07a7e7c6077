import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from courses.models import Enrolment, StepCompletion
from courses.selectors import course_required_progress
from courses.services import NotEnrolled, enrolment_create, step_complete
from tests.factories import lessons_of, make_course, make_user

pytestmark = pytest.mark.django_db


def test_enrolling_twice_keeps_one_enrolment(learner, course):
    first = enrolment_create(learner=learner, course=course)
    second = enrolment_create(learner=learner, course=course)
    assert first.pk == second.pk
    assert Enrolment.objects.filter(learner=learner).count() == 1


def test_unpublished_course_refuses_enrolment(learner):
    draft = make_course(live=False)
    with pytest.raises(ValidationError):
        enrolment_create(learner=learner, course=draft)
    assert not Enrolment.objects.exists()


def test_completing_a_step_requires_enrolment(learner, lessons):
    with pytest.raises(NotEnrolled):
        step_complete(learner=learner, step=lessons[0])
    assert not StepCompletion.objects.exists()


def test_completing_twice_records_once(learner, enrolled, lessons):
    step_complete(learner=learner, step=lessons[0])
    step_complete(learner=learner, step=lessons[0])
    assert StepCompletion.objects.filter(learner=learner).count() == 1


def test_database_refuses_duplicate_completion(learner, enrolled, lessons):
    StepCompletion.objects.create(learner=learner, step=lessons[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        StepCompletion.objects.create(learner=learner, step=lessons[0])


def test_database_refuses_duplicate_enrolment(learner, course, enrolled):
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(learner=learner, course=course)


def test_course_completes_when_every_required_lesson_is_done(learner, course, enrolled, lessons):
    for lesson in lessons[:-1]:
        step_complete(learner=learner, step=lesson)
    enrolled.refresh_from_db()
    assert enrolled.completed_at is None
    step_complete(learner=learner, step=lessons[-1])
    enrolled.refresh_from_db()
    assert enrolled.completed_at is not None


def test_optional_lessons_do_not_block_completion(learner, course, enrolled, lessons):
    optional = lessons[-1]
    optional.required = False
    optional.save_revision().publish()
    for lesson in lessons[:-1]:
        step_complete(learner=learner, step=lesson)
    enrolled.refresh_from_db()
    assert enrolled.completed_at is not None


def test_completion_date_is_set_once(learner, course, enrolled, lessons):
    for lesson in lessons:
        step_complete(learner=learner, step=lesson)
    enrolled.refresh_from_db()
    first_date = enrolled.completed_at
    step_complete(learner=learner, step=lessons[0])
    enrolled.refresh_from_db()
    assert enrolled.completed_at == first_date


def test_progress_counts_only_this_learner_and_course(learner, course, enrolled, lessons):
    other = make_user()
    enrolment_create(learner=other, course=course)
    for lesson in lessons:
        step_complete(learner=other, step=lesson)
    other_course = make_course()
    enrolment_create(learner=learner, course=other_course)
    step_complete(learner=learner, step=lessons_of(other_course)[0])
    step_complete(learner=learner, step=lessons[0])
    assert course_required_progress(learner=learner, course=course) == (4, 1)


def test_progress_is_one_query(learner, course, django_assert_num_queries):
    with django_assert_num_queries(1):
        course_required_progress(learner=learner, course=course)


def test_the_first_step_done_starts_the_enrolment_once(learner, course, enrolled, lessons):
    assert Enrolment.objects.get(learner=learner, course=course).started_at is None
    step_complete(learner=learner, step=lessons[0])
    started = Enrolment.objects.get(learner=learner, course=course).started_at
    assert started is not None
    step_complete(learner=learner, step=lessons[1])
    assert Enrolment.objects.get(learner=learner, course=course).started_at == started


def test_existing_enrolments_get_their_start_from_their_first_completion(course, lessons):
    """The migration that added ``started_at`` fills it in for enrolments made before."""
    import datetime
    import importlib

    from django.apps import apps
    from django.utils import timezone

    backfill = importlib.import_module("courses.migrations.0006_enrolment_started_at").backfill
    early = timezone.now() - datetime.timedelta(days=9)
    started, idle, gone = make_user(), make_user(), make_user()
    for person in (started, idle, gone):
        enrolment_create(learner=person, course=course)
    StepCompletion.objects.create(learner=started, step=lessons[1])
    StepCompletion.objects.create(learner=started, step=lessons[0], completed_at=early)
    Enrolment.objects.filter(learner=gone).update(learner=None, completed_at=timezone.now())
    Enrolment.objects.update(started_at=None)

    backfill(apps, None)

    assert Enrolment.objects.get(learner=started).started_at == early
    assert Enrolment.objects.get(learner=idle).started_at is None
    anonymous = Enrolment.objects.get(learner=None)
    assert anonymous.started_at == anonymous.completed_at
