from io import StringIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from library.models import LibraryIndexPage, Resource, Term
from tests.factories import make_resource, make_trainer

pytestmark = pytest.mark.django_db

# Pinned: routing 2, view restrictions 2, terms 1, the matching ids 1 and the page's ids 1,
# the page's resources 3 (with languages and countries), facet counts 5. Past NARROW
# results, counting them is one more query.
LISTING_BROWSING = 15
LISTING_SEARCHING = 15
ADMIN_RESOURCES = 13  # the admin's resource list, whatever its length (2 for its locale filter)


@pytest.fixture
def catalogue(db):
    return [
        make_resource("Palermo Protocol", kind="law_treaty", year=2000, publisher="United Nations",
                      languages=["en", "ru"], topics=["legal_framework"]),
        make_resource("Border guard handbook", year=2011, languages=["ru"], countries=["kz"],
                      audiences=["border_migration"], topics=["identification", "migration"]),
        make_resource("Child victims interviewing", year=2015, publisher="UNODC",
                      languages=["ru"], countries=["kz", "kg"], topics=["children"]),
        make_resource("Labour exploitation report", kind="report", year=2020, publisher="IOM",
                      languages=["en"], countries=["ru"], topics=["labour_exploitation"]),
    ]  # fmt: skip


def test_migrate_creates_the_library_and_its_taxonomy():
    assert LibraryIndexPage.objects.get(locale__language_code="en").url == "/en/library/"
    assert Term.objects.filter(facet="type").count() == 9
    assert Term.objects.filter(facet="topic", slug="children").exists()


def test_search_ranks_and_combines_with_facets(client, catalogue):
    html = client.get("/en/library/", {"q": "handbook"}).content.decode()
    assert "Border guard handbook" in html and "1 resource" in html
    html = client.get("/en/library/", {"q": "UNODC"}).content.decode()  # publisher searched
    assert "Child victims interviewing" in html
    html = client.get("/en/library/", {"language": "ru", "country": "kz"}).content.decode()
    assert "2 resources" in html and "Palermo Protocol" not in html
    html = client.get("/en/library/", {"language": "ru", "country": "kz", "topic": "children"})
    assert "1 resource" in html.content.decode()


def test_facet_counts_and_remove_links(client, catalogue):
    response = client.get("/en/library/", {"language": "ru"})
    facets = {f["key"]: f for f in response.context["facets"]}
    languages = {i["value"].term.slug: i["value"].count for i in facets["language"]["values"]}
    # Counts for the facet in use ignore its own selection, so other choices show.
    assert languages == {"en": 2, "ru": 3}
    countries = {i["value"].term.slug: i["value"].count for i in facets["country"]["values"]}
    assert countries == {"kz": 2, "kg": 1}
    assert "remove this filter" in response.content.decode()


def test_years_filter(client, catalogue):
    html = client.get("/en/library/", {"from": "2011", "to": "2015"}).content.decode()
    assert "2 resources" in html
    assert client.get("/en/library/", {"from": "abc", "to": "99999"}).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"topic": "no-such-topic"},
        {"page": "99999999"},
        {"q": "<script>alert(1)</script>"},
        {"language": "'; DROP TABLE x;--"},
    ],
)
def test_bad_input_is_a_clear_empty_result(client, catalogue, params):
    response = client.get("/en/library/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "0 resources" in html or "no results on this page" in html


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"q": '"'}, 4),  # a lone quote: no words, so every resource
        ({"q": 'handbook"'}, 1),
        ({"q": "handbook\x00"}, 1),
        ({"q": '"><script>'}, 0),
        ({"q": "handbook*  OR  NEAR(x"}, 0),
        ({"q": "«handbook» 🙂"}, 1),
        ({"page": "²"}, 4),  # a superscript two is a digit to Python, not a page
        ({"from": "²", "to": "2⁰11"}, 4),
    ],
)
def test_what_people_really_type_never_breaks_the_search(client, catalogue, params, found):
    response = client.get("/en/library/", params)
    assert response.status_code == 200
    assert response.context["found"].total == found
    assert "<script>" not in response.content.decode().split("<main")[-1]


def test_detail_page_and_unknown_slug(client, catalogue):
    resource = catalogue[1]
    make_resource("Migration routes study", topics=["migration"])
    html = client.get(f"/en/library/{resource.slug}/").content.decode()
    assert resource.title in html and "Kazakhstan" in html
    assert "<dd>Russian</dd>" in html  # the language's name, not "Language: Russian"
    assert "Related resources" in html and "Migration routes study" in html
    assert "Child victims interviewing" not in html  # shares no topic
    assert client.get("/en/library/no-such-resource/").status_code == 404


def test_listing_query_count_does_not_grow_with_results(client, catalogue):
    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    searching = count("/en/library/?language=ru&q=handbook")
    browsing = count("/en/library/?language=ru")
    for n in range(25):
        make_resource(f"Handbook number {n}", languages=["ru"], topics=["children"])
    assert count("/en/library/?language=ru&q=handbook") == searching == LISTING_SEARCHING
    assert count("/en/library/?language=ru") == browsing == LISTING_BROWSING


def test_trainer_can_manage_resources_in_admin(client, catalogue):
    client.force_login(make_trainer())
    assert client.get("/admin/snippets/library/resource/").status_code == 200
    assert (
        client.get(f"/admin/snippets/library/resource/edit/{catalogue[0].pk}/").status_code == 200
    )
    assert client.get("/admin/snippets/library/term/").status_code == 200
    # Searching the admin list, alone and with a filter, goes through the search index.
    listing = "/admin/snippets/library/resource/"
    html = client.get(listing, {"q": "border"}).content.decode()
    assert "Border guard handbook" in html and "Palermo Protocol" not in html
    kind = catalogue[1].resource_type_id
    html = client.get(listing, {"q": "handbook", "resource_type": kind}).content.decode()
    assert "Border guard handbook" in html


def test_admin_resource_list_query_count_is_pinned(client, catalogue):
    client.force_login(make_trainer())

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/admin/snippets/library/resource/").status_code == 200
        return len(ctx.captured_queries)

    client.get("/admin/snippets/library/resource/")
    assert count() == ADMIN_RESOURCES
    for n in range(10):
        make_resource(f"Another report {n}", kind="report")
    client.get("/admin/snippets/library/resource/")  # caches refilled after the saves
    assert count() == ADMIN_RESOURCES


def test_title_matches_rank_above_summary_matches(client, catalogue):
    make_resource("Screening at airports", year=2001)  # summary "About Screening at..."
    other = make_resource("Airport staff guide", year=2024)
    other.summary = "Covers screening of passengers."
    other.save()
    found = client.get("/en/library/", {"q": "screening"}).context["found"]
    assert [r.title for r in found.resources] == ["Screening at airports", "Airport staff guide"]


def test_wide_results_count_the_same_and_pin_their_queries(client, catalogue, monkeypatch):
    """Over NARROW results the ids are not reused; counts and queries stay right."""
    from library import search

    def facets(params):
        found = client.get("/en/library/", params).context["found"]
        counts = {f: {v.term.slug: v.count for v in vs} for f, vs in found.facets.items()}
        return found.total, [r.pk for r in found.resources], counts

    params = {"language": "ru", "q": "handbook"}
    narrow = [facets(p) for p in ({"language": "ru"}, {"topic": "children"}, params)]
    monkeypatch.setattr(search, "NARROW", 0)
    assert [facets(p) for p in ({"language": "ru"}, {"topic": "children"}, params)] == narrow
    with CaptureQueriesContext(connection) as ctx:
        client.get("/en/library/", {"language": "ru"})
    assert len(ctx.captured_queries) == LISTING_BROWSING + 1  # the count is a query of its own


def test_generate_command_fills_a_searchable_catalogue(client):
    from django.core.management import call_command

    call_command("library_generate", count=40, seed=7, stdout=StringIO())
    assert Resource.objects.count() == 40
    assert Resource.objects.filter(summary__startswith="Synthetic record").count() == 40
    found = client.get("/en/library/", {"q": "synthetic"}).context["found"]
    assert found.total == 40 and len(found.resources) == 20
    assert sum(v.count for v in found.facets["type"]) == 40


def test_generate_command_runs_twice(client):
    from django.core.management import call_command

    call_command("library_generate", count=5, stdout=StringIO())
    call_command("library_generate", count=5, stdout=StringIO())
    assert Resource.objects.count() == 10


def test_the_admin_resource_search_takes_what_trainers_type(client, catalogue):
    from tests.factories import make_trainer

    client.force_login(make_trainer())
    for typed in ['"', 'handbook"', "handbook\x00", "«handbook»"]:
        response = client.get("/admin/snippets/library/resource/", {"q": typed})
        assert response.status_code == 200, typed
    html = client.get("/admin/snippets/library/resource/", {"q": 'handbook"'}).content.decode()
    assert "Border guard handbook" in html and "Palermo Protocol" not in html
