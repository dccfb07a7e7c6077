"""Writes for courses: enrolling, completing a step, completing a course.

Each service takes keyword-only arguments, runs in one transaction and is idempotent:
calling it twice (a double click, two servers at once) leaves the same records as
calling it once, because the database's unique constraints decide, not the caller.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupPagePermission, Page

from .models import (
    CoursePage,
    CourseTeam,
    Enrolment,
    GroupMembership,
    StepCompletion,
    StepPage,
    TrainingGroup,
)
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
    step_complete_in_transaction(learner=learner, step=step, course=course)


def step_complete_in_transaction(
    *, learner, step: StepPage, course: CoursePage | None = None
) -> None:
    """``step_complete`` for a service whose own transaction is open (a quiz
    submission): no savepoint of its own, two statements fewer while the write lock is
    held. An exception here must undo the caller's whole transaction, as it does there.
    """
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("Call step_complete outside a transaction.")
    if not step.live:
        raise ValidationError(_("This step is not published."))
    course = course or course_for_step(step)
    # A translation's step is recorded at its source version.
    step_id = step.pk if step.path.startswith(course.path) else source_pk(step)
    now = timezone.now()
    touched = Enrolment.objects.filter(learner=learner, course=course).update(
        last_activity_at=now, started_at=Coalesce("started_at", Value(now))
    )
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


# Training groups and course teams -----------------------------------------------------

# What a course's trainers may do on the course and everything under it, in every language.
TEAM_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


class GroupClosed(ValidationError):
    """The training group's course is not published, or the group has ended."""


@transaction.atomic
def group_join(*, learner, group: TrainingGroup) -> GroupMembership:
    """Add ``learner`` to a training group and enrol them in its course; joining again
    changes nothing."""
    if group.ends_on and group.ends_on < timezone.localdate():
        raise GroupClosed(_("This training group has ended; ask your trainer for a new code."))
    course = group.course
    if not course.live:
        raise GroupClosed(_("This group's course is not open for enrolment."))
    enrolment_create(learner=learner, course=course)
    membership, _created = _get_or_create(GroupMembership, group=group, learner=learner)
    return membership


def _team_group_name(course: CoursePage) -> str:
    # Group names are unique and at most 150 characters; the page id keeps them apart.
    return f"Course trainers: {course.title[:110]} ({course.pk})"


@transaction.atomic
def course_team_grant(*, course: CoursePage) -> CourseTeam:
    """The team of a course (its source version), with page permissions on every
    language's version of it; safe to call again (after a translation appears)."""
    course = CoursePage.objects.get(pk=source_pk(course))
    team = CourseTeam.objects.filter(course=course).select_related("group").first()
    if team is None:
        group, _created = Group.objects.get_or_create(name=_team_group_name(course))
        team = CourseTeam.objects.create(course=course, group=group)
    pages = Page.objects.filter(translation_key=course.translation_key).values_list("pk", flat=True)
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=TEAM_PAGE_PERMISSIONS
    )
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=team.group, page_id=page, permission=permission)
            for page in pages
            for permission in permissions
        ],
        ignore_conflicts=True,
    )
    return team


@transaction.atomic
def course_team_set(*, course: CoursePage, trainers) -> CourseTeam:
    """Make ``trainers`` (users) the trainers of ``course``, and nobody else."""
    team = course_team_grant(course=course)
    team.group.user_set.set(trainers)
    return team


@transaction.atomic
def course_team_add(*, course: CoursePage, trainer) -> CourseTeam:
    """Add one trainer to a course's team (the trainer who created it, for example)."""
    team = course_team_grant(course=course)
    team.group.user_set.add(trainer)
    return team


def course_team_extend(sender, instance, created, raw=False, **kwargs):
    """``post_save`` of a course page: a new language version of a course that has
    trainers (a translation, an alias) comes under their permissions too."""
    if not created or raw:
        return
    team = CourseTeam.objects.filter(course__translation_key=instance.translation_key).first()
    if team is not None and team.course_id != instance.pk:
        course_team_grant(course=team.course)
