from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """The e-library: handbooks, laws, guides and tools of the field."""

    name = "library"
    verbose_name = _("E-library")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.page_cache import invalidate_page_cache

        from .models import Resource, Term, TermName

        # Lessons show cited resources in their cached bodies: re-render them.
        for model in (Resource, Term, TermName):
            uid = model._meta.model_name
            post_save.connect(invalidate_page_cache, sender=model, dispatch_uid=f"{uid}_saved")
            post_delete.connect(invalidate_page_cache, sender=model, dispatch_uid=f"{uid}_deleted")
