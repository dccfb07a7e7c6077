"""Issuing and revoking certificates. Every path (one, bulk, automatic) uses
``certificate_issue_many``; it is idempotent: one valid certificate per learner and
course, enforced by a database constraint."""

from __future__ import annotations

import calendar
import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import get_active_log_context, log
from wagtail.log_actions import registry as log_registry

from courses.models import CoursePage, Enrolment

from . import codes
from .models import Certificate, CertificateTemplate
from .tasks import render_certificate_pdfs

ISSUE_PERMISSION = "certificates.issue_certificate"
REVOKE_PERMISSION = "certificates.revoke_certificate"


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _require(user, permission: str) -> None:
    if user is not None and not user.has_perm(permission):
        raise PermissionDenied(_("You do not have permission to do this."))


def _certificate(enrolment: Enrolment, template: CertificateTemplate, issued_by) -> Certificate:
    learner, course = enrolment.learner, enrolment.course
    completed_on = timezone.localdate(enrolment.completed_at)
    return Certificate(
        code=codes.new_code(),
        learner=learner,
        enrolment=enrolment,
        course=course,
        holder_name=learner.full_name or learner.email,
        organisation=learner.organisation,
        country=learner.country,
        language=learner.preferred_language or "en",
        title=template.title,
        course_title=course.title,
        hours=template.hours or course.estimated_hours,
        completed_on=completed_on,
        issuing_organisation=template.issuing_organisation,
        signatory_name=template.signatory_name,
        signatory_title=template.signatory_title,
        issued_by=issued_by,
        valid_until=(
            _add_months(timezone.localdate(), template.validity_months)
            if template.validity_months
            else None
        ),
    )


@transaction.atomic
def certificate_issue_many(
    *, pairs: list[tuple[int, int]], issued_by=None, render_pdfs: bool = False
) -> list[Certificate]:
    """Issue to each (learner id, course id) that completed and holds no valid certificate.

    Returns the certificates created; pairs already holding one, not completed, or whose
    course has certificates disabled are skipped. ``issued_by`` must hold the issuing
    permission (``None`` for automatic issuing). With ``render_pdfs`` (a bulk issue from
    the admin), their PDFs are rendered by a background task once the issue is saved.
    """
    _require(issued_by, ISSUE_PERMISSION)
    wanted = set(pairs)
    if not wanted:
        return []
    learner_ids = {learner for learner, _course in wanted}
    course_ids = {course for _learner, course in wanted}
    templates = {
        t.course_id: t
        for t in CertificateTemplate.objects.filter(course_id__in=course_ids, enabled=True)
    }
    held = set(
        Certificate.objects.filter(
            learner_id__in=learner_ids, course_id__in=course_ids, revoked_at__isnull=True
        ).values_list("learner_id", "course_id")
    )
    enrolments = (
        Enrolment.objects.filter(
            learner_id__in=learner_ids, course_id__in=course_ids, completed_at__isnull=False
        )
        .select_related("learner", "course")
        .order_by("pk")
    )
    new = [
        _certificate(e, templates[e.course_id], issued_by)
        for e in enrolments
        if (e.learner_id, e.course_id) in wanted
        and (e.learner_id, e.course_id) not in held
        and e.course_id in templates
    ]
    try:
        with transaction.atomic():
            Certificate.objects.bulk_create(new)
    except IntegrityError:
        # Someone issued one of these at the same moment: issue the rest one by one.
        new = [c for c in new if _create_unless_held(c)]
    _log_issued(new, issued_by)
    if render_pdfs and new:
        ids = [certificate.pk for certificate in new]
        transaction.on_commit(lambda: render_certificate_pdfs.enqueue(ids))
    return new


def _log_issued(certificates: list[Certificate], user) -> None:
    """One audit-log entry per certificate, as ``log()`` writes them, in one insert."""
    if not certificates:
        return
    model = log_registry.get_log_model_for_instance(certificates[0])
    context = get_active_log_context()
    content_type = ContentType.objects.get_for_model(Certificate, for_concrete_model=False)
    now = timezone.now()
    model.objects.bulk_create(
        model(
            content_type=content_type,
            label=str(certificate),
            action="certificates.issue",
            timestamp=now,
            data={},
            user=user or context.user,
            uuid=context.uuid,
            object_id=str(certificate.pk),
        )
        for certificate in certificates
    )


def _create_unless_held(certificate: Certificate) -> bool:
    try:
        with transaction.atomic():
            certificate.save()
        return True
    except IntegrityError:
        return False


def certificate_issue(*, learner, course: CoursePage, issued_by=None) -> Certificate:
    """Issue one certificate, or return the valid one the learner already holds.

    Raises ``ValidationError`` when the course has no enabled certificate or the learner
    has not completed it.
    """
    created = certificate_issue_many(pairs=[(learner.pk, course.pk)], issued_by=issued_by)
    if created:
        return created[0]
    held = Certificate.objects.filter(learner=learner, course=course, revoked_at__isnull=True)
    if certificate := held.first():
        return certificate
    # Nothing issued and nothing held: say why.
    if not CertificateTemplate.objects.filter(course=course, enabled=True).exists():
        raise ValidationError(_("This course does not issue certificates."))
    raise ValidationError(_("This learner has not completed the course."))


@transaction.atomic
def certificate_revoke(*, certificate_id: int, revoked_by, reason: str) -> Certificate:
    """Revoke a valid certificate with a reason; revoking twice is refused."""
    _require(revoked_by, REVOKE_PERMISSION)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for revoking this certificate."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
    if certificate.revoked_at:
        raise ValidationError(_("This certificate was already revoked."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = revoked_by
    certificate.revocation_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    log(certificate, "certificates.revoke", user=revoked_by, data={"reason": reason})
    return certificate


def issue_on_completion(sender, *, learner, course, **kwargs) -> None:
    """course_completed receiver: issue at once where the course says so."""
    if CertificateTemplate.objects.filter(course=course, enabled=True, auto_issue=True).exists():
        certificate_issue_many(pairs=[(learner.pk, course.pk)], issued_by=None)
