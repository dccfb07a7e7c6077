import pytest

from tests.factories import make_quiz


@pytest.fixture
def quiz(course):
    return make_quiz(course, role="required", pass_mark=75, attempts_allowed=2)
