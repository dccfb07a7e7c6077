"""Course pages (Course -> Module -> step pages) and the learner's records.

A course is a sequence of *steps*: pages under its modules that a learner completes.
Lessons are steps; quizzes become steps in the quizzes app. Every step page shares
one table (``StepPage``), so course progress is one aggregate query over that table
and ``StepCompletion`` whatever kinds of step a course holds.
"""

import secrets

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.choices import AUDIENCE_CHOICES, COUNTRY_CHOICES, audience_name
from core.page_cache import AnonymousPageCacheMixin
from core.translation import SameInEveryLanguageMixin
from core.vocabularies import AUDIENCE_CODES

from .blocks import RICH_TEXT_FEATURES, LessonBodyBlock


class Audience(models.Model):
    """One of the fixed professional audiences, so that courses can be filtered by it."""

    code = models.CharField(_("code"), max_length=32, unique=True, choices=AUDIENCE_CHOICES)

    class Meta:
        ordering = ["id"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return audience_name(self.code)


class CourseIndexPage(SameInEveryLanguageMixin, AnonymousPageCacheMixin, Page):
    """The catalogue of published courses at /courses/."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1
    cache_query_params = {"audience": AUDIENCE_CODES}

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_catalogue

        context = super().get_context(request, *args, **kwargs)
        audience = request.GET.get("audience", "")
        if audience not in AUDIENCE_CODES:
            audience = ""
        context["audience"] = audience
        context["audiences"] = AUDIENCE_CHOICES
        context["courses"] = course_catalogue(index=self, audience=audience or None)
        return context


class CoursePage(SameInEveryLanguageMixin, AnonymousPageCacheMixin, Page):
    """A course: what it teaches, for whom, and its modules."""

    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences for the catalogue.")
    )
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES)
    objectives = StreamField(
        [("objective", blocks.CharBlock(label=_("Objective"), max_length=300))],
        verbose_name=_("learning objectives"),
        blank=True,
    )
    audiences = ParentalManyToManyField(Audience, verbose_name=_("audiences"), blank=True)
    estimated_hours = models.PositiveSmallIntegerField(_("estimated hours"), default=1)
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Show this course on the home page.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("objectives"),
        MultiFieldPanel(
            [
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("estimated_hours"),
                FieldPanel("featured"),
            ],
            heading=_("Audience and length"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        from .outline import course_outline
        from .translations import course_languages

        context = super().get_context(request, *args, **kwargs)
        from .extensions import course_note_providers

        outline = course_outline(course=self, learner=request.user, request=request)
        context["outline"] = outline
        context["languages"] = course_languages(self)
        if outline.enrolment and outline.enrolment.completed_at:
            context["course_note"] = course_note_providers.collect(request.user).get(
                self.translation_key
            )
        # The catalogue is the parent page: derive its address rather than query for it.
        url = self.get_url(request) or "/"
        context["catalogue_url"] = url.rstrip("/").rsplit("/", 1)[0] + "/"
        return context


class ModulePage(SameInEveryLanguageMixin, Page):
    """A group of lessons and quizzes within a course."""

    summary = models.TextField(_("summary"), max_length=500, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("module")

    def serve(self, request, *args, **kwargs):
        # A module has no page of its own: its outline is on the course page.
        return redirect(self.get_parent().get_url(request) + f"#module-{self.pk}")


class StepPage(SameInEveryLanguageMixin, Page):
    """Anything a learner completes in a course: the shared part of lessons and quizzes."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Required steps must be completed to complete the course."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=15)

    step_panels = [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("required"), FieldPanel("estimated_minutes")], heading=_("Step")
        ),
    ]
    is_creatable = False
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("step")

    @property
    def course_path(self) -> str:
        """The tree path of the step's course (its grandparent in the pinned tree)."""
        return self.path[: self.steplen * (self.depth - 2)]

    def serve(self, request, *args, **kwargs):
        # Every kind of step is for enrolled learners (or an open preview).
        from .serving import serve_step

        return serve_step(self, request)


class LessonPage(StepPage):
    """A lesson: a body of blocks the learner reads, then marks complete."""

    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))
    sources = RichTextField(
        _("sources"),
        blank=True,
        features=["ul", "link", "italic"],
        help_text=_("Where the facts in this lesson come from."),
    )
    open_preview = models.BooleanField(
        _("open to visitors"),
        default=False,
        help_text=_(
            "Anyone may read this lesson without an account or enrolling, e.g. the first "
            "lesson, so that people can see what the course is like."
        ),
    )

    content_panels = [
        *Page.content_panels,
        *StepPage.step_panels,
        FieldPanel("open_preview"),
        FieldPanel("body"),
        FieldPanel("sources"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    is_creatable = True

    class Meta:
        verbose_name = _("lesson")


class Enrolment(models.Model):
    """A learner taking a course; ``completed_at`` is set once, when they finish it.

    When a learner deletes their account the enrolment stays, without a learner, as an
    anonymous record of the course and its dates, so that course reports still count
    it (everything else about the learner goes: profile, step completions, attempts,
    group memberships).
    """

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        CoursePage, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("course")
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    # When the first step was completed: kept, unlike the step completions, when the
    # account is deleted, and what reports count as "started" in one cheap aggregate.
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"], name="courses_enrolment_one_per_learner_course"
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(completed_at__gte=F("enrolled_at")),
                name="courses_enrolment_completed_after_enrolled",
            ),
        ]

    def __str__(self):
        learner = self.learner or _("deleted account")
        return f"{learner} - {self.course}"


class StepCompletion(models.Model):
    """Proof that a learner completed one step (a lesson read, a quiz passed)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="step_completions",
        verbose_name=_("learner"),
    )
    step = models.ForeignKey(
        StepPage, on_delete=models.CASCADE, related_name="completions", verbose_name=_("step")
    )
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    class Meta:
        verbose_name = _("step completion")
        verbose_name_plural = _("step completions")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "step"], name="courses_stepcompletion_one_per_learner_step"
            ),
        ]

    def __str__(self):
        return f"{self.learner} - {self.step_id}"


# Training groups -----------------------------------------------------------------

# Letters and digits nobody confuses when a code is read aloud or copied from a slide.
GROUP_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
GROUP_CODE_LENGTH = 8


def new_group_code() -> str:
    """A random invitation code, such as ``K7QM2XWD`` (shown as ``K7QM-2XWD``)."""
    return "".join(secrets.choice(GROUP_CODE_ALPHABET) for _ in range(GROUP_CODE_LENGTH))


def normalise_group_code(text: str) -> str:
    """A code as people type it (lower case, spaces, hyphens) in its stored form."""
    return "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())


class TrainingGroup(models.Model):
    """One delivery of a course: a cohort trained together (a ministry's officers in one
    oblast, the judges at a seminar). Learners join with its invitation code."""

    course = models.ForeignKey(
        CoursePage,
        on_delete=models.CASCADE,
        related_name="training_groups",
        verbose_name=_("course"),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("For example: “Border officers, Almaty region, spring 2027”."),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="training_groups_led",
        verbose_name=_("trainers"),
    )
    code = models.CharField(
        _("invitation code"), max_length=16, unique=True, default=new_group_code, editable=False
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("training group")
        verbose_name_plural = _("training groups")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="courses_traininggroup_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def display_code(self) -> str:
        return f"{self.code[:4]}-{self.code[4:]}"


class GroupMembership(models.Model):
    """A learner who joined a training group (and so was enrolled in its course)."""

    group = models.ForeignKey(
        TrainingGroup, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("group")
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("learner"),
    )
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "learner"], name="courses_groupmembership_one_per_learner"
            ),
        ]

    def __str__(self):
        return f"{self.learner} - {self.group}"


class CourseTeam(models.Model):
    """The trainers of one course, as a Django group holding Wagtail page permissions
    on the course in every language: they edit and publish it and see its reports."""

    course = models.OneToOneField(
        CoursePage, on_delete=models.CASCADE, related_name="team", verbose_name=_("course")
    )
    group = models.OneToOneField(
        "auth.Group", on_delete=models.PROTECT, related_name="course_team", editable=False
    )

    class Meta:
        verbose_name = _("course trainers")
        verbose_name_plural = _("course trainers")

    def __str__(self):
        return str(self.course)
