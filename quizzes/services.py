"""Writes for quizzes: start an attempt, submit it. Atomic, idempotent, keyword-only."""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment
from courses.services import NotEnrolled, course_for_step, step_complete_in_transaction
from courses.translations import keys_at_path, source_pk

from .models import Attempt, AttemptAnswer, KnowledgeGain, QuizPage, QuizRole
from .scoring import answer_key, score
from .snapshot import build_snapshot


class AttemptsExhausted(PermissionDenied):
    """The learner has used every attempt the quiz allows."""


def _require_enrolment(learner, quiz: QuizPage) -> None:
    enrolments = Enrolment.objects.filter(
        learner=learner, course__translation_key__in=keys_at_path(quiz.course_path)
    )
    if not enrolments.exists():
        raise NotEnrolled(_("Enrol in this course before taking its quizzes."))


@transaction.atomic
def attempt_start(*, learner, quiz: QuizPage) -> Attempt:
    """Start an attempt, or return the one already open (a double click starts one).

    Attempts count for the quiz in every language: they are recorded against its
    source version (``courses.translations``), while the questions are those of the
    version being read, copied into the attempt.
    """
    _require_enrolment(learner, quiz)
    attempts = Attempt.objects.filter(learner=learner, quiz__translation_key=quiz.translation_key)
    open_attempt = attempts.filter(submitted_at=None).first()
    if open_attempt:
        return open_attempt
    used = attempts.aggregate(n=Max("number"))["n"] or 0
    if quiz.attempts_allowed and used >= quiz.attempts_allowed:
        raise AttemptsExhausted(_("You have used every attempt this quiz allows."))
    seed = secrets.randbits(48)
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                learner=learner,
                quiz_id=source_pk(quiz),
                number=used + 1,
                seed=seed,
                pass_mark=quiz.pass_mark,
                items=build_snapshot(
                    quiz.questions, seed=seed, shuffle=quiz.shuffle, pool_size=quiz.pool_size
                ),
            )
    except IntegrityError:
        # Another request started this attempt number at the same moment.
        return attempts.get(number=used + 1)


def attempt_submit(*, learner, attempt_id: int, answers: dict[str, set[str]]) -> Attempt:
    """Score and record an attempt once; submitting it again returns it unchanged.

    Raises ``Attempt.DoesNotExist`` for another learner's attempt and
    ``scoring.AnswerError`` for answers that do not fit; nothing is written then.
    Reading and scoring happen before the write transaction, which stays short; the
    attempt is claimed by a conditional update, so of two simultaneous submissions
    exactly one is recorded.
    """
    attempt = (
        Attempt.objects.select_related("quiz")
        .defer("quiz__questions", "quiz__intro")
        .get(pk=attempt_id, learner=learner, quiz__live=True)
    )
    if attempt.submitted_at is not None:
        return attempt
    result = score(attempt.items, answers)
    quiz = attempt.quiz
    keys = answer_key(attempt.items)
    rows = [
        AttemptAnswer(
            attempt=attempt,
            question_id=item_id,
            option_id=option_id,
            correct_option=option_id in keys[item_id],
        )
        for item_id, chosen in answers.items()
        for option_id in sorted(chosen)
    ]
    scored = {
        "submitted_at": timezone.now(),
        "points": result.points,
        "percent": result.percent,
        "passed": result.percent >= attempt.pass_mark,
    }
    # The course is needed only to complete the step or record a knowledge gain.
    needs_course = scored["passed"] or quiz.role == QuizRole.POST_TEST
    course = course_for_step(quiz) if needs_course else None
    with transaction.atomic():
        claimed = Attempt.objects.filter(pk=attempt.pk, submitted_at=None).update(**scored)
        if not claimed:
            return Attempt.objects.get(pk=attempt.pk)
        AttemptAnswer.objects.bulk_create(rows)
        if scored["passed"]:
            step_complete_in_transaction(learner=learner, step=quiz, course=course)
        if quiz.role == QuizRole.POST_TEST:
            knowledge_gain_record(learner=learner, course=course, post_percent=scored["percent"])
    for field, value in scored.items():
        setattr(attempt, field, value)
    return attempt


def knowledge_gain_record(*, learner, course, post_percent: float):
    """Store post-test minus the first pre-test score of the same course, once."""
    pre = (
        Attempt.objects.filter(
            learner=learner,
            quiz__role=QuizRole.PRE_TEST,
            quiz__path__startswith=course.path,
            submitted_at__isnull=False,
        )
        .order_by("submitted_at")
        .first()
    )
    if pre is None:
        return None
    gain, _created = KnowledgeGain.objects.get_or_create(
        learner=learner,
        course=course,
        defaults={
            "pre_percent": pre.percent,
            "post_percent": post_percent,
        },
    )
    return gain
