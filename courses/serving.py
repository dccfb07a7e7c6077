"""Serving step pages (lessons, quizzes) to the learners who may see them.

A public function of the courses app: the quizzes app's pages use it too.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.page_cache import generation

from .outline import step_position


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
    # Part of the key of the cached lesson body: a change to a cited library resource
    # or document, not only a publish of the lesson, renders it again.
    context["content_generation"] = generation()
    return TemplateResponse(request, page.get_template(request), context)
