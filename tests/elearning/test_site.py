import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from courses.models import CourseIndexPage
from elearning.models import HomePage
from elearning.page_cache import CACHE_HEADER
from tests.factories import make_course

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(DJANGO_SETTINGS_MODULE="elearning.settings.production", **env_extra)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", env_extra={"ALLOWED_HOSTS": "example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", env_extra={"SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_deploy_check_is_clean():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={"SECRET_KEY": "k3y-" + "v" * 60, "ALLOWED_HOSTS": "learn.example.org"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_whitenoise_follows_security_middleware():
    middleware = settings.MIDDLEWARE
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") == (
        middleware.index("django.middleware.security.SecurityMiddleware") + 1
    )


def test_languages_and_locale_paths():
    assert [code for code, _ in settings.LANGUAGES] == ["en", "ru", "kk", "ky", "tg", "uz"]
    assert settings.LOCALE_PATHS == [ROOT / "locales"]


@pytest.mark.django_db
def test_migrate_creates_site_skeleton_and_groups():
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert CourseIndexPage.objects.child_of(site.root_page).get().url == "/courses/"
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page.pk).exists()
    trainers = Group.objects.get(name="Trainers")
    perms = {p.permission.codename for p in trainers.page_permissions.all()}
    assert {"add_page", "change_page", "publish_page"} <= perms
    assert trainers.collection_permissions.filter(permission__codename="add_image").exists()
    admins = Group.objects.get(name="Administrators")
    assert admins.permissions.filter(codename="add_user").exists()


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
    assert client.get("/courses/", {"audience": "judges_prosecutors"})[CACHE_HEADER] == "miss"
    assert client.get("/courses/", {"audience": "judges_prosecutors"})[CACHE_HEADER] == "hit"
    for junk in ({"junk": "1"}, {"audience": "nobody"}, {"audience": ["judges_prosecutors"] * 2}):
        first, again = client.get("/courses/", junk), client.get("/courses/", junk)
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
    assert "Show courses" not in client.get("/?a=1").content.decode()  # the home page
    # A new site for this host name, rooted at the catalogue, takes over at once.
    Site.objects.create(hostname="testserver", port=80, root_page=CourseIndexPage.objects.get())
    assert "Show courses" in client.get("/?a=2").content.decode()
