"""The home page of the site."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.choices import AUDIENCE_CHOICES
from core.page_cache import AnonymousPageCacheMixin
from core.site_cache import LOCALIZED_ATTR
from core.translation import AliasRestrictionsMixin
from courses.selectors import featured_courses

MAX_ROUTED_DEPTH = 12  # deeper than any page of ours


class HomePage(AliasRestrictionsMixin, AnonymousPageCacheMixin, Page):
    """What the platform is for, featured courses and the way into the catalogue."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage", "library.LibraryIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    @property
    def localized(self):
        """The home page of the reader's language, where Wagtail's router starts.

        Wagtail's own answer costs two queries on every request (the active locale,
        then the translation). The site cache (``core.site_cache``) hands out the
        site's home page carrying its live translations, so then it costs none; any
        other instance asks Wagtail.
        """
        translations = getattr(self, LOCALIZED_ATTR, None)
        if translations is None:
            return super().localized
        return translations.get(get_language(), self)

    def route(self, request, path_components):
        """Find the page for a URL in one lookup, not two queries per level.

        Wagtail's default walks the tree a level at a time: five levels deep for a
        lesson. Here the deepest live page whose URL path starts the requested one is
        fetched at once and routes the rest itself: a routable page (the library) picks
        its view, any other page answers 404 for a remainder. Anything not found (a
        draft, an address too deep to be ours) goes through the default, which answers
        404 as usual.
        """
        if 0 < len(path_components) <= MAX_ROUTED_DEPTH:
            prefixes = [
                self.url_path + "/".join(path_components[:n]) + "/"
                for n in range(1, len(path_components) + 1)
            ]
            page = (
                Page.objects.live()
                .filter(slug__in=path_components, url_path__in=prefixes)
                .order_by("-depth")
                .specific()
                .first()
            )
            if page is not None:
                return page.route(request, path_components[page.depth - self.depth :])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured"] = featured_courses(home=self)
        context["audiences"] = AUDIENCE_CHOICES
        return context
