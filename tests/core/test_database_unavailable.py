"""When the database cannot be reached for a moment (a restart, a failover), the site
says so with 503 and Retry-After, which browsers, proxies and scripts retry; any other
failure stays a 500."""

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

from home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_home(monkeypatch):
    def fail_with(error):
        def serve(self, request, *args, **kwargs):
            raise error

        monkeypatch.setattr(HomePage, "serve", serve)

    return fail_with


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("connection to server at 127.0.0.1 failed: Connection refused"),
        InterfaceError("connection already closed"),
    ],
)
def test_a_database_that_cannot_be_reached_is_503_try_again(failing_home, error):
    failing_home(error)
    response = Client(raise_request_exception=False).get("/ru/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert "Сайт на минуту потерял связь с базой данных" in html
    assert "Server error" not in html


def test_any_other_failure_is_still_a_500(failing_home):
    failing_home(ValueError("a bug"))
    response = Client(raise_request_exception=False).get("/en/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Something went wrong on our side" in response.content.decode()
