"""Every answer carries the security headers, from the cache too; the public site's
policy forbids inline script; personal pages are not kept by browsers or proxies."""

import re

import pytest

from core.page_cache import CACHE_HEADER
from tests.factories import lessons_of, make_course

pytestmark = pytest.mark.django_db

HEADERS = ["Content-Security-Policy", "X-Frame-Options", "Permissions-Policy"]


def policy(response) -> dict[str, str]:
    return dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )


def test_a_page_from_the_cache_carries_the_same_security_headers(client):
    course = make_course()
    fresh, cached = client.get(course.url), client.get(course.url)
    assert (fresh[CACHE_HEADER], cached[CACHE_HEADER]) == ("miss", "hit")
    for name in [*HEADERS, "X-Content-Type-Options", "Referrer-Policy"]:
        assert cached[name] == fresh[name], name
    assert cached["X-Frame-Options"] == "DENY"
    assert "camera=()" in cached["Permissions-Policy"]


def test_the_public_site_allows_no_inline_script_and_no_framing(client):
    course = make_course()
    for url in [
        "/en/",
        course.url,
        "/en/library/",
        "/en/accounts/login/",
        "/en/certificates/verify/",
    ]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        rules = policy(response)
        assert rules["script-src"] == "'self'" and rules["style-src"] == "'self'", url
        assert rules["frame-ancestors"] == "'none'" and rules["object-src"] == "'none'"
        html = response.content.decode()
        # What the policy would block: inline scripts, handlers, style attributes.
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"\son[a-z]+=\"", html), url
        assert ' style="' not in html, url


def test_the_admin_has_its_looser_policy(client, trainer):
    client.force_login(trainer)
    response = client.get("/admin/")
    assert response.status_code == 200
    rules = policy(response)
    assert "'unsafe-inline'" in rules["script-src"]
    assert rules["frame-ancestors"] == "'self'"  # the page preview frames the site


def test_personal_pages_are_not_stored(client, learner):
    course = make_course()
    client.get(course.url)  # an anonymous copy is cached
    client.force_login(learner)
    for url in ["/en/dashboard/", "/en/accounts/profile/", course.url,
                lessons_of(course)[0].url]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert CACHE_HEADER not in response
    # The public pages of anonymous visitors may be stored.
    client.logout()
    assert "no-store" not in client.get(course.url).get("Cache-Control", "")
