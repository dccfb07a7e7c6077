from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The home page, the site's skeleton and the staff groups."""

    name = "home"
    verbose_name = _("Home")
