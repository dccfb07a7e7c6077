"""The Reports menu in the admin: each report a screen with its filters and exports."""

from django.conf import settings
from django.db.models import Count, OuterRef, Subquery
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from courses.models import CourseIndexPage, Enrolment, TrainingGroup
from courses.selectors import courses_managed_by

from . import views

REPORTS = [
    ("courses", "reports_course_overview", views.CourseOverviewView, _("Course overview")),
    ("learners", "reports_learners", views.LearnerProgressView, _("Learner progress")),
    ("reach", "reports_reach", views.ReachSummaryView, _("Reach summary")),
    ("knowledge-gain", "reports_gain", views.KnowledgeGainView, _("Knowledge gain")),
    ("myths", "reports_myths", views.MythsView, _("Which myths persist")),
]


@hooks.register("register_admin_urls")
def register_urls():
    urls = []
    for slug, name, view, _label in REPORTS:
        urls += [
            path(f"training-reports/{slug}/", view.as_view(), name=name),
            path(
                f"training-reports/{slug}/results/",
                view.as_view(results_only=True),
                name=f"{name}_results",
            ),
        ]
    return urls


@hooks.register("register_admin_menu_item")
def register_menu():
    # Shown to all staff (no query on every admin page); a trainer with no course
    # assigned yet is told so on the report.
    menu = Menu(
        items=[
            MenuItem(label, reverse(name), icon_name="doc-full", order=i)
            for i, (_slug, name, _view, label) in enumerate(REPORTS)
        ]
    )
    return SubmenuMenuItem(_("Training reports"), menu, icon_name="table", order=245)


class YourCoursesPanel(Component):
    """The first thing a trainer sees in the admin: their courses, with their learners,
    groups and reports one click away (administrators see every course)."""

    name = "your_courses"
    template_name = "reports/your_courses_panel.html"
    order = 50
    SHOWN = 20

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        learners = Enrolment.objects.filter(course=OuterRef("pk")).order_by().values("course")
        groups = TrainingGroup.objects.filter(course=OuterRef("pk")).order_by().values("course")
        courses = (
            courses_managed_by(request.user)
            .annotate(
                enrolled=Subquery(learners.annotate(n=Count("pk")).values("n")[:1]),
                completed=Subquery(
                    learners.filter(completed_at__isnull=False)
                    .annotate(n=Count("pk"))
                    .values("n")[:1]
                ),
                groups=Subquery(groups.annotate(n=Count("pk")).values("n")[:1]),
            )
            .order_by("title")
        )
        catalogue = CourseIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        shown = list(courses[: self.SHOWN + 1])
        return {
            "courses": shown[: self.SHOWN],
            "more": len(shown) > self.SHOWN,  # the rest are in the course overview
            "catalogue": catalogue.values_list("pk", flat=True).first(),
            "request": request,
        }


@hooks.register("construct_homepage_panels")
def add_your_courses(request, panels):
    panels.insert(0, YourCoursesPanel())
