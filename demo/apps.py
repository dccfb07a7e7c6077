from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demonstration content, its loader and checker, benchmark-only generators.

    Listed last in INSTALLED_APPS: the only package that imports every app.
    """

    name = "demo"
    verbose_name = _("Demonstration content")
