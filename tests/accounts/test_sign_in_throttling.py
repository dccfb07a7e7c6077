"""Guessing passwords: both sign-in forms lock an account after a few failures, the
right password included, and say how long to wait; sign-up and reset are rate-limited."""

import pytest
from django.core import mail

from tests.factories import make_user

LOGIN = "/en/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
PASSWORD = "a-long-test-password"


def sign_in(client, url, email, password, **extra):
    return client.post(url, {"username": email, "password": password}, **extra)


@pytest.mark.parametrize("url", [LOGIN, ADMIN_LOGIN])
def test_the_right_password_is_refused_after_five_wrong_ones(client, db, url):
    user = make_user(email="aigerim@example.org", is_staff=url == ADMIN_LOGIN)
    if url == ADMIN_LOGIN:
        user.is_superuser = True
        user.save()
    for _ in range(5):
        assert sign_in(client, url, "aigerim@example.org", "wrong-guess").status_code == 200
    refused = sign_in(client, url, "aigerim@example.org", PASSWORD)
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Too many failed sign-ins. Wait 15 minutes" in page
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not locked by these five.
    make_user(email="other@example.org")
    assert sign_in(client, url, "other@example.org", PASSWORD).status_code == 302


def test_the_lock_is_per_account_whatever_the_case_of_the_address(client, db):
    make_user(email="aigerim@example.org")
    for typed in ["Aigerim@example.org", "AIGERIM@EXAMPLE.ORG", " aigerim@example.org"] * 2:
        sign_in(client, LOGIN, typed, "wrong")
    assert sign_in(client, LOGIN, "aigerim@example.org", PASSWORD).status_code == 429


def test_a_successful_sign_in_forgets_earlier_failures(client, db):
    make_user(email="aigerim@example.org")
    for _ in range(4):
        sign_in(client, LOGIN, "aigerim@example.org", "wrong")
    assert sign_in(client, LOGIN, "aigerim@example.org", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, LOGIN, "aigerim@example.org", "wrong")
    assert sign_in(client, LOGIN, "aigerim@example.org", PASSWORD).status_code == 302


def test_one_address_guessing_many_accounts_is_stopped(client, db):
    make_user(email="target@example.org")
    for n in range(50):
        sign_in(client, LOGIN, f"guess-{n}@example.org", "wrong")
    assert sign_in(client, LOGIN, "target@example.org", PASSWORD).status_code == 429
    # Another address (a colleague in another office) is not.
    other = sign_in(client, LOGIN, "target@example.org", PASSWORD, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@pytest.mark.parametrize("typed", ["Алия", "🙂", '"><script>', "x" * 300, "a²@b.c"])
def test_odd_input_in_the_sign_in_form_is_a_form_error(client, db, typed):
    response = sign_in(client, LOGIN, typed, typed)
    assert response.status_code == 200
    assert "form-errors" in response.content.decode()


def test_password_reset_mails_an_address_at_most_three_times_an_hour(client, db):
    make_user(email="aigerim@example.org")
    for _ in range(3):
        response = client.post("/en/accounts/password-reset/", {"email": "aigerim@example.org"})
        assert response.status_code == 302
    refused = client.post("/en/accounts/password-reset/", {"email": "aigerim@example.org"})
    assert refused.status_code == 429
    assert "Too many password reset requests" in refused.content.decode()
    assert len(mail.outbox) == 3


def test_sign_up_is_rate_limited_per_address_but_a_training_room_fits(client, db):
    def sign_up(n):
        return client.post(
            "/en/accounts/signup/",
            {
                "email": f"trainee-{n}@example.org",
                "full_name": f"Trainee {n}",
                "password1": "correct-horse-battery",
                "password2": "correct-horse-battery",
                "preferred_language": "ru",
            },
        )

    for n in range(60):
        assert sign_up(n).status_code == 302, n
        client.logout()
    refused = sign_up(60)
    assert refused.status_code == 429
    assert "Too many accounts were created from your network" in refused.content.decode()


def test_passwords_need_twelve_characters(client, db):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "short@example.org",
            "full_name": "Short",
            "password1": "Qw3rty!x9",
            "password2": "Qw3rty!x9",
            "preferred_language": "ru",
        },
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()


def test_an_open_session_is_no_way_to_guess_the_password(client, db):
    user = make_user(email="aigerim@example.org")
    client.force_login(user)
    for _ in range(5):
        response = client.post(
            "/en/accounts/password/",
            {"old_password": "guess", "new_password1": "x" * 14, "new_password2": "x" * 14},
        )
        assert response.status_code == 200
    refused = client.post("/en/accounts/profile/delete/", {"password": PASSWORD})
    assert "Too many failed sign-ins" in refused.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)  # still there, unchanged
