"""A report's export, made in the background: the only thing the reports app stores."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Report(models.TextChoices):
    """The reports that export; each value is also the name of its files."""

    COURSE_OVERVIEW = "course-overview", _("Course overview")
    LEARNER_PROGRESS = "learner-progress", _("Learner progress")
    REACH_SUMMARY = "reach-summary", _("Reach summary")
    KNOWLEDGE_GAIN = "knowledge-gain", _("Knowledge gain")
    MYTHS = "myths", _("Which myths persist")


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class ExportProblem(models.TextChoices):
    """Why an export failed, in words its owner can act on."""

    ACCESS = (
        "access",
        _(
            "You no longer see these figures: a course or training group in the filters is "
            "not yours any more, or your account lost access to the admin."
        ),
    )
    ERROR = (
        "error",
        _(
            "Something went wrong while the file was made. Try again; if it fails again, "
            "tell an administrator."
        ),
    )


class ReportExport(models.Model):
    """A CSV or XLSX file of one report, with the filters its owner chose, made by a
    background task (``reports.tasks``) as that user sees the report and kept in the
    private "exports" storage for ``KEPT_DAYS`` days. Only its owner downloads it."""

    KEPT_DAYS = 7

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_exports",
        verbose_name=_("asked for by"),
    )
    report = models.CharField(_("report"), max_length=20, choices=Report)
    # The filters as in the report's address (only the report's own fields), and as the
    # screen described them then, in the owner's language.
    query = models.TextField(_("filters (address)"), blank=True)
    filters = models.TextField(_("filters"), blank=True)
    format = models.CharField(_("format"), max_length=4, choices=ExportFormat)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus, default=ExportStatus.QUEUED
    )
    problem = models.CharField(_("problem"), max_length=10, choices=ExportProblem, blank=True)
    # The owner's admin language and time zone when they asked: the headings, the
    # names of rows ("All learners") and the times in an XLSX file follow them.
    language = models.CharField(max_length=15)
    time_zone = models.CharField(max_length=63)
    file_name = models.CharField(_("file in the exports storage"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("asked for at"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="report_export_user_recent")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ExportStatus.READY) | ~Q(file_name=""),
                name="report_export_ready_has_file",
            ),
            models.CheckConstraint(
                condition=Q(status=ExportStatus.FAILED) | Q(problem=""),
                name="report_export_problem_only_if_failed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_report_display()} ({self.get_format_display()})"

    @property
    def download_name(self) -> str:
        """The name the browser saves it under: the report and the day it was asked."""
        day = timezone.localdate(self.created_at).isoformat()
        return f"{self.report}-{day}.{self.format}"
