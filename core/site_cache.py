"""Remember which Wagtail Site serves a host name, across requests.

Wagtail looks the site up with a query on every request and then loads the home page's
specific object to start routing. Both change only when a site or a page is saved, so
this middleware keeps the site, with its specific root page in place of the base one, in the
shared cache under the page-cache generation number (see ``page_cache``), which every
publish, move or delete of a page and every change of a site bumps.

The root page also carries its live translations, one per language
(``LOCALIZED_ATTR``), so that finding the home page of the reader's language, where
routing starts, costs no query either.
"""

from django.conf import settings
from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Site

from .page_cache import generation

LOCALIZED_ATTR = "_localized_by_language"


def _with_translations(root):
    """The specific root page, carrying its live translations by language code."""
    root = root.specific
    translations = root.get_translations(inclusive=True).live().select_related("locale")
    setattr(
        root,
        LOCALIZED_ATTR,
        {page.locale.language_code: page for page in translations.specific()},
    )
    return root


class SiteCacheMiddleware:
    """Set ``request._wagtail_site`` from the cache. Place after the page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request._get_raw_host())[0]
        key = f"wagtail-site:{generation()}:{hostname}:{request.get_port()}"
        site = cache.get(key)
        if site is None:
            site = Site._find_for_request(request)
            if site is not None:
                # The specific home page, so routing starts without another query.
                site.root_page = _with_translations(site.root_page)
                cache.set(key, site, settings.PAGE_CACHE_SECONDS)
        if site is not None:
            request._wagtail_site = site
        return self.get_response(request)
