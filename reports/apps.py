from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Read-only figures for trainers and donors, in the admin; nothing imports it.
    What it stores is the exports people ask for (``models.ReportExport``)."""

    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from .models import ReportExport
        from .services import export_file_delete

        post_delete.connect(export_file_delete, sender=ReportExport, dispatch_uid="export_file")
