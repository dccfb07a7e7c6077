import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db
User = get_user_model()

SIGNUP = {
    "email": "Gulnara@Example.org",
    "full_name": "Gulnara Example",
    "organisation": "Shelter NGO",
    "country": "kg",
    "audience": "social_workers",
    "gender": "",
    "age_band": "25_34",
    "password1": "a-strong-passphrase-42",
    "password2": "a-strong-passphrase-42",
}


def test_sign_up_creates_profile_and_signs_in(client):
    response = client.post(reverse("accounts:signup"), SIGNUP, follow=True)
    assert response.status_code == 200
    user = User.objects.get()
    assert user.email == "gulnara@example.org"
    assert user.full_name == "Gulnara Example"
    assert user.country == "kg" and user.audience == "social_workers"
    assert response.context["user"].is_authenticated
    assert "My learning" in response.content.decode()


def test_an_empty_sign_up_form_says_what_is_missing(client):
    response = client.post(reverse("accounts:signup"), {})
    assert "This field is required." in response.content.decode()
    assert not User.objects.exists()


def test_sign_up_explains_optional_fields(client):
    html = client.get(reverse("accounts:signup")).content.decode()
    assert "used only in aggregate" in html.lower()
    assert "printed on a certificate" in html


def test_sign_up_refuses_duplicate_email_whatever_the_case(client):
    make_user(email="gulnara@example.org")
    response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert User.objects.count() == 1


def test_sign_up_requires_full_name_and_matching_passwords(client):
    data = {**SIGNUP, "full_name": "", "password2": "something-else-entirely"}
    response = client.post(reverse("accounts:signup"), data)
    assert response.status_code == 200
    assert not User.objects.exists()
    errors = response.context["form"].errors
    assert "full_name" in errors and "password2" in errors


def test_log_in_with_email_and_log_out_by_post(client):
    make_user(email="aidar@example.org", password="a-long-test-password")
    response = client.post(
        reverse("accounts:login"),
        {"username": "AIDAR@example.org", "password": "a-long-test-password"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:dashboard")
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("courses:dashboard")).status_code == 302


def test_wrong_password_shows_error(client):
    make_user(email="aidar@example.org")
    response = client.post(
        reverse("accounts:login"), {"username": "aidar@example.org", "password": "nope"}
    )
    assert response.status_code == 200
    assert "correct" in response.content.decode()


def test_password_reset_by_email(client):
    user = make_user(email="reset@example.org")
    client.post(reverse("accounts:password_reset"), {"email": "reset@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "brand-new-pass-2026", "new_password2": "brand-new-pass-2026"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("brand-new-pass-2026")


def test_password_reset_for_unknown_email_reveals_nothing(client):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "nobody@example.org"}, follow=True
    )
    assert "If an account exists" in response.content.decode()
    assert len(mail.outbox) == 0


def test_profile_edit(client):
    user = make_user()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {
            "full_name": "Corrected Name",
            "organisation": "Border Service",
            "country": "tj",
            "audience": "border_migration",
            "gender": "",
            "age_band": "",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "Corrected Name" and user.country == "tj"


def test_profile_rejects_unknown_choice_and_saves_nothing(client):
    user = make_user(country="kz")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"), {"full_name": "X", "country": "XX", "audience": "spy"}
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.country == "kz"


def test_next_parameter_cannot_redirect_off_site(client):
    data = {**SIGNUP, "next": "https://evil.example.com/"}
    response = client.post(reverse("accounts:signup"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:dashboard")


def test_admin_user_form_refuses_a_taken_email_with_a_clear_message(db):
    from accounts.forms import AdminUserCreationForm
    from accounts.models import EMAIL_TAKEN

    make_user(email="taken@example.org")
    form = AdminUserCreationForm(
        data={
            "email": "TAKEN@example.org",
            "full_name": "Someone Else",
            "password1": "a-long-test-password-9",
            "password2": "a-long-test-password-9",
        }
    )
    assert not form.is_valid()
    assert str(EMAIL_TAKEN) in str(form.errors)
    assert "Constraint" not in str(form.errors)


def test_admin_user_forms_show_the_profile_fields(client, db):
    admin = make_user(is_staff=True, is_superuser=True)
    client.force_login(admin)
    for url in (
        reverse("wagtailusers_users:add"),
        reverse("wagtailusers_users:edit", args=[admin.pk]),
    ):
        html = client.get(url).content.decode()
        assert 'name="full_name"' in html and 'name="organisation"' in html, url
        assert 'name="audience"' in html, url
