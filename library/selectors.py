"""Reads of the e-library for readers: one version of each resource, in their language.

Readers see one version of each resource (``for_reader``): the translation in their
language where a trainer has made one, otherwise the original; taxonomy terms are
named in their language where the term has a name in it (``term_labels``). Other apps
get what a lesson shows of a resource as a frozen ``ResourceCard``; search and facets
are in ``search.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    FilteredRelation,
    OuterRef,
    Q,
)
from django.utils.translation import get_language, gettext
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, ReferenceIndex

from core.page_cache import generation
from core.vocabularies import AUDIENCES, COUNTRIES

from .extensions import CitingCourse, citing_courses
from .models import LibraryIndexPage, Resource, Term
from .terms import FIXED_FACETS

DEFAULT_LANGUAGE = get_supported_content_language_variant(settings.LANGUAGE_CODE)
# The shared vocabularies' names, translated by the interface catalogue.
SHARED_NAMES = {
    **{("audience", code): name for code, name in AUDIENCES},
    **{("country", code): name for code, name in COUNTRIES},
}


def reader_language() -> str:
    """The content language of the reader: the active language, or the site's default."""
    try:
        return get_supported_content_language_variant(get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return DEFAULT_LANGUAGE


def for_reader():
    """One version of each resource, as the reader should see it (a lazy queryset).

    The translation in the reader's language where there is one; otherwise the
    original, that is the first version catalogued (the lowest id of its translation
    key), whatever its language, so a resource described only in Russian is still
    listed for a reader in English.
    """
    language = reader_language()
    versions = Resource.objects.filter(translation_key=OuterRef("translation_key"))
    return Resource.objects.filter(
        Q(locale__language_code=language)
        | (
            ~Exists(versions.filter(locale__language_code=language))
            & ~Exists(versions.filter(pk__lt=OuterRef("pk")))
        )
    )


def term_labels() -> dict[int, str]:
    """Term names in the reader's language ({term id: name}), cached until content changes.

    Empty in the default language, where the terms' own names are used. A shared
    audience or country without a name set by a trainer is named as the rest of the
    site names it (the interface catalogue), so learners' profiles and the e-library
    agree; a name set on the term comes first.
    """
    language = reader_language()
    if language == DEFAULT_LANGUAGE:
        return {}

    def find():
        rows = (
            Term.objects.annotate(
                local=FilteredRelation("names", condition=Q(names__language=language))
            )
            .filter(Q(facet__in=FIXED_FACETS) | Q(local__isnull=False))
            .values_list("pk", "facet", "slug", "local__name")
        )
        # A row is a term named in this language, or a shared one (which has a name).
        return {
            pk: name or gettext(SHARED_NAMES[(facet, slug)])
            for pk, facet, slug, name in rows
            if name or (facet, slug) in SHARED_NAMES
        }

    key = f"library:term-names:{generation()}:{language}"
    return cache.get_or_set(key, find, settings.PAGE_CACHE_SECONDS)


def label_terms(resources, labels: dict[int, str] | None = None) -> None:
    """Name the already loaded type and facet terms of ``resources`` for the reader."""
    labels = term_labels() if labels is None else labels
    if not labels:
        return
    for resource in resources:
        terms = [resource.resource_type] if Resource.resource_type.is_cached(resource) else []
        for relation in ("languages", "countries", "audiences", "topics"):
            if relation in getattr(resource, "_prefetched_objects_cache", {}):
                terms.extend(getattr(resource, relation).all())
        name_terms(terms, labels)


def name_terms(terms, labels: dict[int, str]) -> None:
    for term in terms:
        term.label = labels.get(term.pk, term.name)


def related_resources(resource: Resource, limit: int = 4) -> list[Resource]:
    """Other resources sharing the most topics with this one, as the reader sees them."""
    topic_ids = [t.pk for t in resource.topics.all()]  # prefetched by the detail view
    related = list(
        for_reader()
        .exclude(translation_key=resource.translation_key)
        .filter(topics__in=topic_ids)
        .annotate(shared=Count("topics"))
        .order_by("-shared", "-year", "pk")
        .select_related("resource_type", "locale")[:limit]
    )
    label_terms(related)
    return related


def resource_for_reader(slug: str) -> Resource | None:
    """The resource at ``/library/<slug>/``, in the reader's version, with its terms.

    Any version's slug finds the resource, so an address shared by a reader in one
    language opens the same resource for a reader in another.
    """
    resource = (
        for_reader()
        .filter(translation_key__in=Resource.objects.filter(slug=slug).values("translation_key"))
        .select_related("resource_type", "document", "locale")
        .prefetch_related("languages", "countries", "audiences", "topics")
        .order_by("pk")
        .first()
    )
    if resource is not None:
        label_terms([resource])
    return resource


def library_url() -> str | None:
    """The address of the live e-library page in the reader's language (or any, if it
    has none), cached until content next changes."""
    language = get_language()

    def find():
        pages = LibraryIndexPage.objects.live().order_by("path")
        page = pages.filter(locale__language_code=language).first() or pages.first()
        return (page.get_url() if page else None) or ""

    url = cache.get_or_set(
        f"library:url:{generation()}:{language}", find, settings.PAGE_CACHE_SECONDS
    )
    return url or None


@dataclass(frozen=True)
class ResourceCard:
    """What a lesson shows of a cited resource, in the version for the reader."""

    title: str
    language: str  # the language code of the version shown
    kind: str  # its type, named for the reader
    languages: tuple[str, ...]  # the languages it is available in, named for the reader
    publisher: str
    year: int | None
    detail_url: str | None  # its page in the e-library, if the e-library is published
    url: str  # the publisher's page
    document_url: str | None
    document_format: str  # "PDF"
    document_size: int | None  # bytes


def _card(shown: Resource, base_url: str | None) -> ResourceCard:
    document = shown.document
    detail = LibraryIndexPage.get_resolver().reverse("detail", slug=shown.slug)
    return ResourceCard(
        title=shown.title,
        language=shown.locale.language_code,
        kind=shown.resource_type.label,
        languages=tuple(term.label for term in shown.languages.all()),
        publisher=shown.publisher,
        year=shown.year,
        detail_url=base_url + detail if base_url else None,
        url=shown.url,
        document_url=document.url if document else None,
        document_format=document.file_extension.upper() if document else "",
        document_size=document.file_size if document else None,
    )


class CitedResource(NamedTuple):
    """A resource a lesson cites: the record chosen, and the card readers see."""

    resource: Resource
    card: ResourceCard


def resource_cards(ids) -> dict[int, CitedResource]:
    """Public: resources by id with the card a lesson shows of each, in two queries.

    Keyed by the ids asked for, each with the resource itself (an editor's chooser
    keeps what was chosen) and the card of the version to show the reader: its
    translation in the reader's language if there is one, otherwise itself.
    """
    ids = set(ids)
    if not ids:
        return {}
    language = reader_language()
    rows = list(
        Resource.objects.filter(
            Q(pk__in=ids)
            | Q(
                locale__language_code=language,
                translation_key__in=Resource.objects.filter(pk__in=ids).values("translation_key"),
            )
        )
        .annotate(
            in_reader_language=ExpressionWrapper(
                Q(locale__language_code=language), output_field=BooleanField()
            )
        )
        .select_related("resource_type", "document", "locale")
        .prefetch_related("languages")
    )
    label_terms(rows)
    translated = {r.translation_key: r for r in rows if r.in_reader_language}
    base = library_url() if rows else None
    return {
        r.pk: CitedResource(r, _card(translated.get(r.translation_key, r), base))
        for r in rows
        if r.pk in ids
    }


def resource_citations(resource: Resource, request=None) -> list[CitingCourse]:
    """The live courses and lessons whose body cites any version of ``resource``.

    Read from Wagtail's reference index, which records what each lesson cites; the
    courses app says which of those pages are live lessons, and of which course
    (``extensions.citing_courses``).
    """
    versions = Resource.objects.filter(translation_key=resource.translation_key)
    page_ids = (
        ReferenceIndex.get_references_to_in_bulk(versions)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    ids = [int(pk) for pk in page_ids if pk.isdigit()]
    return citing_courses.find(page_ids=ids, request=request) if ids else []
