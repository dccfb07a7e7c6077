from pathlib import Path

import pytest
from django.core.cache import cache

from courses.services import enrolment_create

from .factories import lessons_of, make_course, make_trainer, make_user


def pytest_sessionstart(session):
    """Refuse to run on catalogues that were edited and not compiled (make messages)."""
    stale = [
        str(po.relative_to(Path(__file__).parents[1]))
        for po in Path(__file__).parents[1].glob("locales/*/LC_MESSAGES/django.po")
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        pytest.exit(f"Compile the translation catalogues first (make messages): {stale}", 2)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """The test database, with its migrated content kept for ``serialized_rollback``.

    Tests that flush the database (``transaction=True``) restore the site skeleton and
    groups the migrations made from that copy. Django keeps it on the connection object;
    under Playwright's event loop Django hands the browser tests a new connection object
    (connections are context-local), so the copy is kept where every connection of the
    same backend finds it.
    """
    from django.db import connections

    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def _english_to_start_with():
    """Each test starts in the site's default language: a request's language (set by
    LocaleMiddleware for the thread) must not leak into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def learner(db):
    return make_user()


@pytest.fixture
def course(db):
    return make_course(modules=2, lessons=2)


@pytest.fixture
def lessons(course):
    return lessons_of(course)


@pytest.fixture
def enrolled(learner, course):
    return enrolment_create(learner=learner, course=course)


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def trainer(db):
    return make_trainer(email="trainer@example.org")
