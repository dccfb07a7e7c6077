"""Reads for certificates, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from courses.extensions import CourseNote
from courses.models import Enrolment

from .models import Certificate, CertificateTemplate


def _completed_in_issuing_courses():
    """Completed enrolments of living accounts in courses that issue certificates.

    Anonymous enrolments (the learner deleted their account) are not awaiting anything.
    """
    enabled = CertificateTemplate.objects.filter(course_id=OuterRef("course_id"), enabled=True)
    return Enrolment.objects.filter(completed_at__isnull=False, learner__isnull=False).filter(
        Exists(enabled)
    )


def _valid_certificate():
    return Certificate.objects.filter(
        learner_id=OuterRef("learner_id"), course_id=OuterRef("course_id"), revoked_at__isnull=True
    )


def awaiting_certificates(*, course_id=None, organisation="", country=""):
    """Completed enrolments in courses that issue certificates, with no valid certificate."""
    # A learner whose certificate was revoked is awaiting again: say so, so that nobody
    # re-issues it by mistake.
    revoked = Certificate.objects.filter(
        learner_id=OuterRef("learner_id"), course_id=OuterRef("course_id"), revoked_at__isnull=False
    ).order_by("-revoked_at")
    enrolments = (
        _completed_in_issuing_courses()
        .exclude(Exists(_valid_certificate()))
        .annotate(revoked_at=Subquery(revoked.values("revoked_at")[:1]))
        .select_related("learner", "course")
        .order_by("-completed_at")
    )
    if course_id:
        enrolments = enrolments.filter(course_id=course_id)
    if organisation:
        enrolments = enrolments.filter(learner__organisation__icontains=organisation)
    if country:
        enrolments = enrolments.filter(learner__country=country)
    return enrolments


@dataclass(frozen=True)
class IssueSelection:
    """What a selection of (learner id, course id) pairs on the awaiting list names.

    ``awaiting``: the enrolments to issue for, by the learner's name. ``held``: how many
    already hold a valid certificate (issued since the list was shown). ``unknown``: how
    many name no completed enrolment in a course that issues certificates (a forged
    or mistyped id, a learner who has not completed, a course that issues none).
    """

    awaiting: list[Enrolment]
    held: int
    unknown: int


def issue_selection(*, pairs: list[tuple[int, int]]) -> IssueSelection:
    """Read a selection to issue certificates for against the database: one query."""
    wanted = set(pairs)
    rows = (
        _completed_in_issuing_courses()
        .filter(
            learner_id__in={learner for learner, _course in wanted},
            course_id__in={course for _learner, course in wanted},
        )
        .annotate(holds_valid=Exists(_valid_certificate()))
        .select_related("learner", "course")
        .order_by("learner__full_name", "learner__email", "course__title", "pk")
    )
    found = [e for e in rows if (e.learner_id, e.course_id) in wanted]
    awaiting = [e for e in found if not e.holds_valid]
    return IssueSelection(
        awaiting=awaiting, held=len(found) - len(awaiting), unknown=len(wanted) - len(found)
    )


def certificate_course_notes(learner) -> dict:
    """For completed courses: the certificate is ready (with its link) or on its way.

    Keyed by the course's translation key, the same in every language.
    """
    notes = {}
    completed = Enrolment.objects.filter(learner=learner, completed_at__isnull=False)
    held = Certificate.objects.filter(learner_id=learner.pk, course_id=OuterRef("course_id"))
    rows = (
        completed.filter(course__certificate_template__enabled=True)
        .annotate(
            certificate_code=held.filter(revoked_at__isnull=True).values("code")[:1],
            revoked_at=held.filter(revoked_at__isnull=False)
            .order_by("-revoked_at")
            .values("revoked_at")[:1],
        )
        .values_list("course__translation_key", "certificate_code", "revoked_at")
    )
    for course_key, code, revoked_at in rows:
        if not code and revoked_at:
            notes[course_key] = CourseNote(
                text=_(
                    "Your certificate was revoked on %(date)s. Contact the course "
                    "administrators if you think this is a mistake."
                )
                % {"date": date_format(revoked_at, "DATE_FORMAT")}
            )
        elif code:
            notes[course_key] = CourseNote(
                text=_("Your certificate is ready."),
                url=reverse("certificates:download", args=[code]),
                link_text=_("Download the certificate (PDF)"),
            )
        else:
            notes[course_key] = CourseNote(
                text=_("Your certificate is on its way: an administrator will issue it.")
            )
    return notes


def certificates_personal_data(learner) -> dict:
    """The certificates issued to ``learner``, for their data download (registered with
    ``accounts.extensions.personal_data_providers``): everything each says, its status
    and, if revoked, when and why. One query."""
    return {
        "certificates": [
            {
                "code": certificate.display_code,
                "title": certificate.title,
                "course": certificate.course_title,
                "holder_name": certificate.holder_name,
                "organisation": certificate.organisation,
                "country": certificate.country,
                "language": certificate.language,
                "hours": certificate.hours,
                "completed_on": certificate.completed_on,
                "issued_at": certificate.issued_at,
                "issuing_organisation": certificate.issuing_organisation,
                "valid_until": certificate.valid_until,
                "status": certificate.status,
                "revoked_at": certificate.revoked_at,
                "revocation_reason": certificate.revocation_reason,
            }
            for certificate in Certificate.objects.filter(learner=learner).order_by("issued_at")
        ]
    }
