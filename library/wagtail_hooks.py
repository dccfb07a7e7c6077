"""Resources and the taxonomy are edited in the admin as snippets; resources translate."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, OuterRef, Subquery
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import Resource, Term
from .services import can_translate

LANGUAGE_COUNT = len(settings.WAGTAIL_CONTENT_LANGUAGES)


def _translate_url(resource: Resource) -> str:
    return reverse("library_translate_resource", args=[resource.pk])


class ResourceEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if can_translate(self.request.user):
            buttons.append(
                Button(
                    _("Translate"), url=_translate_url(self.object), icon_name="globe", priority=5
                )
            )
        return buttons


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "doc-full"
    menu_label = _("Resources")
    list_display = ["title", "resource_type", "publisher", "year"]
    list_filter = ["resource_type", "year"]
    edit_view_class = ResourceEditView
    # Searched through Resource.search_fields (Wagtail's index), filters included.

    def get_queryset(self, request):
        # How many languages each resource is in, for its "Translate" button.
        versions = (
            Resource.objects.filter(translation_key=OuterRef("translation_key"))
            .order_by()
            .values("translation_key")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Resource.objects.select_related("resource_type").annotate(
            versions=Subquery(versions)
        )


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


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "library/resources/<int:pk>/translate/",
            admin_views.translate_resource,
            name="library_translate_resource",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def translate_button(snippet, user, next_url=None):
    """ "Translate" in a resource's menu, unless it is in every language already."""
    if (
        isinstance(snippet, Resource)
        and getattr(snippet, "versions", 0) < LANGUAGE_COUNT
        and can_translate(user)
    ):
        yield MenuItem(_("Translate"), _translate_url(snippet), icon_name="globe", priority=5)


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
