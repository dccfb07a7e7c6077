"""Whatever people (or robots) type into a search box or an address: an answer or a
clear refusal, never a 500; whatever they post: a 4xx, never a half-written record."""

import urllib.parse

import pytest
from django.test import Client

from courses.models import Enrolment
from tests.factories import make_course, make_resource, make_user

pytestmark = pytest.mark.django_db

# Raw, percent-encoded: quotes, search operators, NUL, an unpaired surrogate and other
# bytes that are not UTF-8, a superscript digit, script, Cyrillic, emoji, 10 KB.
CORPUS = [
    "%22",
    "trafficking%22",
    "'",
    "%00",
    "%ED%A0%80",
    "%FF%FE",
    "%C0%AF",
    "%C2%B2",
    "-1",
    "99999999999999999999999",
    "1e9",
    "%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
    "NEAR(a%20b)%20OR%20*%20AND%20NOT%20(",
    "%D1%82%D0%BE%D1%80%D0%B3%D0%BE%D0%B2%D0%BB%D1%8F",
    "%F0%9F%99%82",
    "a" * 10_000,
    urllib.parse.quote("«" * 3000),
]

PUBLIC = {
    "/en/library/": ["q", "page", "from", "to", "type", "language", "country", "audience"],
    "/en/courses/": ["audience", "q"],
    "/en/certificates/verify/": ["code"],
    "/en/groups/join/": ["code"],
}
ADMIN = {
    "/admin/training-reports/courses/": ["course", "group", "from", "to", "gender", "page"],
    "/admin/training-reports/learners/": ["learner", "group", "country", "page", "export"],
    "/admin/training-reports/reach/": ["age_band", "profession"],
    "/admin/training-reports/knowledge-gain/": ["group"],
    "/admin/training-reports/myths/": ["quiz"],
    "/admin/snippets/library/resource/": ["q", "p"],
    "/admin/certificates/awaiting/": ["page", "course"],
    "/admin/pages/search/": ["q", "p"],
}


def probe(client, addresses):
    for path, params in addresses.items():
        for param in params:
            for value in CORPUS:
                response = client.get(f"{path}?{param}={value}")
                assert response.status_code < 500, (path, param, value[:40])
                assert response.status_code in (200, 302, 400, 404), (path, param, value[:40])


def test_every_public_search_box_and_number_answers(client):
    make_resource("Handbook on trafficking")
    make_course()
    learner = make_user()
    probe(client, PUBLIC)
    client.force_login(learner)
    probe(client, {"/en/groups/join/": ["code"], "/en/dashboard/": ["page"]})


def test_every_admin_filter_answers(client, trainer):
    make_resource("Handbook on trafficking")
    make_course()
    client.force_login(make_user(is_staff=True, is_superuser=True))
    probe(client, ADMIN)


def test_bad_posts_are_refused_and_write_nothing(learner):
    course = make_course()
    client = Client(enforce_csrf_checks=True)  # as a browser meets the site
    client.force_login(learner)
    client.get(course.url)
    token = client.cookies["csrftoken"].value
    url = f"/en/learning/enrol/{course.pk}/"
    form = "application/x-www-form-urlencoded"
    huge = client.post(url, {"csrfmiddlewaretoken": token, "x": "y" * (3 * 1024 * 1024)})
    assert huge.status_code == 400
    many = f"csrfmiddlewaretoken={token}&" + "&".join(f"a[{i}][b][c]=1" for i in range(20_000))
    assert client.post(url, many, content_type=form).status_code == 400
    bad_utf8 = f"csrfmiddlewaretoken={token}&name=%ff%fe&x=".encode() + b"\xed\xa0\x80\xff"
    assert client.generic("POST", url, bad_utf8, content_type=form).status_code < 500
    weird = client.generic("POST", url, b"\x00\x01\x02", content_type="application/x-evil")
    assert weird.status_code == 403  # no form, so no CSRF token: refused
    assert not Enrolment.objects.filter(learner=learner).exclude(course=course).exists()
    # The one well-formed post (odd bytes in a field the view ignores) enrolled, once.
    assert Enrolment.objects.filter(learner=learner).count() <= 1
