"""Report exports made in the background: what a report view does with its Download buttons.

Asking for an export records a ``ReportExport`` and enqueues ``tasks.build_report_export``:
a state change, so it is a POST with its CSRF token (the report's own form, its action
the report's address with the current filters), never Wagtail's ``?export=csv`` link,
which is dropped from the header. The task makes the file with the report's own export
code, as that user sees the report. Run at once (the embedded default), the user is sent
the file; queued for the worker (production), the user waits on "Your exports"
(``export_views``).
"""

from __future__ import annotations

from io import BytesIO

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from core.http import error_page

from . import services
from .models import ExportStatus
from .tasks import build_report_export


class BackgroundExportMixin:
    """For a report view (``views.LearnerReportView``: ``report``, ``filters_invalid``,
    ``no_courses``, Wagtail's export writers): its exports as background tasks."""

    # Wagtail's "Download CSV" and "Download XLSX" header links would ask by GET: the
    # report's results show a POST form instead (``reports/export_form.html``).
    show_export_buttons = False

    # Set by ``get`` when the address asked for an export: the screen answers 400.
    export_refused = False

    def export_rows(self):
        """Every row the export holds: the screen's, without pages."""
        return self.get_filtered_queryset()

    def export_file(self, file_format: str) -> bytes:
        """The export in ``file_format``: Wagtail's CSV writer, or ``write_xlsx``."""
        rows = self.export_rows()
        if file_format == self.FORMAT_XLSX:
            output = BytesIO()
            self.write_xlsx(rows, output)
            return output.getvalue()
        return b"".join(self.stream_csv(rows))

    @classmethod
    def export_for(cls, *, user, query: str, file_format: str) -> bytes:
        """The export ``user`` would get now from this report's address with the
        filters ``query``. Raises ``PermissionDenied`` when they could not see it: no
        admin access any more, a course or group in the filters no longer theirs, or no
        course at all."""
        if not (user.is_active and user.has_perm("wagtailadmin.access_admin")):
            raise PermissionDenied
        request = HttpRequest()
        request.method = "GET"
        request.GET = QueryDict(query)
        request.user = user
        view = cls()
        view.setup(request)
        if view.filters_invalid or view.no_courses:
            raise PermissionDenied
        return view.export_file(file_format)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Wagtail's GET export (``?export=csv``) is never made: ``post`` asks for one.
        self.is_export = False

    def filter_query(self) -> QueryDict:
        """The report's own filters that are set, in the form's order: what an export
        records, and what the Download form's action keeps."""
        fields = self.filters.form.fields if self.filters else {}
        query = QueryDict(mutable=True)
        for name in fields:
            if values := [value for value in self.request.GET.getlist(name) if value]:
                query.setlist(name, values)
        return query

    def export_action(self) -> str:
        """Where the Download form posts: this report, with the filters on the screen."""
        query = self.filter_query().urlencode()
        url = reverse(self.index_url_name)
        return f"{url}?{query}" if query else url

    def get(self, request, *args, **kwargs):
        if "export" in request.GET:
            # An old bookmark or a forged address: the screen, saying how to export, and
            # nothing recorded (400, as the address asks for what it does not give). The
            # results fragment shows no messages: the next page would say it, too late.
            if not self.results_only:
                messages.warning(
                    request,
                    gettext(
                        "A report is exported with its Download CSV and Download XLSX "
                        "buttons, above the table."
                    ),
                )
            self.export_refused = True
            # The screen's own links (filters, pages) leave it out.
            request.GET = request.GET.copy()
            request.GET.pop("export")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        """The Download form: the filters in the address (``request.GET``, as on the
        screen), the format in ``export``."""
        file_format = request.POST.get("export")
        if file_format not in self.FORMATS:
            return error_page(request, 400, gettext("A report is exported as CSV or XLSX."))
        if self.filters_invalid:
            # Refused as on the screen: the form says what is wrong (400).
            return super().get(request, *args, **kwargs)
        return self.export_in_background(file_format)

    def export_in_background(self, file_format: str):
        """Ask for the export of what the screen shows. Asking again for one still
        being prepared (a double click, a reloaded address) gives the same one."""
        shown = "; ".join(f"{item.field_label}: {item.value}" for item in self.active_filters)
        try:
            export, new = services.report_export_request(
                user=self.request.user,
                report=self.report,
                query=self.filter_query().urlencode(),
                filters=shown,
                file_format=file_format,
                language=translation.get_language() or settings.LANGUAGE_CODE,
                time_zone=timezone.get_current_timezone_name(),
            )
        except services.TooManyExports:
            message = ngettext(
                "You already have %(count)d export being prepared. Wait until it is "
                "ready (Training reports › Your exports), then ask again.",
                "You already have %(count)d exports being prepared. Wait until one is "
                "ready (Training reports › Your exports), then ask again.",
                services.MAX_WAITING,
            ) % {"count": services.MAX_WAITING}
            return error_page(self.request, 429, message)
        if new:
            build_report_export.enqueue(export.pk)
            export.refresh_from_db()
        if export.status == ExportStatus.READY:
            return redirect("reports_export_download", export.pk)
        if export.status == ExportStatus.QUEUED:
            messages.info(
                self.request,
                gettext("Your file is being prepared: this page offers it as soon as it is ready."),
            )
        return redirect("reports_exports")
