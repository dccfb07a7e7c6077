"""Writes for courses: enrolling, completing a step, completing a course.

Each service takes keyword-only arguments, runs in one transaction and is idempotent:
calling it twice (a double click, two servers at once) leaves the same records as
calling it once, because the database's unique constraints decide, not the caller.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CoursePage, Enrolment, StepCompletion, StepPage
from .selectors import course_required_progress
from .signals import course_completed
from .translations import keys_at_path, source_first, source_pk


class NotEnrolled(PermissionDenied):
    """The learner must enrol in the course before completing its steps."""


def _get_or_create(model, **fields):
    """Create a row unless the unique constraint says it exists; safe under races."""
    try:
        with transaction.atomic():
            return model.objects.get_or_create(**fields)
    except IntegrityError:
        return model.objects.get(**fields), False


@transaction.atomic
def enrolment_create(*, learner, course: CoursePage) -> Enrolment:
    """Enrol ``learner`` in a published course; enrolling again changes nothing.

    The enrolment is in the course, whatever language it is read in: it is recorded
    against the course's source version (``courses.translations``).
    """
    if not course.live:
        raise ValidationError(_("This course is not open for enrolment."))
    enrolment, _created = _get_or_create(Enrolment, learner=learner, course_id=source_pk(course))
    return enrolment


def course_for_step(step: StepPage) -> CoursePage:
    """The source version of the course a step page (in any language) belongs to."""
    courses = CoursePage.objects.filter(translation_key__in=keys_at_path(step.course_path))
    return source_first(courses).only("pk", "path", "depth", "live", "translation_key")[0]


@transaction.atomic
def step_complete(*, learner, step: StepPage, course: CoursePage | None = None) -> None:
    """Record that ``learner`` completed ``step``, then complete the course if it was the last.

    Raises ``NotEnrolled`` when the learner is not enrolled in the step's course. The
    enrolment row is updated first: that both checks the enrolment and locks it, so
    two completions for one learner and course are applied one after the other.
    ``course`` (the source version of the step's course, as ``course_for_step`` gives
    it) saves a query when the caller already has it.
    """
    if not step.live:
        raise ValidationError(_("This step is not published."))
    course = course or course_for_step(step)
    # A translation's step is recorded at its source version.
    step_id = step.pk if step.path.startswith(course.path) else source_pk(step)
    now = timezone.now()
    touched = Enrolment.objects.filter(learner=learner, course=course).update(last_activity_at=now)
    if not touched:
        raise NotEnrolled(_("Enrol in this course before completing its lessons."))
    # The unique constraint keeps one record per learner and step; a repeat is ignored.
    StepCompletion.objects.bulk_create(
        [StepCompletion(learner=learner, step_id=step_id, completed_at=now)], ignore_conflicts=True
    )
    course_completion_update(learner=learner, course=course, now=now)


@transaction.atomic(savepoint=False)
def course_completion_update(*, learner, course: CoursePage, now=None) -> bool:
    """Set the completion date once all required steps are complete; return whether complete.

    The date is written once: the update only touches an enrolment without one.
    """
    total, done = course_required_progress(learner=learner, course=course)
    if total and done >= total:
        completed = Enrolment.objects.filter(
            learner=learner, course=course, completed_at=None
        ).update(completed_at=now or timezone.now())
        if completed:
            course_completed.send(sender=Enrolment, learner=learner, course=course)
        return True
    return False
