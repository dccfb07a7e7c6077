"""Quiz pages, attempts and answers.

A quiz is a step of its course (``courses.StepPage``): passing it writes the same
completion record a lesson does, through ``courses.services.step_complete``.
"""

import json

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from courses.models import StepPage

from .blocks import QuestionsBlock
from .ids import ensure_block_ids


class QuizRole(models.TextChoices):
    PRACTICE = "practice", _("Practice")
    REQUIRED = "required", _("Required to complete the course")
    PRE_TEST = "pre_test", _("Pre-test")
    POST_TEST = "post_test", _("Post-test")


class FeedbackMode(models.TextChoices):
    AFTER_ATTEMPT = "after_attempt", _("After each attempt")
    ONCE_PASSED = "once_passed", _("Only once the quiz is passed")


class QuizPage(StepPage):
    """A quiz: questions, a pass mark and the rules of attempts."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    questions = StreamField(QuestionsBlock(), verbose_name=_("questions"))
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=QuizRole.choices,
        default=QuizRole.PRACTICE,
        help_text=_(
            "Only a quiz “Required to complete the course” counts toward completion and "
            "the certificate. A practice quiz is for learners to check themselves; a "
            "pre-test (before the lessons) and a post-test (after them) with the same "
            "questions measure what learners gained."
        ),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MaxValueValidator(100)]
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0 means unlimited.")
    )
    shuffle = models.BooleanField(_("shuffle questions and options"), default=True)
    pool_size = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        default=0,
        help_text=_("Draw this many questions from the pool for each attempt; 0 means all."),
    )
    feedback_mode = models.CharField(
        _("show right answers"),
        max_length=16,
        choices=FeedbackMode.choices,
        default=FeedbackMode.AFTER_ATTEMPT,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("role"),
                FieldPanel("pass_mark"),
                FieldPanel("attempts_allowed"),
                FieldPanel("shuffle"),
                FieldPanel("pool_size"),
                FieldPanel("feedback_mode"),
                FieldPanel("estimated_minutes"),
            ],
            heading=_("Rules"),
        ),
        FieldPanel("questions"),
    ]

    class Meta:
        verbose_name = _("quiz")
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="quiz_pass_mark_max_100")
        ]

    def get_admin_display_title(self):
        # Trainers see in the page tree and the editor whether the quiz counts.
        title = super().get_admin_display_title()
        if self.role == QuizRole.REQUIRED:
            return _("%(title)s (counts toward completion)") % {"title": title}
        return _("%(title)s (does not count toward completion)") % {"title": title}

    def save(self, *args, **kwargs):
        # Only a quiz whose role is "required" counts toward course completion.
        self.required = self.role == QuizRole.REQUIRED
        self.questions = json.dumps(ensure_block_ids(self.questions.get_prep_value()))
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .selectors import quiz_learner_state

        context = super().get_context(request, *args, **kwargs)
        context["state"] = quiz_learner_state(quiz=self, learner=request.user)
        return context


class Attempt(models.Model):
    """One attempt at a quiz, with the questions frozen as they were when it started."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
        verbose_name=_("learner"),
    )
    quiz = models.ForeignKey(
        QuizPage, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("quiz")
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    seed = models.BigIntegerField(_("shuffle seed"))
    items = models.JSONField(_("questions as drawn"))
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"))
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    points = models.FloatField(_("points"), null=True, blank=True)
    percent = models.FloatField(_("score (%)"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "quiz", "number"], name="quizzes_attempt_unique_number"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="quizzes_attempt_number_gte_1"),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True)
                | (Q(percent__isnull=False) & Q(passed__isnull=False)),
                name="quizzes_attempt_submitted_is_scored",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "number"], name="quizzes_attempt_quiz_number")]

    def __str__(self):
        return f"{self.learner} - {self.quiz_id} #{self.number}"


class AttemptAnswer(models.Model):
    """One option a learner chose in a submitted attempt (the basis of statistics)."""

    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="answers", verbose_name=_("attempt")
    )
    question_id = models.CharField(_("question"), max_length=64)
    option_id = models.CharField(_("option chosen"), max_length=64)
    correct_option = models.BooleanField(_("right option"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_id", "option_id"], name="quizzes_answer_unique"
            )
        ]
        indexes = [models.Index(fields=["question_id", "option_id"], name="quizzes_answer_q_o")]

    def __str__(self):
        return f"{self.attempt_id}: {self.question_id} -> {self.option_id}"


class KnowledgeGain(models.Model):
    """Post-test minus pre-test for a learner in a course, kept for reports."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="knowledge_gains",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="knowledge_gains",
        verbose_name=_("course"),
    )
    pre_percent = models.FloatField(_("pre-test (%)"))
    post_percent = models.FloatField(_("post-test (%)"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "course"], name="quizzes_gain_unique")
        ]

    def __str__(self):
        return f"{self.learner} - {self.course_id}: {self.gain:+g}"

    @property
    def gain(self) -> float:
        """Percentage points gained from the pre-test to the post-test."""
        return round(self.post_percent - self.pre_percent, 1)
