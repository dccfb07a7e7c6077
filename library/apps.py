from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """The e-library: handbooks, laws, guides and tools of the field."""

    name = "library"
    verbose_name = _("E-library")
