"""The "Your exports" page: the files a user asked of the reports, and their download.

Only the user who asked sees an export or downloads it (anyone else, administrators
included, gets 404): it holds what that user's reports show, names included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from core.forms import MAX_ID
from core.http import methods

from .models import ExportFormat, ExportStatus, ReportExport
from .services import STALE_AFTER
from .views import REPORT_VIEWS

SHOWN = 20
# While a file is being prepared the page reloads itself (a <meta> refresh, no script)
# this often, unless the user asks it not to.
REFRESH_SECONDS = 10
CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ExportRow:
    """One export as the page lists it."""

    report: str
    filters: str
    format: str
    created_at: datetime
    status: str
    stalled: bool  # still waiting long after it was asked for: the worker may be stopped
    problem: str
    download_url: str
    report_url: str  # the report with the same filters, to look again or ask again


def _row(export: ReportExport, now: datetime) -> ExportRow:
    view = REPORT_VIEWS[export.report]
    report_url = reverse(view.index_url_name)
    return ExportRow(
        report=export.get_report_display(),
        filters=export.filters,
        format=export.get_format_display(),
        created_at=export.created_at,
        status=export.status,
        stalled=export.status == ExportStatus.QUEUED and export.created_at < now - STALE_AFTER,
        problem=export.get_problem_display(),
        download_url=reverse("reports_export_download", args=[export.pk]),
        report_url=f"{report_url}?{export.query}" if export.query else report_url,
    )


@methods("GET")
def export_list(request):
    """The user's exports of the last ``ReportExport.KEPT_DAYS`` days, newest first,
    each being prepared, ready to download, or failed (and why). One query."""
    now = timezone.now()
    exports = ReportExport.objects.filter(
        user=request.user, created_at__gte=now - timedelta(days=ReportExport.KEPT_DAYS)
    ).only("report", "query", "filters", "format", "status", "problem", "created_at")
    rows = [_row(export, now) for export in exports[:SHOWN]]
    waiting = any(row.status == ExportStatus.QUEUED and not row.stalled for row in rows)
    return TemplateResponse(
        request,
        "reports/exports.html",
        {
            "rows": rows,
            "waiting": waiting,
            "refresh": REFRESH_SECONDS if waiting and request.GET.get("refresh") != "off" else None,
            "kept_days": ReportExport.KEPT_DAYS,
        },
    )


@methods("GET")
def export_download(request, pk: int):
    """The file of a ready export, to the user who asked for it only."""
    if pk > MAX_ID:
        raise Http404
    export = ReportExport.objects.filter(
        pk=pk, user=request.user, status=ExportStatus.READY
    ).first()
    storage = storages["exports"]
    if export is None or not storage.exists(export.file_name):
        raise Http404
    response = FileResponse(
        storage.open(export.file_name, "rb"),
        as_attachment=True,
        filename=export.download_name,
        content_type=CONTENT_TYPES[export.format],
    )
    response["Cache-Control"] = "private, no-store"
    return response
