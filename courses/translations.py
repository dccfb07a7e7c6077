"""A course is one course in every language it is read in.

Each language has its own page tree (wagtail-localize): the Russian lesson is another
page than the English one, with the same *translation key*. A learner's records
(enrolment, step completions, quiz attempts, knowledge gain, certificate) are written
against the *source version* of a page: the one in the source language
(``settings.LANGUAGE_CODE``), or the page itself if it has none. They are read by
translation key, so a learner who switches language half-way keeps every completed
step, and two learners reading in two languages count alike.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import get_language
from wagtail.models import Page

from core.languages import own_name
from core.page_cache import shared_generation


def source_first(queryset):
    """``queryset`` ordered with the source-language version of each page first."""
    return queryset.annotate(
        _is_translation=Case(
            When(locale__language_code=settings.LANGUAGE_CODE, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("_is_translation", "pk")


def source_pk(page) -> int:
    """The id of the source-language version of ``page`` (its own if none): one query."""
    found = source_first(Page.objects.filter(translation_key=page.translation_key))
    return found.values_list("pk", flat=True).first() or page.pk


def keys_at_path(path: str):
    """The translation key of the page at ``path``, as a subquery."""
    return Page.objects.filter(path=path).values("translation_key")


def in_reader_language(queryset):
    """Pages of ``queryset`` in the tree of the active language."""
    return queryset.filter(locale__language_code=get_language())


def reader_version(page, model=Page):
    """The live version of ``page`` in the active language, or ``page`` itself.

    One query, none when ``page`` is already in that language (select its locale).
    """
    if page.locale.language_code == get_language():
        return page
    found = in_reader_language(model.objects.live().filter(translation_key=page.translation_key))
    return found.first() or page


def languages_available(keys) -> dict:
    """translation key -> the languages a page is really written in (not aliases), live,
    as (code, name in that language) in the site's order: one query."""
    order = [code for code, _name in settings.LANGUAGES]
    found: dict = {}
    rows = (
        Page.objects.live()
        .filter(translation_key__in=list(keys), alias_of__isnull=True)
        .values_list("translation_key", "locale__language_code")
    )
    for key, code in rows:
        if code in order:
            found.setdefault(key, set()).add(code)
    return {
        key: [(code, own_name(code)) for code in order if code in codes]
        for key, codes in found.items()
    }


def course_languages(course) -> list:
    """The languages ``course`` is written in, kept until content next changes."""
    key = f"course-languages:{shared_generation()}:{course.translation_key}"
    return cache.get_or_set(
        key,
        lambda: languages_available([course.translation_key]).get(course.translation_key, []),
        settings.PAGE_CACHE_SECONDS,
    )
