"""The filters every report offers, over the enrolments of the courses a user manages.

Choices come from the vocabularies and from the user's own courses and groups, so a
forged id in the address (another trainer's course or group) is an invalid choice:
the report answers 400 with the form's message, never another course's figures.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Page

from accounts.models import AgeBand, Gender
from core.choices import AUDIENCE_CHOICES, COUNTRY_CHOICES
from core.forms import IdChoiceField
from courses.models import Enrolment, TrainingGroup
from courses.selectors import courses_managed_by
from quizzes.models import QuizPage

from .selectors import under

# Filters that narrow the learners to a group of people: with any of them set, the
# per-course figures are a breakdown and small numbers are hidden.
NARROWING = ("group", "organisation", "country", "profession", "gender", "age_band")


def managed_courses(request):
    return courses_managed_by(request.user).order_by("title")


def managed_groups(request):
    return TrainingGroup.objects.filter(course__in=courses_managed_by(request.user)).order_by(
        "name"
    )


def managed_quizzes(request):
    """The quizzes of the user's courses (source versions), by course and position."""
    paths = courses_managed_by(request.user).values_list("path", flat=True)
    # A quiz's course is two levels up: its path without the last two steps.
    course = Page.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - 2 * Page.steplen)
    )
    return (
        QuizPage.objects.filter(under(paths), locale__language_code=settings.LANGUAGE_CODE)
        .annotate(course_title=Subquery(course.values("title")[:1]))
        .order_by("path")
    )


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


class QuizField(IdChoiceField):
    def label_from_instance(self, quiz):
        return f"{quiz.course_title} › {quiz.title}"


class QuizChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = QuizField


class LearnerFilterSet(WagtailFilterSet):
    course = IdChoiceFilter(label=_("Course"), queryset=managed_courses, field_name="course")
    group = IdChoiceFilter(label=_("Training group"), queryset=managed_groups, method="in_group")
    enrolled_from = django_filters.DateFilter(
        label=_("Enrolled from"),
        field_name="enrolled_at",
        lookup_expr="date__gte",
        widget=AdminDateInput,
    )
    enrolled_to = django_filters.DateFilter(
        label=_("Enrolled until"),
        field_name="enrolled_at",
        lookup_expr="date__lte",
        widget=AdminDateInput,
    )
    organisation = django_filters.CharFilter(
        label=_("Organisation"),
        field_name="learner__organisation",
        lookup_expr="icontains",
        max_length=200,
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="learner__country", choices=COUNTRY_CHOICES
    )
    profession = django_filters.ChoiceFilter(
        label=_("Profession"), field_name="learner__audience", choices=AUDIENCE_CHOICES
    )
    gender = django_filters.ChoiceFilter(
        label=_("Gender"), field_name="learner__gender", choices=Gender.choices
    )
    age_band = django_filters.ChoiceFilter(
        label=_("Age band"), field_name="learner__age_band", choices=AgeBand.choices
    )

    class Meta:
        model = Enrolment
        fields = []

    def in_group(self, queryset, name, value):
        return queryset.filter(course=value.course_id, learner__group_memberships__group=value)

    @property
    def narrowed(self) -> bool:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return any(data.get(name) for name in NARROWING)


class QuizFilterSet(LearnerFilterSet):
    """The learner filters, and the quiz whose answers are counted."""

    quiz = QuizChoiceFilter(label=_("Quiz"), queryset=managed_quizzes, method="of_quiz")

    def of_quiz(self, queryset, name, value):
        return queryset.filter(course__path=value.course_path)


class NamedLearnerFilterSet(LearnerFilterSet):
    """For reports that name learners: no filter by gender or age band, which would put
    them beside a name, and a filter for one learner (the link from a row)."""

    gender = None
    age_band = None
    # Set by the link on a learner's name; a hidden field, since a list of every
    # learner would weigh more than the report (10,000 names).
    learner = IdChoiceFilter(
        label=_("Learner"),
        queryset=lambda request: enrolled_learners(request),
        field_name="learner",
        widget=forms.HiddenInput,
    )

    def filter_queryset(self, queryset):
        # A report naming learners has nothing to say of an anonymous enrolment (its
        # learner deleted their account): it is counted in the other reports only.
        return super().filter_queryset(queryset.filter(learner__isnull=False))


def enrolled_learners(request):
    return (
        get_user_model()
        .objects.filter(enrolments__course__in=courses_managed_by(request.user))
        .distinct()
    )
