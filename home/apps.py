from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The home page, the site's skeleton and the staff groups."""

    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save

        # wagtail-localize fills a language's tree whenever its synchronisation is
        # saved, even when the row is being loaded from a fixture or a test database's
        # snapshot (before the locales it names exist): only for real saves here.
        post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
        post_save.connect(
            _sync_trees_unless_raw,
            sender=LocaleSynchronization,
            dispatch_uid="home_sync_trees_unless_raw",
        )


def _sync_trees_unless_raw(instance, raw=False, **kwargs):
    if not raw:
        instance.sync_trees()
