"""The reports app's only writes: exports asked for, finished, failed, forgotten.

An export's file is made by a background task (``reports.tasks``); these functions
keep its record, each safe to repeat: the database decides with conditional updates.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from .models import ExportProblem, ExportStatus, ReportExport

# An export still waiting after this long is not waited for any more (the worker may
# be stopped): its page stops refreshing, and the same export may be asked for again.
STALE_AFTER = timedelta(minutes=15)
# How many exports one person may have waiting at once: enough for every report, few
# enough that nobody fills the worker's queue by reloading addresses.
MAX_WAITING = 5


class TooManyExports(Exception):
    """The user already has ``MAX_WAITING`` exports being prepared."""


def exports_waiting(*, user, now: datetime | None = None):
    """The user's exports still being prepared, and not given up on."""
    now = now or timezone.now()
    return ReportExport.objects.filter(
        user=user, status=ExportStatus.QUEUED, created_at__gte=now - STALE_AFTER
    )


@transaction.atomic
def report_export_request(
    *,
    user,
    report: str,
    query: str,
    filters: str,
    file_format: str,
    language: str,
    time_zone: str,
) -> tuple[ReportExport, bool]:
    """The export of ``report`` with the filters ``query`` in ``file_format`` for
    ``user``, and whether it is new (the caller then enqueues its task).

    The same export already being prepared is returned instead of a second one, so a
    double click or a reloaded address costs nothing. Raises ``TooManyExports``.
    """
    waiting = exports_waiting(user=user)
    same = waiting.filter(report=report, query=query, format=file_format).first()
    if same is not None:
        return same, False
    if waiting.count() >= MAX_WAITING:
        raise TooManyExports
    export = ReportExport.objects.create(
        user=user,
        report=report,
        query=query,
        filters=filters,
        format=file_format,
        language=language,
        time_zone=time_zone,
    )
    return export, True


def report_export_store(*, export: ReportExport, content: bytes) -> bool:
    """Keep the file of a waiting export and mark it ready. False (and nothing kept)
    when it was not waiting any more: deleted with its owner, or done already."""
    storage = storages["exports"]
    name = storage.save(f"{export.report}-{export.pk}.{export.format}", ContentFile(content))
    done = ReportExport.objects.filter(pk=export.pk, status=ExportStatus.QUEUED).update(
        status=ExportStatus.READY, file_name=name, finished_at=timezone.now()
    )
    if not done:
        storage.delete(name)
    return bool(done)


def report_export_fail(*, export_id: int, problem: str) -> bool:
    """Mark a waiting export failed, saying why (an ``ExportProblem``)."""
    return bool(
        ReportExport.objects.filter(pk=export_id, status=ExportStatus.QUEUED).update(
            status=ExportStatus.FAILED, problem=ExportProblem(problem), finished_at=timezone.now()
        )
    )


def report_exports_prune(*, now: datetime | None = None) -> int:
    """Forget the exports asked for more than ``ReportExport.KEPT_DAYS`` days ago, every
    user's, with their files (``export_file_delete``). Returns how many went."""
    now = now or timezone.now()
    old = ReportExport.objects.filter(created_at__lt=now - timedelta(days=ReportExport.KEPT_DAYS))
    deleted, _by_model = old.delete()
    return deleted


def export_file_delete(sender, instance: ReportExport, **kwargs) -> None:
    """An export's file goes with its record (pruned, or its owner's account deleted),
    once the deletion is committed."""
    if instance.file_name:
        name = instance.file_name
        transaction.on_commit(lambda: storages["exports"].delete(name))
