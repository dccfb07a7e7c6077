import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_issue_many, certificate_revoke
from courses.services import enrolment_create
from tests.factories import complete_lessons, make_user

pytestmark = pytest.mark.django_db


def test_issue_copies_what_the_certificate_says(
    learner, course, template, completed, administrator
):
    learner.full_name = "Айгерим Сейткали"
    learner.save()
    certificate = certificate_issue(learner=learner, course=course, issued_by=administrator)
    assert certificate.holder_name == "Айгерим Сейткали"
    assert certificate.course_title == course.title
    assert certificate.completed_on == completed.completed_at.date()
    assert certificate.status == "valid"
    assert ModelLogEntry.objects.filter(action="certificates.issue").count() == 1


def test_issuing_twice_keeps_one_valid_certificate(
    learner, course, template, completed, administrator
):
    first = certificate_issue(learner=learner, course=course, issued_by=administrator)
    second = certificate_issue(learner=learner, course=course, issued_by=administrator)
    assert first.pk == second.pk
    assert Certificate.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            code="X" * 17, learner=learner, course=course, holder_name="x", title="t",
            course_title="c", hours=1, completed_on=first.completed_on,
            issuing_organisation="o", signatory_name="s", signatory_title="t",
        )  # fmt: skip


def test_not_completed_is_refused(learner, course, template, enrolled, administrator):
    with pytest.raises(ValidationError):
        certificate_issue(learner=learner, course=course, issued_by=administrator)
    assert not Certificate.objects.exists()


def test_course_without_certificates_is_refused(learner, course, completed, administrator):
    with pytest.raises(ValidationError):
        certificate_issue(learner=learner, course=course, issued_by=administrator)


def test_trainer_without_permission_cannot_issue(learner, course, template, completed, trainer):
    with pytest.raises(PermissionDenied):
        certificate_issue(learner=learner, course=course, issued_by=trainer)
    assert not Certificate.objects.exists()


def test_revoke_needs_a_reason_and_happens_once(
    learner, course, template, completed, administrator
):
    certificate = certificate_issue(learner=learner, course=course, issued_by=administrator)
    with pytest.raises(ValidationError):
        certificate_revoke(certificate_id=certificate.pk, revoked_by=administrator, reason=" ")
    certificate_revoke(certificate_id=certificate.pk, revoked_by=administrator, reason="Fraud")
    with pytest.raises(ValidationError):
        certificate_revoke(certificate_id=certificate.pk, revoked_by=administrator, reason="Again")
    certificate.refresh_from_db()
    assert certificate.status == "revoked" and certificate.revoked_by == administrator
    assert ModelLogEntry.objects.filter(action="certificates.revoke").count() == 1


def test_reissue_after_revocation_creates_a_new_certificate(
    learner, course, template, completed, administrator
):
    old = certificate_issue(learner=learner, course=course, issued_by=administrator)
    certificate_revoke(certificate_id=old.pk, revoked_by=administrator, reason="Name misspelt")
    new = certificate_issue(learner=learner, course=course, issued_by=administrator)
    assert new.pk != old.pk and new.code != old.code and new.status == "valid"


def test_bulk_issue_skips_those_not_eligible(course, template, lessons, administrator):
    done, not_done, holder = make_user(), make_user(), make_user()
    for person in (done, not_done, holder):
        enrolment_create(learner=person, course=course)
    for person in (done, holder):
        complete_lessons(person, course)
    certificate_issue(learner=holder, course=course, issued_by=administrator)
    issued = certificate_issue_many(
        pairs=[(p.pk, course.pk) for p in (done, not_done, holder)], issued_by=administrator
    )
    assert [c.learner_id for c in issued] == [done.pk]
    assert Certificate.objects.count() == 2


def test_automatic_issue_on_completion(learner, course, template, enrolled):
    template.auto_issue = True
    template.save()
    complete_lessons(learner, course)
    certificate = Certificate.objects.get(learner=learner)
    assert certificate.issued_by is None


def test_validity_period(learner, course, template, completed, administrator):
    template.validity_months = 24
    template.save()
    certificate = certificate_issue(learner=learner, course=course, issued_by=administrator)
    assert (certificate.valid_until - certificate.issued_at.date()).days in range(729, 733)


def test_bulk_issue_costs_the_same_queries_for_any_number(course, template, administrator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses.models import Enrolment

    def issue(count):
        learners = [make_user() for _ in range(count)]
        for learner in learners:
            enrolment_create(learner=learner, course=course)
        Enrolment.objects.filter(completed_at=None).update(completed_at=timezone.now())
        with CaptureQueriesContext(connection) as ctx:
            issued = certificate_issue_many(
                pairs=[(learner.pk, course.pk) for learner in learners], issued_by=administrator
            )
        assert len(issued) == count
        entries = ModelLogEntry.objects.filter(
            action="certificates.issue", object_id__in=[str(c.pk) for c in issued]
        )
        assert entries.count() == count and set(entries.values_list("user", flat=True)) == {
            administrator.pk
        }
        return len(ctx.captured_queries)

    issue(1)  # warm: permissions and content types are cached after the first
    assert issue(3) == issue(12)
