"""Resources and the taxonomy are edited in the admin as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Resource, Term


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "doc-full"
    menu_label = _("Resources")
    list_display = ["title", "resource_type", "publisher", "year"]
    list_filter = ["resource_type", "year"]
    # Searched through Resource.search_fields (Wagtail's index), filters included.

    def get_queryset(self, request):
        return Resource.objects.select_related("resource_type")


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
