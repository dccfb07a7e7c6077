"""Translations of the demo pages, made the way a trainer makes them: with wagtail-localize.

``demo/translations/pages/<language>/*.po`` hold the pages' English strings (msgid)
with their translations (msgstr), in the form wagtail-localize downloads and uploads
them (``manage.py page_strings`` writes such a file for any part of the tree). A page is
translated when every one of its strings has a translation; the rest of that
language's tree stays aliases of the English pages, showing them with a notice.
"""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    LocaleSynchronization,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.synctree import PageIndex, synchronize_tree

from .report import Report

PAGES_DIR = Path(__file__).resolve().parent / "translations" / "pages"


def sync_language_trees() -> None:
    """Give every language's tree an alias of each English page it lacks."""
    index = PageIndex.from_database().sort_by_tree_position()
    for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
        synchronize_tree(sync.sync_from, sync.locale, page_index=index)


def page_strings(page) -> list[str]:
    """The translatable strings of a page, as wagtail-localize segments them.

    Read from the page as wagtail-localize stores its source (``to_json``), in which
    list blocks saved in Wagtail's older list format have their items too.
    """
    for field in page._meta.concrete_fields:
        if isinstance(field, StreamField):
            list(field.value_from_object(page))  # read every block: saved in today's format
    stored = type(page).from_json(page.to_json())
    return [
        segment.string.data
        for segment in extract_segments(stored)
        if isinstance(segment, StringSegmentValue)
    ]


def read_catalogue(language: str) -> dict[str, str]:
    """English string -> translation, from every PO file of ``language``."""
    catalogue: dict[str, str] = {}
    for path in sorted((PAGES_DIR / language).glob("*.po")):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags:
                catalogue[entry.msgid] = entry.msgstr
    return catalogue


def translate_page(page, locale: Locale, catalogue: dict[str, str]):
    """Translate ``page`` into ``locale`` through wagtail-localize, and publish it."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": catalogue[segment.string.data]},
        )
    translation.save_target(publish=True)


def ensure_page_translations(report: Report) -> None:
    """Translate each English page whose strings a language's PO files all cover."""
    if not PAGES_DIR.is_dir():
        return
    source_pages = (
        Page.objects.filter(locale__language_code=settings.LANGUAGE_CODE, depth__gt=1)
        .order_by("path")
        .specific()
    )
    strings_of: dict[int, list[str]] = {}
    for folder in sorted(p for p in PAGES_DIR.iterdir() if p.is_dir()):
        locale = Locale.objects.filter(language_code=folder.name).first()
        catalogue = read_catalogue(folder.name)
        if locale is None or not catalogue:
            continue
        translated = set(
            Page.objects.filter(locale=locale, alias_of__isnull=True).values_list(
                "translation_key", flat=True
            )
        )
        made = 0
        for page in source_pages:
            if page.translation_key in translated:
                continue
            if page.pk not in strings_of:  # the same for every language: cut once
                strings_of[page.pk] = page_strings(page)
            strings = strings_of[page.pk]
            if strings and all(string in catalogue for string in strings):
                translate_page(page, locale, catalogue)
                made += 1
        if made:
            report.created.append(f"{made} pages in {folder.name}")
