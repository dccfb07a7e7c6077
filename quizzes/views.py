"""Learner endpoints for quizzes: start an attempt, answer it, see the result."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.http import error_page, methods, post_only
from courses.outline import step_position
from courses.translations import reader_version

from .models import Attempt, QuizPage
from .scoring import AnswerError
from .selectors import feedback_allowed, quiz_learner_state
from .services import AttemptsExhausted, NotEnrolled, attempt_start, attempt_submit
from .snapshot import MULTIPLE, localise, public_items

# A quiz form is a few kilobytes; refuse anything far larger before reading it.
MAX_SUBMISSION_BYTES = 64 * 1024


def _own_attempt(request, attempt_id: int) -> Attempt | None:
    return (
        Attempt.objects.select_related("quiz__locale")
        .filter(pk=attempt_id, learner=request.user, quiz__live=True)
        .first()
    )


def _answers_from_post(post) -> dict[str, set[str]]:
    return {key[2:]: set(post.getlist(key)) - {""} for key in post if key.startswith("q-")}


@post_only
@login_required
def start(request, quiz_id: int):
    """Start (or resume) an attempt and go to its form."""
    quiz = QuizPage.objects.live().filter(pk=quiz_id).first()
    if quiz is None:
        return error_page(request, 404, _("There is no published quiz with this number."))
    try:
        attempt = attempt_start(learner=request.user, quiz=quiz)
    except NotEnrolled as error:
        return error_page(request, 403, str(error))
    except AttemptsExhausted as error:
        return error_page(request, 409, str(error))
    return redirect("quizzes:attempt", attempt_id=attempt.pk)


@methods("GET")
@login_required
def attempt(request, attempt_id: int):
    """The form of an open attempt, or the result of a submitted one."""
    attempt = _own_attempt(request, attempt_id)
    if attempt is None:
        return error_page(request, 404, _("There is no such attempt of yours."))
    return _render_attempt(request, attempt)


def _render_attempt(request, attempt: Attempt, *, error: str = "", chosen=None, status=200):
    # Attempts are recorded at the quiz's source version; link to the reader's own.
    quiz = reader_version(attempt.quiz, QuizPage)
    context = {"quiz": quiz, "attempt": attempt, "page": quiz}
    if attempt.submitted_at is None:
        context.update(
            items=public_items(localise(attempt.items)),
            error=error,
            chosen=chosen or {},
            multiple=MULTIPLE,
        )
        return render(request, "quizzes/attempt_form.html", context, status=status)
    state = quiz_learner_state(quiz=quiz, learner=request.user)
    chosen = {}
    for answer in attempt.answers.all():
        chosen.setdefault(answer.question_id, set()).add(answer.option_id)
    context.update(
        state=state,
        items=localise(attempt.items),
        chosen=chosen,
        show_feedback=feedback_allowed(attempt=attempt, ever_passed=state.ever_passed),
        # Where to go on: the course's next step, as a lesson's "Next" link. Without a
        # learner it reads only the course's structure: no query once that is cached.
        position=step_position(step=quiz, learner=None, request=request),
    )
    return render(request, "quizzes/attempt_result.html", context)


@post_only
@login_required
def submit(request, attempt_id: int):
    """Score an attempt once; a second submission just shows the result."""
    if len(request.body) > MAX_SUBMISSION_BYTES:  # Django refuses far larger bodies itself
        return error_page(request, 413, _("This submission is far too large for a quiz."))
    answers = _answers_from_post(request.POST)
    try:
        attempt = attempt_submit(learner=request.user, attempt_id=attempt_id, answers=answers)
    except Attempt.DoesNotExist:
        return error_page(request, 404, _("There is no such attempt of yours."))
    except AnswerError as error:
        attempt = _own_attempt(request, attempt_id)
        return _render_attempt(request, attempt, error=str(error), chosen=answers, status=400)
    if attempt.passed:
        messages.success(request, _("You passed this quiz."))
    return redirect("quizzes:attempt", attempt_id=attempt.pk)
