"""A certificate whose holder deleted their account: still genuine, still in the admin."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from accounts.services import account_delete
from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_revoke
from courses.models import Enrolment
from courses.services import enrolment_create
from tests.factories import complete_lessons, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def orphan(learner, course, template, completed, administrator):
    """A certificate issued to a learner, who then deleted their account."""
    learner.full_name = "Гульнара Ўзбекова 🌿"
    learner.save()
    certificate = certificate_issue(learner=learner, course=course, issued_by=administrator)
    account_delete(user=learner)
    certificate.refresh_from_db()
    return certificate


def test_issuing_records_the_enrolment_the_certificate_is_for(
    learner, course, template, completed, administrator
):
    certificate = certificate_issue(learner=learner, course=course, issued_by=administrator)
    assert certificate.enrolment_id == completed.pk


def test_the_certificate_keeps_the_name_and_its_enrolment(orphan):
    assert orphan.learner is None and orphan.holder_name == "Гульнара Ўзбекова 🌿"
    enrolment = Enrolment.objects.get(pk=orphan.enrolment_id)
    assert enrolment.learner is None and enrolment.completed_at is not None


def test_nobody_can_download_it_through_the_learner_page(client, orphan):
    client.force_login(make_user())
    assert client.get(reverse("certificates:download", args=[orphan.code])).status_code == 404


def test_the_admin_lists_inspects_and_revokes_it_by_the_holders_name(client, orphan, administrator):
    client.force_login(administrator)
    listing = client.get(reverse("issued_certificates:index"))
    assert listing.status_code == 200 and "Гульнара Ўзбекова 🌿" in listing.content.decode()
    found = client.get(reverse("issued_certificates:index"), {"q": "Гульнара"})
    assert orphan.display_code in found.content.decode()
    inspect = client.get(reverse("issued_certificates:inspect", args=[orphan.pk]))
    assert inspect.status_code == 200 and "Гульнара Ўзбекова 🌿" in inspect.content.decode()
    export = client.get(reverse("issued_certificates:index"), {"export": "csv"})
    assert "Гульнара Ўзбекова 🌿" in b"".join(export.streaming_content).decode("utf-8-sig")
    certificate_revoke(certificate_id=orphan.pk, revoked_by=administrator, reason="Fraud")
    page = client.get(reverse("certificates:verify_code", args=[orphan.display_code]))
    assert "Revoked certificate" in page.content.decode()


def test_an_anonymous_completion_awaits_no_certificate(client, course, template, administrator):
    person = make_user(full_name="Completed Then Gone")
    enrolment_create(learner=person, course=course)
    complete_lessons(person, course)
    account_delete(user=person)
    client.force_login(administrator)
    html = client.get(reverse("certificates_awaiting")).content.decode()
    assert "0 learners completed a course" in html
    assert 'name="selected" value="None:' not in html


def test_the_migration_links_certificates_issued_before_it(orphan, learner, course):
    migration = importlib.import_module("certificates.migrations.0004_certificate_outlives_account")
    holder = make_user()
    enrolment = enrolment_create(learner=holder, course=course)
    complete_lessons(holder, course)
    certificate = certificate_issue(learner=holder, course=course)
    Certificate.objects.update(enrolment=None)
    migration.link_enrolments(apps, None)
    certificate.refresh_from_db()
    orphan.refresh_from_db()
    assert certificate.enrolment_id == enrolment.pk
    assert orphan.enrolment_id is None  # no learner left to find its enrolment by
