"""The library listing and detail pages (served by LibraryIndexPage's routes)."""

from django.http import Http404
from django.template.response import TemplateResponse

from .models import Facet
from .search import LibraryQuery, library_search
from .selectors import related_resources, resource_citations, resource_for_reader


def _with(querydict, **changes):
    """The current query string with some parameters changed (page reset)."""
    data = querydict.copy()
    data.pop("page", None)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data.setlist(key, value)
    return "?" + data.urlencode()


def library_listing(request, page):
    query = LibraryQuery.from_querydict(request.GET)
    results = library_search(query)
    facets, active = [], []
    for facet, values in results.facets.items():
        label = Facet(facet).label
        chosen = query.selected.get(facet, [])
        items = []
        for value in values:
            toggled = (
                [v for v in chosen if v != value.term.slug]
                if value.selected
                else [*chosen, value.term.slug]
            )
            url = _with(request.GET, **{facet: toggled})
            items.append({"value": value, "url": url})
            if value.selected:
                active.append({"label": f"{label}: {value.term.label}", "url": url})
        facets.append({"key": facet, "label": label, "values": items})
    context = page.get_context(request)
    context.update(
        query=query,
        found=results,
        facets=facets,
        active=active,
        clear_url=page.url,
        prev_url=_with(request.GET, page=[str(query.page - 1)]) if query.page > 1 else None,
        next_url=_with(request.GET, page=[str(query.page + 1)])
        if query.page < results.pages
        else None,
        beyond_last=query.page > results.pages,
        first_url=_with(request.GET),
    )
    return TemplateResponse(request, "library/library_index_page.html", context)


def resource_detail(request, page, slug):
    resource = resource_for_reader(slug)
    if resource is None:
        raise Http404
    context = page.get_context(request)
    context.update(
        resource=resource,
        related=related_resources(resource),
        citations=resource_citations(resource, request),
    )
    return TemplateResponse(request, "library/resource_detail.html", context)
