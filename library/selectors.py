"""Search and facets for /library/, in a fixed number of queries whatever the results.

A text query is run once, by Wagtail's search (database backend), over the whole
catalogue; its matches then restrict the results and every facet count in SQL, so
facets combine with the search and with each other.

Readers see one version of each resource (``for_reader``): the translation in their
language where a trainer has made one, otherwise the original; taxonomy terms are
named in their language where the term has a name in it (``term_labels``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    Value,
    When,
)
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from elearning.page_cache import generation

from .models import Facet, LibraryIndexPage, Resource, Term, TermName

PER_PAGE = 20
MAX_RANKED_WORDS = 6
NARROW = 500  # results up to this many are fetched as ids once and reused
# Where a word is found counts as much as the index's boost for that field.
WEIGHTS = {
    f.field_name: f.boost or 1 for f in Resource.search_fields if isinstance(f, index.SearchField)
}
MAX_QUERY_LENGTH = 200
DEFAULT_LANGUAGE = get_supported_content_language_variant(settings.LANGUAGE_CODE)
FACET_FIELDS = {
    Facet.TYPE: "resource_type",
    Facet.LANGUAGE: "languages",
    Facet.COUNTRY: "countries",
    Facet.AUDIENCE: "audiences",
    Facet.TOPIC: "topics",
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

    Empty in the default language, where the terms' own names are used.
    """
    language = reader_language()
    if language == DEFAULT_LANGUAGE:
        return {}

    def find():
        return dict(TermName.objects.filter(language=language).values_list("term_id", "name"))

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
        _name(terms, labels)


def _name(terms, labels: dict[int, str]) -> None:
    for term in terms:
        term.label = labels.get(term.pk, term.name)


@dataclass
class LibraryQuery:
    """What a visitor asked for, read from the query string; bad values are dropped."""

    text: str = ""
    selected: dict[str, list[str]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None
    page: int = 1

    @classmethod
    def from_querydict(cls, data) -> LibraryQuery:
        def year(name):
            value = data.get(name, "").strip()
            return int(value) if value.isdigit() and 1900 <= int(value) <= 2100 else None

        page = data.get("page", "1")
        return cls(
            text=" ".join(data.get("q", "").split())[:MAX_QUERY_LENGTH],
            selected={
                facet: [v for v in data.getlist(facet) if v][:20]
                for facet in FACET_FIELDS
                if any(data.getlist(facet))
            },
            year_from=year("from"),
            year_to=year("to"),
            # A page past the end shows an empty page with a way back, not an error.
            page=int(page) if page.isdigit() and len(page) <= 9 and int(page) > 0 else 1,
        )


@dataclass
class FacetValue:
    term: Term
    count: int
    selected: bool


@dataclass
class LibraryResults:
    resources: list[Resource]
    total: int
    page: int
    pages: int
    facets: dict[str, list[FacetValue]]
    unknown: list[str]


def _restrict(queryset, query: LibraryQuery, *, terms_by_slug, skip: str | None = None):
    for facet, slugs in query.selected.items():
        if facet == skip:
            continue
        ids = [terms_by_slug[facet][s].pk for s in slugs if s in terms_by_slug[facet]]
        relation = FACET_FIELDS[facet]
        queryset = queryset.filter(
            pk__in=Resource.objects.filter(**{f"{relation}__in": ids}).values("pk")
        )
    if query.year_from:
        queryset = queryset.filter(year__gte=query.year_from)
    if query.year_to:
        queryset = queryset.filter(year__lte=query.year_to)
    return queryset


def _counts(facet: str, queryset) -> dict[int, int]:
    relation = FACET_FIELDS[facet]
    if facet == Facet.TYPE:
        rows = queryset.values("resource_type_id").annotate(n=Count("pk"))
        return {row["resource_type_id"]: row["n"] for row in rows}
    through = getattr(Resource, relation).through
    rows = (
        through.objects.filter(resource_id__in=queryset.values("pk"))
        .values("term_id")
        .annotate(n=Count("pk"))
    )
    return {row["term_id"]: row["n"] for row in rows}


def text_matches(text: str):
    """The translation keys of resources matching every word of ``text`` (lazy queryset).

    A resource matches when any of its versions does, so a title typed in English
    finds the Russian translation a Russian reader is shown.

    Wagtail's search (the database backend: FTS5 on SQLite, tsvector on PostgreSQL)
    decides what matches, with its stemming and its index. Its own relevance ordering
    is not used: on SQLite it scores each match in a separate subquery, which took
    seconds for a common word over 10,000 resources (``make bench-library``).
    """
    found = get_search_backend().search(
        text, Resource.objects.all(), operator="and", order_by_relevance=False
    )
    # The results' query, unevaluated, so the database can join it to the facets.
    return found.get_queryset().order_by().values("translation_key")


def _relevance(text: str):
    """Where the words occur, weighted as the index boosts each field (WEIGHTS)."""
    score = Value(0)
    for word in text.split()[:MAX_RANKED_WORDS]:
        for name, weight in WEIGHTS.items():
            score = score + Case(
                When(**{f"{name}__icontains": word}, then=Value(weight)), default=Value(0)
            )
    return score


def library_search(query: LibraryQuery) -> LibraryResults:
    """One page of resources matching ``query``, with facet counts."""
    terms = list(Term.objects.all())
    labels = term_labels()
    _name(terms, labels)
    terms_by_slug = {facet: {} for facet in FACET_FIELDS}
    for term in terms:
        terms_by_slug[term.facet][term.slug] = term
    unknown = [
        f"{facet}={slug}"
        for facet, slugs in query.selected.items()
        for slug in slugs
        if slug not in terms_by_slug[facet]
    ]
    base = for_reader()
    if query.text:
        # The text match stays a subquery: never a list of thousands of ids.
        base = base.filter(translation_key__in=text_matches(query.text))
    matching = _restrict(base, query, terms_by_slug=terms_by_slug)
    # A narrow result is fetched once, and the queries that follow (count, page, the
    # counts of facets not in use) read its ids instead of repeating the text match.
    ids = list(matching.values_list("pk", flat=True)[: NARROW + 1])
    if len(ids) <= NARROW:
        total, matching = len(ids), Resource.objects.filter(pk__in=ids)
    else:
        total = matching.count()
    if query.text:
        ordered = matching.annotate(relevance=_relevance(query.text)).order_by(
            "-relevance", "-year", "title", "pk"
        )
    else:
        ordered = matching.order_by("-year", "title", "pk")
    start = (query.page - 1) * PER_PAGE
    page_ids = list(ordered.values_list("pk", flat=True)[start : start + PER_PAGE])
    pages = max(1, -(-total // PER_PAGE))
    by_id = {
        r.pk: r
        for r in Resource.objects.filter(pk__in=page_ids)
        .select_related("resource_type", "document", "locale")
        .prefetch_related("languages", "countries")
    }
    label_terms(by_id.values(), labels)
    facets = {}
    for facet in FACET_FIELDS:
        within = (
            _restrict(base, query, terms_by_slug=terms_by_slug, skip=facet)
            if facet in query.selected
            else matching  # a facet not in use counts within the results themselves
        )
        counts = _counts(facet, within)
        chosen = set(query.selected.get(facet, []))
        facets[facet] = [
            FacetValue(term=t, count=counts.get(t.pk, 0), selected=t.slug in chosen)
            for t in terms
            if t.facet == facet and (counts.get(t.pk) or t.slug in chosen)
        ]
    return LibraryResults(
        resources=[by_id[pk] for pk in page_ids if pk in by_id],
        total=total,
        page=query.page,
        pages=pages,
        facets=facets,
        unknown=unknown,
    )


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
    """The address of the live e-library page, cached until content next changes."""

    def find():
        page = LibraryIndexPage.objects.live().first()
        return (page.get_url() if page else None) or ""

    url = cache.get_or_set(f"library:url:{generation()}", find, settings.PAGE_CACHE_SECONDS)
    return url or None


def resources_in_bulk(ids) -> dict[int, Resource]:
    """Public: resources by id with what a lesson shows of them, in two queries.

    The resources are the ones asked for, so an editor's chooser keeps what was
    chosen. Each carries ``shown``, the version to show the reader (its translation
    in the reader's language if there is one, otherwise itself), which carries
    ``detail_url``, its page in the e-library (None if there is none).
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
    translated = {r.translation_key: r for r in rows if r.in_reader_language}
    found = {r.pk: r for r in rows if r.pk in ids}
    base = library_url() if found else None
    for resource in found.values():
        shown = resource.shown = translated.get(resource.translation_key, resource)
        shown.detail_url = (
            base + LibraryIndexPage.get_resolver().reverse("detail", slug=shown.slug)
            if base
            else None
        )
    label_terms(rows)
    return found


def resource_citations(resource: Resource, request=None) -> list:
    """The live courses and lessons whose body cites any version of ``resource``.

    Read from Wagtail's reference index, which records what each lesson cites.
    """
    from courses.selectors import courses_citing  # the courses app's public function

    versions = Resource.objects.filter(translation_key=resource.translation_key)
    page_ids = (
        ReferenceIndex.get_references_to_in_bulk(versions)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    ids = [int(pk) for pk in page_ids if pk.isdigit()]
    return courses_citing(page_ids=ids, request=request) if ids else []
