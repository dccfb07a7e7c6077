"""Learner endpoints: enrol, complete a step, "My learning". Thin: parse, call, respond."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.http import error_page, methods, post_only

from .forms import JoinGroupForm
from .models import CoursePage, LessonPage
from .outline import step_position
from .selectors import learner_dashboard
from .services import NotEnrolled, enrolment_create, group_join, step_complete
from .translations import reader_version


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


@methods("GET", "POST")
def join_group(request):
    """Join a training group with its invitation code (a link carries it as ``?code=``).

    GET shows the group the code belongs to and a button; POST (signed in) joins it and
    enrols the learner in its course.
    """
    data = request.POST if request.method == "POST" else request.GET
    form = JoinGroupForm(data if data.get("code") is not None else None)
    group = form.group if form.is_bound and form.is_valid() else None
    status = 200
    if form.is_bound and group is None:
        status = 404 if form.has_error("code", "not_found") else 400
    if request.method == "POST" and group is not None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            group_join(learner=request.user, group=group)
        except ValidationError as error:
            form.add_error("code", error)
            group, status = None, 400
        else:
            course = reader_version(group.course, CoursePage)
            messages.success(
                request,
                _("You joined “%(group)s” and are enrolled in its course.") % {"group": group.name},
            )
            return redirect(course.get_url(request))
    course = reader_version(group.course, CoursePage) if group else None
    context = {"form": form, "group": group, "course": course}
    return render(request, "courses/join_group.html", context, status=status)
