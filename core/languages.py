"""The reader's language: in the address, remembered in a cookie, offered on every page.

Public addresses start with the language (``/ru/courses/``). Every page exists in every
language's page tree under the same slugs (a page not translated yet is an alias of the
English one), so the same page in another language is the same address with another
prefix: the switcher and the ``hreflang`` alternates cost no query.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.translation import get_language_info

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)
# Each language named as its readers write it, capitalised as a menu item (Django's own
# names for Tajik and Uzbek are lower-case words of a sentence).
OWN_NAMES = {
    "en": "English",
    "ru": "Русский",
    "kk": "Қазақша",
    "ky": "Кыргызча",
    "tg": "Тоҷикӣ",
    "uz": "Oʻzbekcha",
}


def own_name(code: str) -> str:
    """The language's name in the language itself."""
    return OWN_NAMES.get(code) or get_language_info(code)["name_local"]


COOKIE_MAX_AGE = 365 * 24 * 60 * 60


@dataclass(frozen=True)
class LanguageLink:
    """The current address in one language, for the switcher and the alternates."""

    code: str
    name: str  # in the language itself: a reader finds their own language by its name
    url: str
    current: bool
    absolute_url: str  # for hreflang alternates, which must be absolute


def split_language(path: str) -> tuple[str | None, str]:
    """(language, rest) of a path: ``/ru/courses/`` gives ``("ru", "/courses/")``."""
    parts = path.split("/", 2)
    if len(parts) >= 2 and parts[1] in LANGUAGE_CODES:
        return parts[1], "/" + (parts[2] if len(parts) == 3 else "")
    return None, path


def in_language(path: str, code: str) -> str:
    """The address ``path`` (with or without a language prefix) in language ``code``."""
    _language, rest = split_language(path)
    return f"/{code}{rest}"


def language_links(request) -> list[LanguageLink]:
    """The current address in every site language (only for language-prefixed ones)."""
    current, _rest = split_language(request.path)
    if current is None:
        return []
    full_path = request.get_full_path()
    try:
        origin = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        origin = ""  # the error page for a refused host name: no alternates to offer
    links = []
    for code, _name in settings.LANGUAGES:
        url = in_language(full_path, code)
        links.append(
            LanguageLink(
                code=code,
                name=own_name(code),
                url=url,
                current=code == current,
                absolute_url=origin + url if origin else "",
            )
        )
    return links


def languages(request):
    """Template context processor: ``language_links`` for the header and the head."""
    return {"language_links": language_links(request)}


def set_language_cookie(response, code: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=COOKIE_MAX_AGE,
        path="/",
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


class LanguageCookieMiddleware:
    """Remember the language of the address a reader last opened, in a cookie.

    A visitor who follows the switcher to ``/kk/...`` comes back to ``/`` in Kazakh.
    Place after LocaleMiddleware and before the page cache, so that pages served from
    the cache set it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        code, _rest = split_language(request.path_info)
        if (
            code is not None
            and response.status_code < 400
            and settings.LANGUAGE_COOKIE_NAME not in response.cookies  # a view chose one
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != code
            and translation.get_language() == code
        ):
            set_language_cookie(response, code)
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, without sending a missing address outside the public site to a language.

    Django redirects any 404 without a language prefix to the prefixed address when that
    resolves, and Wagtail's catch-all page route resolves everything: a wrong address
    in the admin would be sent to ``/en/admin/...``. Only public addresses get a prefix.
    """

    unprefixed = ("/admin/", "/documents/", "/static/", "/media/", "/language/")

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(self.unprefixed):
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
