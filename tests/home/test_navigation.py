"""Every public page leads to the courses, the e-library, certificate checks and the
other languages, in plain links that need no JavaScript."""

import re

import pytest
from django.urls import reverse

from tests.factories import in_language, lessons_of, make_course, sync_trees

pytestmark = pytest.mark.django_db


def links(html: str, nav: str) -> dict[str, str]:
    """{text: address} of the links in the <nav> named ``nav``."""
    found = re.search(rf'<nav[^>]*aria-label="{nav}"[^>]*>(.*?)</nav>', html, re.S)
    assert found, f"no {nav} navigation"
    return {
        re.sub(r"<[^>]+>", "", text).strip(): href
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', found[1], re.S)
    }


@pytest.fixture
def site_course():
    return make_course(title="Spotting exploitation", featured=True)


def pages(course):
    return {"home page": "/en/", "lesson": lessons_of(course)[0].url}  # an open preview


@pytest.mark.parametrize("which", ["home page", "lesson"])
def test_header_and_footer_lead_to_the_library_and_certificate_checks(client, site_course, which):
    url = pages(site_course)[which]
    html = client.get(url).content.decode()
    main = links(html, "Main")
    assert main["Courses"] == "/en/courses/" and main["E-library"] == "/en/library/"
    assert main["Log in"] == reverse("accounts:login")
    footer = links(html, "Site")
    assert footer["E-library"] == "/en/library/"
    assert footer["Check a certificate"] == "/en/certificates/verify/"
    assert footer["Join a training group"] == "/en/groups/join/"
    languages = links(html, "Language")
    assert languages["Русский"] == in_language(url, "ru")
    assert "English" not in languages  # the current language is named, not a link
    assert 'aria-current="true">English</span>' in html


def test_the_same_links_in_russian_lead_to_russian_pages(client, site_course):
    sync_trees()
    url = in_language(lessons_of(site_course)[0].url, "ru")
    html = client.get(url).content.decode()
    assert '<html lang="ru">' in html
    header = re.search(r"<header.*?</header>", html, re.S)[0]
    footer = re.search(r"<footer.*?</footer>", html, re.S)[0]
    assert 'href="/ru/library/"' in header and 'href="/ru/courses/"' in header
    assert 'href="/ru/library/"' in footer and 'href="/ru/certificates/verify/"' in footer
    assert f'href="{in_language(url, "en")}" hreflang="en" lang="en">English</a>' in header


def test_the_page_one_is_on_is_marked_in_the_navigation(client, site_course):
    html = client.get("/en/library/").content.decode()
    assert html.count('<a href="/en/library/" aria-current="page">E-library</a>') == 2
    assert '<a href="/en/courses/" aria-current' not in html


def test_a_signed_in_learner_has_the_same_ways_and_their_own(learner_client, site_course):
    html = learner_client.get(lessons_of(site_course)[0].url).content.decode()
    main = links(html, "Main")
    assert main["E-library"] == "/en/library/"
    assert main["My learning"] == reverse("courses:dashboard")
    assert main["Profile"] == reverse("accounts:profile")
    assert 'name="language" value="ru"' in html  # the switcher, as a form that saves it


@pytest.mark.django_db
def test_an_error_page_leads_to_the_courses_in_the_readers_language(client):
    response = client.get("/ru/accounts/no-such-page-«ё»/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'href="/ru/courses/"' in html
    assert 'href="/courses/"' not in html
