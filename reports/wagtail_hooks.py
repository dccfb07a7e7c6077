"""The Reports menu in the admin: each report a screen with its filters and exports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import export_views, views
from .dashboard import TrainingGroupsPanel, UnfinishedPagesPanel, YourCoursesPanel

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
    urls += [
        path("training-reports/exports/", export_views.export_list, name="reports_exports"),
        path(
            "training-reports/exports/<int:pk>/download/",
            export_views.export_download,
            name="reports_export_download",
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
        + [
            # The files asked for of the reports: made in the background in production.
            MenuItem(
                _("Your exports"),
                reverse("reports_exports"),
                icon_name="download",
                order=len(REPORTS),
            )
        ]
    )
    return SubmenuMenuItem(_("Training reports"), menu, icon_name="table", order=245)


@hooks.register("construct_homepage_panels")
def add_your_courses(request, panels):
    panels[:0] = [YourCoursesPanel(), TrainingGroupsPanel(), UnfinishedPagesPanel()]


@hooks.register("construct_homepage_summary_items", order=1000)
def no_site_summary(request, summary_items):
    """Wagtail's "84 Pages · 0 Images" tells a trainer nothing about their work: the
    panels above say it instead. Last (order), after every app has added its count."""
    summary_items.clear()
