from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Read-only figures for trainers and donors, in the admin; nothing imports it."""

    name = "reports"
    verbose_name = _("Reports")
