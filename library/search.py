"""Search and facets for /library/, in a fixed number of queries whatever the results.

A text query is run once, by Wagtail's search (database backend), over the whole
catalogue; its matches then restrict the results and every facet count in SQL, so
facets combine with the search and with each other. Results are the versions the
reader should see (``selectors.for_reader``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Case, Count, Value, When
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from core.http import is_digits

from .models import Facet, Resource, Term
from .selectors import for_reader, label_terms, name_terms, term_labels

PER_PAGE = 20
MAX_RANKED_WORDS = 6
NARROW = 500  # results up to this many are fetched as ids once and reused
# Where a word is found counts as much as the index's boost for that field.
WEIGHTS = {
    f.field_name: f.boost or 1 for f in Resource.search_fields if isinstance(f, index.SearchField)
}
MAX_QUERY_LENGTH = 200
FACET_FIELDS = {
    Facet.TYPE: "resource_type",
    Facet.LANGUAGE: "languages",
    Facet.COUNTRY: "countries",
    Facet.AUDIENCE: "audiences",
    Facet.TOPIC: "topics",
}


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
            return int(value) if is_digits(value) and 1900 <= int(value) <= 2100 else None

        page = data.get("page", "1")
        return cls(
            text=search_words(data.get("q", ""))[:MAX_QUERY_LENGTH],
            selected={
                facet: [v for v in data.getlist(facet) if v][:20]
                for facet in FACET_FIELDS
                if any(data.getlist(facet))
            },
            year_from=year("from"),
            year_to=year("to"),
            # A page past the end shows an empty page with a way back, not an error.
            page=int(page) if is_digits(page) and len(page) <= 9 and int(page) > 0 else 1,
        )


def search_words(text: str) -> str:
    """The words of what a reader typed, in any script, without the quotes, operators
    and control characters that the search engine's own syntax would choke on
    (``"``, ``*``, ``NUL``...): a search is for words, so punctuation separates them."""
    return " ".join(_NOT_A_WORD.sub(" ", text).split())


_NOT_A_WORD = re.compile(r"[^\w\s]|_")  # NUL and other controls are not \w


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
    name_terms(terms, labels)
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
