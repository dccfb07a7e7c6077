"""The home page of the site."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .audiences import Audience
from .page_cache import AnonymousPageCacheMixin


class HomePage(AnonymousPageCacheMixin, Page):
    """What the platform is for, featured courses and the way into the catalogue."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage", "library.LibraryIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find a descendant by its whole URL path in one query, not one per level.

        Wagtail's default walks the tree a level at a time, two queries per level: five
        levels deep for a lesson. Anything this lookup does not find (a draft, a route
        a page defines itself) goes through the default, which answers 404 as usual.
        """
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            page = (
                Page.objects.live()
                .filter(slug=path_components[-1], url_path=url_path)
                .specific()
                .first()
            )
            if page is not None:
                # Let the page route the empty remainder itself: a routable page
                # (the library) picks its view there; any other page returns itself.
                return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import featured_courses

        context = super().get_context(request, *args, **kwargs)
        context["featured"] = featured_courses()
        context["audiences"] = Audience.choices
        return context
