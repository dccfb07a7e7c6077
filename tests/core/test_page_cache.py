"""Anonymous visitors get whole pages from the shared cache; content changes invalidate it."""

import pytest
from wagtail.models import Site

from core.page_cache import CACHE_HEADER
from courses.models import CourseIndexPage
from tests.factories import make_course


@pytest.mark.django_db
def test_anonymous_pages_are_cached_and_publishing_invalidates(client, django_assert_num_queries):
    course = make_course(title="Original title")
    first = client.get(course.url)
    assert first[CACHE_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(course.url)
    assert second[CACHE_HEADER] == "hit"
    assert "Original title" in second.content.decode()
    course.title = "Edited title"
    course.save_revision().publish()
    third = client.get(course.url)
    assert "Edited title" in third.content.decode()


@pytest.mark.django_db
def test_only_addresses_a_page_understands_are_cached(client):
    make_course(audiences=("judges_prosecutors",))
    assert client.get("/en/courses/", {"audience": "judges_prosecutors"})[CACHE_HEADER] == "miss"
    assert client.get("/en/courses/", {"audience": "judges_prosecutors"})[CACHE_HEADER] == "hit"
    for junk in ({"junk": "1"}, {"audience": "nobody"}, {"audience": ["judges_prosecutors"] * 2}):
        first, again = client.get("/en/courses/", junk), client.get("/en/courses/", junk)
        assert first.status_code == again.status_code == 200
        assert CACHE_HEADER not in first and CACHE_HEADER not in again  # served, not stored


@pytest.mark.django_db
def test_signed_in_pages_are_never_cached(client, learner):
    course = make_course()
    client.get(course.url)
    client.force_login(learner)
    response = client.get(course.url)
    assert CACHE_HEADER not in response
    assert "Enrol</button>" in response.content.decode()


@pytest.mark.django_db
def test_cached_site_follows_changes_to_sites(client):
    assert "Show courses" not in client.get("/en/?a=1").content.decode()  # the home page
    # A new site for this host name, rooted at the catalogue, takes over at once.
    catalogue = CourseIndexPage.objects.get(locale__language_code="en")
    Site.objects.create(hostname="testserver", port=80, root_page=catalogue)
    assert "Show courses" in client.get("/en/?a=2").content.decode()


@pytest.mark.django_db
def test_a_cached_page_is_kept_per_host_and_per_language(client):
    make_course(title="Shared course")
    assert client.get("/en/courses/")[CACHE_HEADER] == "miss"
    assert client.get("/en/courses/")[CACHE_HEADER] == "hit"
    # Another site name on the same process, and another language, get their own copy.
    other_host = client.get("/en/courses/", headers={"host": "learn.example.org"})
    assert other_host[CACHE_HEADER] == "miss"
    russian = client.get("/ru/courses/")
    assert russian[CACHE_HEADER] == "miss"
    assert '<html lang="ru">' in russian.content.decode()
    assert '<html lang="en">' in client.get("/en/courses/").content.decode()


@pytest.mark.django_db
def test_a_host_the_site_does_not_serve_is_refused_not_cached(client, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    assert client.get("/en/courses/", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/en/courses/")[CACHE_HEADER] == "miss"


@pytest.mark.django_db
def test_publishing_a_translation_makes_only_its_language_stale(client):
    from tests.factories import sync_trees, translate_tree

    course = make_course(title="Shared course")
    sync_trees()
    russian_course = translate_tree(course, "ru")[0]
    # A translation's first publication is news in every language ("Available in").
    for code in ("en", "ru", "kk"):
        assert client.get(f"/{code}/courses/")[CACHE_HEADER] == "miss"
        assert client.get(f"/{code}/courses/")[CACHE_HEADER] == "hit"
    russian_course.title = "Общий курс"
    russian_course.save_revision().publish()
    assert client.get("/en/courses/")[CACHE_HEADER] == "hit"  # English is untouched
    assert client.get("/kk/courses/")[CACHE_HEADER] == "hit"
    russian = client.get("/ru/courses/")
    assert russian[CACHE_HEADER] == "miss" and "Общий курс" in russian.content.decode()
    # An English publication reaches every language whose page is still an alias of it.
    course.title = "Shared course, revised"
    course.save_revision().publish()
    assert client.get("/en/courses/")[CACHE_HEADER] == "miss"
    kazakh = client.get("/kk/courses/")
    assert kazakh[CACHE_HEADER] == "miss" and "Shared course, revised" in kazakh.content.decode()
    assert client.get("/ru/courses/")[CACHE_HEADER] == "hit"  # translated: not its news
