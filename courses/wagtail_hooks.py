"""Courses in Wagtail's admin: training groups, and who trains each course.

A trainer sees and changes only the groups of the courses they may publish
(``selectors.courses_managed_by``, which asks Wagtail's page permissions); an id of
another course's group in the address answers 404. Administrators see everything.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import DeleteView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from core.languages import split_language
from core.vocabularies import TRAINERS

from .models import CoursePage, CourseTeam, TrainingGroup
from .selectors import courses_managed_by
from .services import course_team_add, course_team_set


def _staff():
    """The people who may be named trainers: members of the Trainers group."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=TRAINERS)
        .order_by("full_name", "email")
    )


class TrainerField(forms.ModelMultipleChoiceField):
    """Trainers to tick, by name."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, user):
        return str(user.full_name or user)


# Training groups --------------------------------------------------------------------


class TrainingGroupForm(WagtailAdminModelForm):
    class Meta:
        model = TrainingGroup
        fields = ["name", "course", "starts_on", "ends_on", "country", "place", "trainers"]
        field_classes = {"trainers": TrainerField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses_managed_by(self.for_user).order_by("title")
        self.fields["trainers"].queryset = _staff()
        if not self.instance.pk and self.for_user is not None:
            self.fields["trainers"].initial = [self.for_user.pk]  # who creates it, leads it

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The group cannot end before it starts."))
        return data


class ScopedObjectMixin:
    """Only groups of the courses the user manages; any other id is "not found"."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not courses_managed_by(self.request.user).filter(pk=obj.course_id).exists():
            raise Http404
        return obj


class TrainingGroupIndexView(IndexView):
    def get_base_queryset(self):
        courses = courses_managed_by(self.request.user)
        return (
            super()
            .get_base_queryset()
            .filter(course__in=courses)
            .select_related("course")
            .annotate(member_count=Count("memberships"))
        )


class TrainingGroupEditView(ScopedObjectMixin, EditView):
    pass


class TrainingGroupDeleteView(ScopedObjectMixin, DeleteView):
    pass


class TrainingGroupInspectView(ScopedObjectMixin, InspectView):
    template_name = "courses/admin/training_group_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group = self.object
        # Without a language: it opens in the language of whoever follows it.
        _language, path = split_language(reverse("courses:join_group"))
        link = f"{path}?code={group.display_code}"
        context["invitation_url"] = self.request.build_absolute_uri(link)
        context["members"] = group.memberships.select_related("learner").order_by("joined_at")
        return context


class TrainingGroupViewSet(ModelViewSet):
    model = TrainingGroup
    index_view_class = TrainingGroupIndexView
    edit_view_class = TrainingGroupEditView
    delete_view_class = TrainingGroupDeleteView
    inspect_view_class = TrainingGroupInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    icon = "group"
    menu_label = _("Training groups")
    url_prefix = "training/groups"
    name = "training_groups"
    list_display = [
        TitleColumn(
            "name",
            label=_("Name"),
            get_url=lambda group: reverse("training_groups:inspect", args=[group.pk]),
        ),
        "course",
        "starts_on",
        "ends_on",
        Column("country", label=_("Country"), accessor="get_country_display"),
        Column("member_count", label=_("Members")),
        Column("display_code", label=_("Invitation code")),
    ]
    list_filter = ["course", "country"]
    search_fields = ["name", "place"]
    search_backend_name = None
    ordering = ["-starts_on", "name"]

    def get_form_class(self, for_update=False):
        return TrainingGroupForm


# Course trainers ----------------------------------------------------------------------


class CourseTeamForm(WagtailAdminModelForm):
    trainers = TrainerField(
        label=_("Trainers"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_(
            "They may edit, translate and publish this course, manage its training groups "
            "and see its reports. Only members of the Trainers group are listed."
        ),
    )

    class Meta:
        model = CourseTeam
        fields = ["course"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        courses = CoursePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        courses = courses.order_by("title")
        if self.instance.pk:
            self.fields["course"].disabled = True
            self.fields["trainers"].initial = list(self.instance.group.user_set.all())
        else:
            courses = courses.exclude(team__isnull=False)
        self.fields["course"].queryset = courses
        self.fields["trainers"].queryset = _staff()

    def save(self, commit=True):
        self.instance = course_team_set(
            course=self.cleaned_data["course"], trainers=self.cleaned_data["trainers"]
        )
        return self.instance


class CourseTeamIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super().get_base_queryset().select_related("course").prefetch_related("group__user_set")
        )


def _trainer_names(team):
    users = team.group.user_set.all()
    return format_html_join(", ", "{}", ((u.full_name or u.email,) for u in users)) or "—"


class CourseTeamViewSet(ModelViewSet):
    model = CourseTeam
    index_view_class = CourseTeamIndexView
    copy_view_enabled = False
    icon = "user"
    menu_label = _("Course trainers")
    url_prefix = "training/trainers"
    name = "course_trainers"
    list_display = [
        TitleColumn("course", label=_("Course"), url_name="course_trainers:edit"),
        Column("trainers", label=_("Trainers"), accessor=_trainer_names),
    ]

    def get_form_class(self, for_update=False):
        return CourseTeamForm


class TrainingMenu(ViewSetGroup):
    menu_label = _("Training")
    menu_icon = "group"
    menu_order = 240
    items = (TrainingGroupViewSet, CourseTeamViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return TrainingMenu()


@hooks.register("after_create_page")
def make_the_author_a_trainer(request, page):
    """A trainer who creates a course becomes one of its trainers, so they may publish it
    (trainers may only add courses to the catalogue, not publish every course)."""
    if not isinstance(page.specific, CoursePage) or request.user.is_superuser:
        return
    if not courses_managed_by(request.user).filter(pk=page.pk).exists():
        course_team_add(course=page, trainer=request.user)
