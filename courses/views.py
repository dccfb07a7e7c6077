"""Learner endpoints: enrol, complete a step, "My learning". Thin: parse, call, respond."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.http import error_page, post_only

from .models import CoursePage, LessonPage
from .outline import step_position
from .selectors import learner_dashboard
from .services import NotEnrolled, enrolment_create, step_complete


@post_only
@login_required
def enrol(request, course_id: int):
    """Enrol the signed-in learner in a published course."""
    course = CoursePage.objects.live().filter(pk=course_id).first()
    if course is None:
        return error_page(request, 404, _("There is no published course with this number."))
    try:
        enrolment_create(learner=request.user, course=course)
    except ValidationError as error:
        return error_page(request, 400, " ".join(error.messages))
    messages.success(request, _("You are enrolled. Start with the first lesson."))
    return redirect(course.get_url(request))


@post_only
@login_required
def complete_step(request, step_id: int):
    """Mark a lesson complete for the signed-in learner and go on to the next one.

    Only lessons: other steps (quizzes) are completed by their own rule, through the
    same service, never by the learner saying so.
    """
    step = LessonPage.objects.live().filter(pk=step_id).first()
    if step is None:
        return error_page(request, 404, _("There is no published lesson with this number."))
    try:
        step_complete(learner=request.user, step=step)
    except NotEnrolled as error:
        return error_page(request, 403, str(error))
    except ValidationError as error:
        return error_page(request, 400, " ".join(error.messages))
    position = step_position(step=step, learner=request.user, request=request)
    if position and position.outline.enrolment and position.outline.enrolment.completed_at:
        messages.success(request, _("Course complete. Well done!"))
        return redirect(position.course.get_url(request))
    messages.success(request, _("Marked as complete."))
    if position and position.next:
        return redirect(position.next.url)
    return redirect(position.course.get_url(request) if position else "/")


@login_required
def dashboard(request):
    """My learning: courses in progress and completed."""
    return render(
        request, "courses/dashboard.html", learner_dashboard(learner=request.user, request=request)
    )
