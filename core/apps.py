from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared kernel: HTTP helpers, caches, rate limiter, vocabularies. No models."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.documents import get_document_model
        from wagtail.models import Page, Site, get_page_models
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .page_cache import (
            invalidate_if_translated,
            invalidate_page_cache,
            invalidate_published_page,
        )

        page_published.connect(invalidate_published_page, dispatch_uid="page_cache_published")
        page_unpublished.connect(invalidate_page_cache, dispatch_uid="page_cache_unpublished")
        post_page_move.connect(invalidate_page_cache, dispatch_uid="page_cache_moved")
        post_delete.connect(invalidate_page_cache, sender=Page, dispatch_uid="page_cache_deleted")
        # Only page saves, not every save of every model.
        for model in get_page_models():
            post_save.connect(
                invalidate_if_translated,
                sender=model,
                dispatch_uid=f"page_cache_translated_{model._meta.label_lower}",
            )
        # Sites are cached under the same generation number (site_cache.py).
        post_save.connect(invalidate_page_cache, sender=Site, dispatch_uid="site_cache_saved")
        post_delete.connect(invalidate_page_cache, sender=Site, dispatch_uid="site_cache_deleted")
        # Lessons show a document's title, format and size in their cached bodies.
        document = get_document_model()
        post_save.connect(invalidate_page_cache, sender=document, dispatch_uid="document_saved")
        post_delete.connect(invalidate_page_cache, sender=document, dispatch_uid="document_deleted")
