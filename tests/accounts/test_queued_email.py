"""In production the password reset e-mail is sent by the worker, after the page."""

import re

from django.core import mail
from django.urls import reverse

from tests.factories import make_user
from tests.tasks import QUEUED, WORKER_DB, run_worker


@QUEUED
@WORKER_DB
def test_the_password_reset_email_is_sent_by_the_worker(client):
    make_user(email="reset@example.org")
    response = client.post(
        reverse("accounts:password_reset"), {"email": "reset@example.org"}, follow=True
    )
    assert "If an account exists" in response.content.decode()
    assert mail.outbox == []

    run_worker()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["reset@example.org"]
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    assert "Choose a new password" in client.get(link, follow=True).content.decode()
