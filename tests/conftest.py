import pytest
from django.core.cache import cache

from courses.services import enrolment_create

from .factories import lessons_of, make_course, make_trainer, make_user


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
