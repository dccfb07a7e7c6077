"""Resources and the taxonomy are edited in the admin as snippets; wagtail-localize
translates resources."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.db.models import Count, OuterRef, Subquery
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import TranslationSource

from .forms import ResourceForm
from .models import Resource, Term
from .search import search_words

LANGUAGE_COUNT = len(settings.WAGTAIL_CONTENT_LANGUAGES)


class ResourceIndexView(IndexView):
    @cached_property
    def search_query(self):
        # The words only: a quote or a NUL would reach the search engine's own syntax.
        return search_words(super().search_query)


class ResourceViewSet(SnippetViewSet):
    model = Resource
    index_view_class = ResourceIndexView
    icon = "doc-full"
    menu_label = _("Resources")
    list_display = ["title", "resource_type", "publisher", "year"]
    list_filter = ["resource_type", "year"]
    # Each facet lists only its own terms, in the trainer's language (library/forms.py).
    edit_handler = ObjectList(Resource.panels, base_form_class=ResourceForm)
    # Searched through Resource.search_fields (Wagtail's index), filters included.
    # wagtail-localize adds "Translate" to each resource's menu and editor: trainers
    # translate it segment by segment (or as a PO file) and sync it when it changes.

    def get_queryset(self, request):
        # What wagtail-localize's buttons need of each row, read with the rows.
        versions = (
            Resource.objects.filter(translation_key=OuterRef("translation_key"))
            .order_by()
            .values("translation_key")
            .annotate(n=Count("pk"))
            .values("n")
        )
        synced = TranslationSource.objects.filter(
            object_id=OuterRef("translation_key"),
            locale_id=OuterRef("locale_id"),
            translations__enabled=True,
        ).values("pk")[:1]
        return Resource.objects.select_related("resource_type").annotate(
            versions=Subquery(versions), synced_source_id=Subquery(synced)
        )


def _listing_buttons(snippet, user, next_url=None):
    """wagtail-localize's "Translate" and "Sync translated snippets", query-free for the
    resources of the listing (which carry what they need); its own for anything else."""
    if not hasattr(snippet, "versions"):
        yield from localize_hooks.register_snippet_listing_buttons(snippet, user, next_url)
        return
    if not user.has_perm("wagtail_localize.submit_translation"):
        return
    if snippet.versions < LANGUAGE_COUNT:
        yield Button(
            gettext("Translate"),
            reverse(
                "wagtail_localize:submit_snippet_translation",
                args=["library", "resource", quote(snippet.pk)],
            ),
            attrs={"aria-label": gettext("Translate '%(title)s'") % {"title": str(snippet)}},
            icon_name="wagtail-localize-language",
            priority=100,
        )
    if snippet.synced_source_id:
        url = reverse("wagtail_localize:update_translations", args=[snippet.synced_source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield Button(
            gettext("Sync translated snippets"),
            url,
            attrs={
                "aria-label": gettext("Sync translations of '%(title)s'") % {"title": str(snippet)}
            },
            icon_name="resubmit",
            priority=106,
        )


# wagtail-localize's listing hook asks the database twice per row; put the one above in
# its place (importing its hooks first registers them, once).
hooks._hooks["register_snippet_listing_buttons"] = [
    (_listing_buttons if fn is localize_hooks.register_snippet_listing_buttons else fn, order)
    for fn, order in hooks._hooks.get("register_snippet_listing_buttons", [])
]


class TermViewSet(SnippetViewSet):
    model = Term
    icon = "tag"
    menu_label = _("Taxonomy")
    list_display = ["name", "facet", "slug"]
    list_filter = ["facet"]
    search_fields = ["name", "slug"]
    search_backend_name = None


class LibraryGroup(SnippetViewSetGroup):
    menu_label = _("E-library")
    menu_icon = "doc-full-inverse"
    menu_order = 240
    items = (ResourceViewSet, TermViewSet)


register_snippet(LibraryGroup)


@hooks.register("before_delete_snippet")
def keep_shared_terms(request, instances):
    """Shared audiences and countries may be renamed, never deleted."""
    shared = [term for term in instances if isinstance(term, Term) and term.is_shared]
    if shared:
        messages.error(
            request,
            _("%(terms)s: shared audiences and countries cannot be deleted; rename them instead.")
            % {"terms": ", ".join(str(term) for term in shared)},
        )
        return redirect(Term.snippet_viewset.get_url_name("list"))
    return None
