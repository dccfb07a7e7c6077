"""Reads for quizzes, each in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from courses.extensions import StepNote
from courses.translations import keys_at_path

from .models import Attempt, AttemptAnswer, FeedbackMode, KnowledgeGain, QuizPage, QuizRole
from .snapshot import localise


@dataclass
class QuizLearnerState:
    attempts: list[Attempt]
    open_attempt: Attempt | None
    best: Attempt | None
    attempts_left: int | None  # None: unlimited
    ever_passed: bool
    gain: KnowledgeGain | None

    @property
    def can_start(self) -> bool:
        return self.open_attempt is None and (self.attempts_left is None or self.attempts_left > 0)


def quiz_learner_state(*, quiz: QuizPage, learner) -> QuizLearnerState | None:
    """The learner's attempts at a quiz: one query (two for a post-test)."""
    if learner is None or not learner.is_authenticated:
        return None
    attempts = list(
        Attempt.objects.filter(learner=learner, quiz__translation_key=quiz.translation_key)
        .defer("items", "seed")
        .order_by("number")
    )
    submitted = [a for a in attempts if a.submitted_at]
    best = max(submitted, key=lambda a: a.percent, default=None)
    left = None
    if quiz.attempts_allowed:
        left = max(0, quiz.attempts_allowed - len(attempts))
    gain = None
    if quiz.role == QuizRole.POST_TEST and submitted:
        gain = KnowledgeGain.objects.filter(
            learner=learner, course__translation_key__in=keys_at_path(quiz.course_path)
        ).first()
    return QuizLearnerState(
        attempts=attempts,
        open_attempt=next((a for a in attempts if not a.submitted_at), None),
        best=best,
        attempts_left=left,
        ever_passed=any(a.passed for a in submitted),
        gain=gain,
    )


def feedback_allowed(*, attempt: Attempt, ever_passed: bool) -> bool:
    """Whether the right answers and explanations may be shown for this attempt."""
    if attempt.quiz.feedback_mode == FeedbackMode.ONCE_PASSED:
        return ever_passed
    return True


def question_statistics(*, quiz: QuizPage, learners=None) -> dict[str, dict]:
    """How often each option was chosen, in first attempts and in all: two queries.

    Returns {question id: {"first": {option id: n}, "all": {option id: n},
    "first_attempts": n, "attempts": n}} over submitted attempts, of ``learners`` only
    when given (a queryset of user ids, such as a report's filtered learners).
    """
    # Attempts in every language count: they are recorded at the quiz's source version.
    answered = AttemptAnswer.objects.filter(
        attempt__quiz__translation_key=quiz.translation_key, attempt__submitted_at__isnull=False
    )
    if learners is not None:
        answered = answered.filter(attempt__learner__in=learners)
    stats: dict[str, dict] = defaultdict(
        lambda: {"first": {}, "all": {}, "first_attempts": 0, "attempts": 0}
    )
    for row in answered.values("question_id", "option_id").annotate(
        all=Count("pk"), first=Count("pk", filter=Q(attempt__number=1))
    ):
        entry = stats[row["question_id"]]
        entry["all"][row["option_id"]] = row["all"]
        entry["first"][row["option_id"]] = row["first"]
    for row in answered.values("question_id").annotate(
        attempts=Count("attempt", distinct=True),
        first_attempts=Count("attempt", distinct=True, filter=Q(attempt__number=1)),
    ):
        stats[row["question_id"]]["attempts"] = row["attempts"]
        stats[row["question_id"]]["first_attempts"] = row["first_attempts"]
    return dict(stats)


def best_result_notes(learner, step_keys=None) -> dict:
    """Notes for course outlines and the dashboard: the best score of each quiz taken.

    Keyed by the quiz's translation key (attempts are at the quiz in any language).
    """
    attempts = Attempt.objects.filter(learner=learner, submitted_at__isnull=False)
    if step_keys is not None:
        attempts = attempts.filter(quiz__translation_key__in=list(step_keys))
    notes = {}
    rows = attempts.values("quiz__translation_key", "quiz__title", "quiz__path").annotate(
        best=Max("percent"), passes=Count("pk", filter=Q(passed=True))
    )
    for row in rows:
        values = {"score": f"{row['best']:g}%"}
        text = (
            _("best %(score)s, passed") % values
            if row["passes"]
            else _("best %(score)s, not passed yet") % values
        )
        notes[row["quiz__translation_key"]] = StepNote(
            text=text, title=row["quiz__title"], path=row["quiz__path"]
        )
    return notes


def quizzes_personal_data(learner) -> dict:
    """What quizzes hold about ``learner``, for their data download (registered with
    ``accounts.extensions.personal_data_providers``): every attempt with the answers
    chosen, and the knowledge gains. Three queries.

    Whether a chosen answer was right is given where the attempt's result page shows it
    (``feedback_allowed``): the download tells no more than the quiz does.
    """
    attempts = list(
        Attempt.objects.filter(learner=learner)
        .select_related("quiz")
        .only(
            "pk",
            "number",
            "items",
            "started_at",
            "submitted_at",
            "percent",
            "passed",
            "quiz__title",
            "quiz__translation_key",
            "quiz__feedback_mode",
        )
        .order_by("started_at", "pk")
    )
    chosen: dict[int, dict[str, dict[str, bool]]] = defaultdict(dict)
    for attempt_id, question_id, option_id, right in AttemptAnswer.objects.filter(
        attempt__learner=learner
    ).values_list("attempt_id", "question_id", "option_id", "correct_option"):
        chosen[attempt_id].setdefault(question_id, {})[option_id] = right
    passed = {a.quiz.translation_key for a in attempts if a.passed}
    rows = []
    for attempt in attempts:
        show = feedback_allowed(attempt=attempt, ever_passed=attempt.quiz.translation_key in passed)
        answers = []
        for item in localise(attempt.items):
            mine = chosen[attempt.pk].get(item["id"])
            if not mine:
                continue
            answers.append(
                {
                    "scenario": item["scenario"]["title"] if item["scenario"] else None,
                    "question": item["prompt"],
                    "chosen": [
                        {"option": o["text"]} | ({"right": mine[o["id"]]} if show else {})
                        for o in item["options"]
                        if o["id"] in mine
                    ],
                }
            )
        rows.append(
            {
                "quiz": attempt.quiz.title,
                "attempt": attempt.number,
                "started_at": attempt.started_at,
                "submitted_at": attempt.submitted_at,
                "score_percent": attempt.percent,
                "passed": attempt.passed,
                "answers": answers,
            }
        )
    gains = KnowledgeGain.objects.filter(learner=learner).order_by("recorded_at", "pk")
    return {
        "quiz_attempts": rows,
        "knowledge_gains": [
            {
                "course": course,
                "pre_test_percent": pre,
                "post_test_percent": post,
                "recorded_at": at,
            }
            for course, pre, post, at in gains.values_list(
                "course__title", "pre_percent", "post_percent", "recorded_at"
            )
        ],
    }
