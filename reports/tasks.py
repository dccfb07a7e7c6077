"""Report exports made after the click (``core.tasks`` says how tasks run).

The embedded default makes the file at once, in the request; production leaves it to
the worker, and the user finds it on "Your exports".
"""

import logging

from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from django_tasks import task

from .models import ExportProblem, ExportStatus, ReportExport
from .services import report_export_fail, report_export_store, report_exports_prune

logger = logging.getLogger(__name__)


@task()
def build_report_export(export_id: int) -> str:
    """Make the file of a waiting export with the report's own export code, as its
    owner sees the report now: their courses only, their permissions checked again (an
    owner who lost access meanwhile gets a failed export, not the figures). Old exports
    are forgotten afterwards. Returns the export's status."""
    # The report views enqueue this task, so they are imported when it runs.
    from .views import REPORT_VIEWS

    export = (
        ReportExport.objects.select_related("user")
        .filter(pk=export_id, status=ExportStatus.QUEUED)
        .first()
    )
    if export is None:  # deleted with its owner's account, or done already
        return "gone"
    try:
        with translation.override(export.language), timezone.override(export.time_zone):
            content = REPORT_VIEWS[export.report].export_for(
                user=export.user, query=export.query, file_format=export.format
            )
    except PermissionDenied:
        report_export_fail(export_id=export.pk, problem=ExportProblem.ACCESS)
        return ExportStatus.FAILED.value
    except Exception:
        # Said on the user's page; logged, since the embedded default's backend keeps
        # the traceback nowhere (the worker also records it with the task).
        logger.exception("Report export %s failed", export.pk)
        report_export_fail(export_id=export.pk, problem=ExportProblem.ERROR)
        raise
    stored = report_export_store(export=export, content=content)
    report_exports_prune()
    return ExportStatus.READY.value if stored else "gone"
