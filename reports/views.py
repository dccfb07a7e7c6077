"""The report screens, in Wagtail's admin: a filter form, a table, CSV and XLSX export.

Each report is a Wagtail ``ReportView`` over the enrolments of the courses the user
manages (``courses.selectors.courses_managed_by``: a course's trainers theirs,
administrators all). The rows come from ``selectors``; screen and export show the same
rows, with hidden (small) figures as ``HIDDEN`` in both.

An export (the Download CSV and Download XLSX buttons above the table, a POST form) is
made by a background task from the same view (``exports.BackgroundExportMixin``): the
user is sent the file when the task ran at once, and otherwise finds it on "Your exports".
"""

from __future__ import annotations

from datetime import date, datetime

import xlsxwriter
from django.utils import timezone
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from courses.models import Enrolment, TrainingGroup
from courses.selectors import courses_managed_by

from . import charts, selectors
from .exports import BackgroundExportMixin
from .filters import LearnerFilterSet, NamedLearnerFilterSet, QuizFilterSet
from .models import Report

# What a hidden figure shows, on the screen and in the export.
HIDDEN = "—"


def _write_xlsx_row(sheet, row: int, values, date_format, zone) -> None:
    """One row of plain values: aware times in local time (``zone``; Excel has no zones),
    numbers as numbers, everything else as text, never read as a formula or a link."""
    for column, value in enumerate(values):
        if isinstance(value, datetime):
            local = value.astimezone(zone).replace(tzinfo=None)
            sheet.write_datetime(row, column, local, date_format)
        elif isinstance(value, date):
            sheet.write_datetime(row, column, value, date_format)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            sheet.write_number(row, column, value)
        elif value not in (None, ""):
            sheet.write_string(row, column, str(value))


class FigureColumn(Column):
    """A number that may be hidden for privacy."""

    cell_template_name = "reports/figure_cell.html"

    def get_value(self, instance):
        value = super().get_value(instance)
        return HIDDEN if value is None else value


class LearnerReportView(BackgroundExportMixin, ReportView):
    """A report over the learners of the user's courses, narrowed by the filters."""

    results_template_name = "reports/report_results.html"
    filterset_class = LearnerFilterSet
    paginate_by = 100
    # Which report this is (``models.Report``): its exports' record and files' name.
    report = ""
    # Shown under the table: what the figures count and how small numbers are handled.
    privacy_note = _(
        "Figures about fewer than 5 learners are hidden (—) when the table describes a "
        "group of people (a filter by group, organisation, country, profession, gender or "
        "age band), and so is the next smallest where one hidden figure could be worked "
        "out from a total. The export applies the same rule."
    )

    def get_filename(self):
        return self.report

    def get_base_queryset(self):
        return Enrolment.objects.filter(course__in=courses_managed_by(self.request.user))

    @cached_property
    def no_courses(self) -> bool:
        return not courses_managed_by(self.request.user).exists()

    @cached_property
    def filters_invalid(self) -> bool:
        return bool(self.filters) and self.filters.is_bound and not self.filters.is_valid()

    def rows(self, enrolments) -> list[dict]:
        raise NotImplementedError

    # What a refused filter or a trainer with no course gets.
    no_rows = ()

    def get_filtered_queryset(self):
        if self.filters_invalid or self.no_courses:
            return self.no_rows
        return self.rows(self.filter_queryset(self.get_base_queryset()))

    def to_row_dict(self, item):
        # Every row is a dict made by ``selectors``: read its keys directly (Wagtail's
        # attribute lookup per cell was a fifth of a large export's time).
        return {field: self._plain(item[field]) for field in self.list_export}

    @cached_property
    def _texts(self) -> dict[int, str]:
        return {}

    def _plain(self, value):
        """``HIDDEN`` for a hidden figure; a translated label (the same few objects on
        thousands of rows) translated once per export, not once per cell."""
        if value is None:
            return HIDDEN
        if isinstance(value, Promise):
            text = self._texts.get(id(value))
            if text is None:
                text = self._texts[id(value)] = str(value)
            return text
        return value

    def write_xlsx(self, queryset, output):
        """With XlsxWriter: several times faster than Wagtail's openpyxl writer for an
        export of thousands of learners (``make bench-reports``)."""
        workbook = xlsxwriter.Workbook(
            output,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
        )
        sheet = workbook.add_worksheet(str(self.get_filename())[:31])
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        headings = [str(self.get_heading(queryset, field)) for field in self.list_export]
        sheet.write_row(0, 0, headings)
        zone = timezone.get_current_timezone()  # once: each lookup costs a context read
        for row, item in enumerate(queryset, start=1):
            _write_xlsx_row(sheet, row, self.to_row_dict(item).values(), date_format, zone)
        workbook.close()

    def chart(self, rows) -> tuple[str, dict] | None:
        """A chart to draw above the table (template, data), or None."""
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = context.get("object_list")
        chart = self.chart(rows) if rows else None
        if chart:
            context["chart_template"], context["chart"] = chart
        context["privacy_note"] = self.privacy_note
        context["filters_invalid"] = self.filters_invalid
        context["no_courses"] = self.no_courses
        context["export_action"] = self.export_action()
        return context

    def render_to_response(self, context, **response_kwargs):
        if self.filters_invalid or self.export_refused:
            # A forged or mistyped filter: the form says what is wrong, and no figures.
            # An export asked for by address: the screen says how to ask (``exports``).
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class CourseOverviewView(LearnerReportView):
    page_title = _("Course overview")
    header_icon = "doc-full"
    report = Report.COURSE_OVERVIEW
    index_url_name = "reports_course_overview"
    index_results_url_name = "reports_course_overview_results"
    columns = [
        Column("course", label=_("Course")),
        FigureColumn("enrolled", label=_("Enrolled")),
        FigureColumn("started", label=_("Started")),
        FigureColumn("active", label=_("Active in the last 30 days")),
        FigureColumn("completed", label=_("Completed")),
        FigureColumn("completion_rate", label=_("Completion rate (%)")),
        FigureColumn("median_days", label=_("Median days to complete")),
        FigureColumn("certificates_issued", label=_("Certificates issued")),
        FigureColumn("certificates_revoked", label=_("Certificates revoked")),
    ]
    list_export = [
        "course",
        "enrolled",
        "started",
        "active",
        "completed",
        "completion_rate",
        "median_days",
        "certificates_issued",
        "certificates_revoked",
    ]
    export_headings = {column.name: column.label for column in columns}

    def rows(self, enrolments):
        return selectors.course_overview(enrolments, narrowed=self.filters.narrowed)

    def chart(self, rows):
        stages = selectors.funnel_stages(list(rows))
        return "reports/charts/funnel.html", charts.funnel(stages, title=_("Completion funnel"))


class LabelColumn(Column):
    """The first column of a breakdown: a section's title in bold, or a row's name."""

    cell_template_name = "reports/label_cell.html"


BREAKDOWN_NOTE = _(
    "Figures about fewer than 5 learners are hidden (—), and so is the next smallest "
    "in the same breakdown where one hidden figure could be worked out from the total. "
    "The export applies the same rule."
)


class ReachSummaryView(LearnerReportView):
    page_title = _("Reach summary")
    header_icon = "table"
    report = Report.REACH_SUMMARY
    index_url_name = "reports_reach"
    index_results_url_name = "reports_reach_results"
    paginate_by = None
    privacy_note = BREAKDOWN_NOTE
    columns = [
        LabelColumn("label", label=_("Breakdown")),
        FigureColumn("took_part", label=_("People who took part")),
        FigureColumn("completed", label=_("Completed a course")),
        FigureColumn("certified", label=_("Certified")),
        FigureColumn("groups", label=_("Training groups held")),
    ]
    list_export = ["label", "took_part", "completed", "certified", "groups"]
    export_headings = {column.name: column.label for column in columns}

    def groups(self):
        """The training groups of the user's courses that the filters select."""
        groups = TrainingGroup.objects.filter(course__in=courses_managed_by(self.request.user))
        data = self.filters.form.cleaned_data
        if data.get("course"):
            groups = groups.filter(course=data["course"])
        if data.get("group"):
            groups = groups.filter(pk=data["group"].pk)
        if data.get("country"):
            groups = groups.filter(country=data["country"])
        if data.get("enrolled_from"):
            groups = groups.filter(starts_on__gte=data["enrolled_from"])
        if data.get("enrolled_to"):
            groups = groups.filter(starts_on__lte=data["enrolled_to"])
        return groups

    def rows(self, enrolments):
        return selectors.reach_summary(enrolments, groups=self.groups())


class KnowledgeGainView(LearnerReportView):
    page_title = _("Knowledge gain")
    header_icon = "pick"
    report = Report.KNOWLEDGE_GAIN
    index_url_name = "reports_gain"
    index_results_url_name = "reports_gain_results"
    paginate_by = None
    privacy_note = BREAKDOWN_NOTE
    columns = [
        LabelColumn("label", label=_("Breakdown")),
        FigureColumn("learners", label=_("Learners with both tests")),
        FigureColumn("pre", label=_("Pre-test average (%)")),
        FigureColumn("post", label=_("Post-test average (%)")),
        FigureColumn("gain", label=_("Gain (points)")),
    ]
    list_export = ["label", "learners", "pre", "post", "gain"]
    export_headings = {column.name: column.label for column in columns}

    def rows(self, enrolments):
        return selectors.knowledge_gain(enrolments)

    def chart(self, rows):
        # All learners, then each training group (the first breakdown).
        shown = [rows[0]]
        for row in rows[2:]:
            if row.get("heading"):
                break
            shown.append(row)
        title = _("Average scores before and after the course (%)")
        return "reports/charts/paired.html", charts.paired(shown, title=title)


class MythsView(LearnerReportView):
    """Which statements learners got wrong first, and which they still believed after."""

    page_title = _("Which myths persist")
    header_icon = "help"
    report = Report.MYTHS
    index_url_name = "reports_myths"
    index_results_url_name = "reports_myths_results"
    filterset_class = QuizFilterSet
    paginate_by = None
    columns = [
        Column("question", label=_("Question or statement")),
        Column("right_answer", label=_("Right answer")),
        FigureColumn("answered", label=_("Learners who answered")),
        FigureColumn("correct_share", label=_("Right at first attempt (%)")),
        FigureColumn("answers", label=_("First answers")),
        FigureColumn("pre_share", label=_("Right in the pre-test (%)")),
        FigureColumn("post_share", label=_("Right in the post-test (%)")),
    ]
    list_export = [
        "question",
        "right_answer",
        "answered",
        "correct_share",
        "answers",
        "pre_share",
        "post_share",
    ]
    export_headings = {column.name: column.label for column in columns}
    privacy_note = _(
        "First attempts only, least known first. With a filter by group, organisation, "
        "country, profession, gender or age band, a question answered by fewer than 5 "
        "learners shows no figures (—). The pre-test and post-test columns compare the "
        "same statements before and after the course."
    )

    @cached_property
    def quiz(self):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("quiz")
        return None

    def rows(self, enrolments):
        if self.quiz is None:
            return []
        return selectors.myths_persist(self.quiz, enrolments, narrowed=self.filters.narrowed)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["needs_quiz"] = self.quiz is None and not self.filters_invalid
        return context


class LearnerColumn(Column):
    """A learner's name, linking to all their courses in this report."""

    cell_template_name = "reports/learner_cell.html"


class LearnerProgressView(LearnerReportView):
    """Each learner of the user's courses (or of one group): progress, results, certificate.
    No gender or age band here: those appear only in aggregates."""

    page_title = _("Learner progress")
    header_icon = "user"
    report = Report.LEARNER_PROGRESS
    index_url_name = "reports_learners"
    index_results_url_name = "reports_learners_results"
    filterset_class = NamedLearnerFilterSet
    paginate_by = 50
    privacy_note = _(
        "Names are shown to the trainers of the course and to administrators only; "
        "gender and age band never appear beside a name."
    )
    columns = [
        LearnerColumn("name", label=_("Learner")),
        Column("organisation", label=_("Organisation")),
        Column("course", label=_("Course")),
        Column("groups", label=_("Training group")),
        FigureColumn("percent", label=_("Complete (%)")),
        Column("last_activity", label=_("Last activity")),
        FigureColumn("final_score", label=_("Best final assessment (%)")),
        Column("certificate", label=_("Certificate")),
    ]
    list_export = [
        "name",
        "email",
        "organisation",
        "course",
        "groups",
        "percent",
        "last_activity",
        "completed",
        "final_score",
        "certificate",
    ]
    export_headings = {column.name: column.label for column in columns} | {
        "email": _("Email"),
        "completed": _("Completed"),
    }

    no_rows = Enrolment.objects.none()

    def export_rows(self):
        return selectors.learner_progress(super().export_rows())

    def rows(self, enrolments):
        # The enrolments, paginated by the view; their rows are made a page at a time.
        return enrolments.order_by("learner__full_name", "learner__email", "course__title").values(
            *selectors.PROGRESS_FIELDS
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The rows of this page only; the export has no pages, so it holds them all.
        context["object_list"] = rows = selectors.learner_progress(context["object_list"])
        context["table"] = self.get_table(rows)
        return context


# The view making each report's exports, for the task (``tasks.build_report_export``).
REPORT_VIEWS = {
    view.report: view
    for view in (
        CourseOverviewView,
        LearnerProgressView,
        ReachSummaryView,
        KnowledgeGainView,
        MythsView,
    )
}
