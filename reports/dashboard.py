"""The admin's first screen (its dashboard) for trainers and administrators: their
courses with their learners, groups and reports one click away, the pages they left
unfinished, and, for those who issue certificates, who is waiting for one."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from certificates.selectors import awaiting_certificates
from certificates.services import ISSUE_PERMISSION
from courses.models import CourseIndexPage, Enrolment, TrainingGroup
from courses.selectors import courses_managed_by

from .selectors import ACTIVE_DAYS, under


def _count(queryset):
    return Subquery(queryset.annotate(n=Count("pk")).values("n")[:1])


class YourCoursesPanel(Component):
    """Their courses (administrators: every course) with enrolled, active, completed and
    groups, links to each report, and the one way to start a new course."""

    name = "your_courses"
    template_name = "reports/your_courses_panel.html"
    order = 50
    SHOWN = 20

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        since = timezone.now() - timedelta(days=ACTIVE_DAYS)
        learners = Enrolment.objects.filter(course=OuterRef("pk")).order_by().values("course")
        groups = TrainingGroup.objects.filter(course=OuterRef("pk")).order_by().values("course")
        courses = (
            courses_managed_by(request.user)
            .annotate(
                enrolled=_count(learners),
                active=_count(learners.filter(last_activity_at__gte=since)),
                completed=_count(learners.filter(completed_at__isnull=False)),
                groups=_count(groups),
            )
            .order_by("title")
        )
        catalogue = CourseIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        shown = list(courses[: self.SHOWN + 1])
        awaiting = None
        if request.user.has_perm(ISSUE_PERMISSION):
            awaiting = awaiting_certificates().count()
        return {
            "courses": shown[: self.SHOWN],
            "more": len(shown) > self.SHOWN,  # the rest are in the course overview
            "catalogue": catalogue.values_list("pk", flat=True).first(),
            "awaiting": awaiting,
            "request": request,
        }


class TrainingGroupsPanel(Component):
    """The training groups of their courses that are running or still to come, soonest
    first, with who joined and the code to hand out; groups that ended are in the list
    of all groups."""

    name = "training_groups"
    template_name = "reports/training_groups_panel.html"
    order = 55
    SHOWN = 10

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        today = timezone.localdate()
        groups = (
            TrainingGroup.objects.filter(course__in=courses_managed_by(request.user))
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
            .select_related("course")
            .annotate(members=Count("memberships"))
            .order_by(F("starts_on").asc(nulls_last=True), "name", "pk")
        )
        shown = list(groups[: self.SHOWN + 1])
        return {
            "groups": shown[: self.SHOWN],
            "more": len(shown) > self.SHOWN,
            "today": today,
            "request": request,
        }


class UnfinishedPagesPanel(Component):
    """Pages in the user's courses never published or with changes not yet published,
    newest first: a half-written lesson is found again here, not by accident."""

    name = "unfinished_pages"
    template_name = "reports/unfinished_pages_panel.html"
    order = 60
    SHOWN = 10

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        paths = courses_managed_by(request.user).values_list("path", flat=True)
        pages = (
            Page.objects.filter(under(paths))
            .filter(Q(live=False) | Q(has_unpublished_changes=True))
            .filter(alias_of__isnull=True)
            .order_by("-latest_revision_created_at", "-pk")
            .only("pk", "title", "draft_title", "live", "latest_revision_created_at")
        )
        shown = list(pages[: self.SHOWN + 1])
        return {
            "pages": shown[: self.SHOWN],
            "more": len(shown) > self.SHOWN,
            "request": request,
        }
