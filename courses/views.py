"""Learner endpoints: enrol, complete a step, "My learning". Thin: parse, call, respond."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .models import CoursePage, StepPage
from .selectors import learner_dashboard, step_position
from .services import NotEnrolled, enrolment_create, step_complete


def error_page(request, status: int, message: str):
    """A plain page that tells the user what went wrong, with the right status."""
    return render(request, "error.html", {"status": status, "message": message}, status=status)


def post_only(view):
    """Answer anything but POST with 405 and a sentence, not a blank page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            response = error_page(
                request, 405, _("This address only accepts a form submission (POST).")
            )
            response["Allow"] = "POST"
            return response
        return view(request, *args, **kwargs)

    return wrapper


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
    """Mark a step complete for the signed-in learner and go on to the next one."""
    step = StepPage.objects.live().filter(pk=step_id).first()
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


def serve_step(page, request):
    """Serve a lesson or quiz page to those who may see it.

    Visitors may read an open preview; otherwise the learner must be enrolled. Editors
    previewing in the admin always see the page.
    """
    position = step_position(step=page, learner=request.user, request=request)
    if getattr(request, "is_preview", False):
        context = page.get_context(request)
        context["position"] = position
        return TemplateResponse(request, page.get_template(request), context)
    enrolled = position is not None and position.outline.enrolment is not None
    if not enrolled and not getattr(page, "open_preview", False):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm("wagtailadmin.access_admin"):
            messages.info(request, _("Enrol in this course to open its lessons."))
            return redirect(position.course.get_url(request) if position else "/")
    context = page.get_context(request)
    context["position"] = position
    context["enrolled"] = enrolled
    return TemplateResponse(request, page.get_template(request), context)
