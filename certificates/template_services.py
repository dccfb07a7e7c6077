"""Writes for the certificate settings of a course (``CertificateTemplate``)."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction

from courses.models import CoursePage
from courses.translations import source_first

from .models import CertificateTemplate

# What the certificate says about who issues it: the same for most courses.
ISSUER_FIELDS = ("issuing_organisation", "signatory_name", "signatory_title")


@transaction.atomic
def certificate_template_create_for_course(
    *, course: CoursePage, like: CertificateTemplate | None = None
) -> CertificateTemplate | None:
    """Give a new course its certificate settings, with issuing switched off.

    An administrator switches issuing on once the settings are checked; until then no
    learner is listed as awaiting a certificate for it. The issuer and signatory are
    copied from ``like`` (a copied course: the original's settings), else from the most
    recently made settings, if any. A course is one course in every language
    (``courses.translations``): the settings belong to its version in the source
    language, the only one the settings' editor offers, and a course whose version in
    any language already has settings gets none. Returns the settings made, or
    ``None`` when there were some already or the course has no source-language version
    (written first in another language's tree: an administrator adds them once it
    has one).
    """
    versions = CoursePage.objects.filter(translation_key=course.translation_key)
    if CertificateTemplate.objects.filter(course__in=versions).exists():
        return None
    source = source_first(versions).values_list("pk", "locale__language_code").first()
    if source is None or source[1] != settings.LANGUAGE_CODE:
        return None
    like = like or CertificateTemplate.objects.order_by("-pk").first()
    copied = {field: getattr(like, field) for field in ISSUER_FIELDS} if like else {}
    try:
        with transaction.atomic():
            return CertificateTemplate.objects.create(course_id=source[0], enabled=False, **copied)
    except IntegrityError:  # made at the same moment by another request
        return None
