"""Whole-page cache for anonymous visitors, invalidated whenever content changes.

Pages opt in with ``AnonymousPageCacheMixin``: their 200 responses to anonymous
visitors are stored, keyed by host, language and full path, and the middleware answers the
next anonymous request for that address from the cache before Wagtail routes it.
Every publish, unpublish, move or delete of a page bumps a generation number that is
part of every key, so stale pages are never served. There is one generation for all
languages and one per language: publishing a page in one language's tree (a Russian
translation, or the Russian alias that follows an English page) makes only that
language's pages stale; what every language shows (a course's list of languages, the
e-library, sites, moves, deletions) makes all of them stale. The cache must be shared
by all processes (production settings use one), or a publish only invalidates its own.
"""

import hashlib
import time
from collections.abc import Collection

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

GENERATION_KEY = "page-cache:generation"
CACHE_HEADER = "X-Page-Cache"


def _language_key(code: str) -> str:
    return f"{GENERATION_KEY}:{code}"


def invalidate_page_cache(**kwargs) -> None:
    """Make every cached page stale (signal receiver and plain function)."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def invalidate_language(code: str) -> None:
    """Make the cached pages of one language stale."""
    cache.set(_language_key(code), time.time_ns(), None)


def invalidate_published_page(instance=None, **kwargs) -> None:
    """``page_published``: stale pages in the page's language only (or all, if unknown)."""
    if instance is None:
        return invalidate_page_cache()
    return invalidate_language(instance.locale.language_code)


def invalidate_if_translated(instance=None, created=False, update_fields=None, **kwargs):
    """``post_save`` of a page (connected for each page model): an alias turned into a
    translation (or back), or a page made in a language's tree, changes what every
    language shows of it (the languages a course is written in): stale pages in all
    languages."""
    if (update_fields and "alias_of_id" in update_fields) or (
        created and instance.alias_of_id is None
    ):
        invalidate_page_cache()


def shared_generation() -> int:
    """The generation of what every language shows alike (e.g. a course's languages)."""
    return cache.get(GENERATION_KEY, 0)


def generation(language: str | None = None) -> str:
    """The content generation of ``language`` (the active one by default): part of the
    key of anything cached from pages. One cache read."""
    code = language or get_language() or settings.LANGUAGE_CODE
    found = cache.get_many([GENERATION_KEY, _language_key(code)])
    return f"{found.get(GENERATION_KEY, 0)}.{found.get(_language_key(code), 0)}"


def _is_anonymous_get(request) -> bool:
    # A visitor with a session may be signed in or have messages waiting: never
    # serve them a shared page. Deciding from the cookies costs no query.
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _key(request) -> str:
    # The host is part of the address: two sites served by one process never share a
    # page. get_host() refuses a host not in ALLOWED_HOSTS, before anything is stored.
    # The address is hashed: a key stays short whatever a visitor puts in the address.
    host = request.get_host()
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"page-cache:{generation()}:{host}:{get_language()}:{address}"


class AnonymousPageCacheMiddleware:
    """Serve and store opted-in pages for anonymous visitors. Place after LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_anonymous_get(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response[CACHE_HEADER] = "hit"
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
            return response
        response = self.get_response(request)
        if getattr(response, "anonymous_cacheable", False) and response.status_code == 200:
            cache.set(
                key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS
            )
            response[CACHE_HEADER] = "miss"
        return response


class AnonymousPageCacheMixin:
    """Mark a page type's responses as safe to share between anonymous visitors.

    Only addresses whose query string holds nothing but ``cache_query_params`` (each
    once, with a value the page knows) are stored: ``?audience=judges`` is, while
    ``?junk=1`` or ``?audience=junk`` is served but not kept, so nobody can fill the
    shared cache by varying the address.
    """

    cache_query_params: dict[str, Collection[str]] = {}

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not request.user.is_authenticated and not getattr(request, "is_preview", False):
            if hasattr(response, "render"):
                response.render()
            response.anonymous_cacheable = all(
                len(values) == 1 and values[0] in self.cache_query_params.get(key, ())
                for key, values in request.GET.lists()
            )
        return response
