"""Certificate settings per course, and the certificates issued."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from . import codes


class CertificateTemplate(models.Model):
    """How a course's certificates are issued and what they say."""

    course = models.OneToOneField(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="certificate_template",
        verbose_name=_("course"),
        # A course's certificate is one in every language: set on its source version.
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    enabled = models.BooleanField(_("certificates enabled"), default=True)
    title = models.CharField(
        _("certificate title"), max_length=200, default=_("Certificate of completion")
    )
    issuing_organisation = models.CharField(_("issuing organisation"), max_length=200)
    signatory_name = models.CharField(_("signatory name"), max_length=150)
    signatory_title = models.CharField(_("signatory title"), max_length=150)
    hours = models.PositiveSmallIntegerField(
        _("hours"), null=True, blank=True, help_text=_("Leave empty to use the course's hours.")
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("For re-certification, e.g. 24. Leave empty: valid without limit."),
    )
    auto_issue = models.BooleanField(
        _("issue automatically on completion"),
        default=False,
        help_text=_("Otherwise learners wait for an administrator to issue it."),
    )

    panels = [
        FieldPanel("course"),
        FieldPanel("enabled"),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("issuing_organisation"),
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title"),
                FieldPanel("hours"),
            ],
            heading=_("What the certificate says"),
        ),
        MultiFieldPanel(
            [FieldPanel("validity_months"), FieldPanel("auto_issue")], heading=_("Issuing")
        ),
    ]

    class Meta:
        verbose_name = _("certificate setting")
        verbose_name_plural = _("certificate settings")

    def __str__(self):
        return str(self.course)


class Certificate(models.Model):
    """A certificate as issued: what it says is copied, so later edits do not change it.

    It outlives its holder's account: when a learner deletes their account, ``learner``
    becomes empty and the certificate, with the name as issued, stays verifiable (an
    employer or a court may still check it). ``enrolment`` is the completion it was
    issued for, which stays too (anonymous), so that reports still count it.
    """

    code = models.CharField(_("verification code"), max_length=17, unique=True, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("learner"),
    )
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("enrolment"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("course"),
    )
    holder_name = models.CharField(_("holder"), max_length=150)
    organisation = models.CharField(_("holder's organisation"), max_length=200, blank=True)
    country = models.CharField(_("holder's country"), max_length=2, blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    title = models.CharField(_("certificate title"), max_length=200)
    course_title = models.CharField(_("course"), max_length=255)
    hours = models.PositiveSmallIntegerField(_("hours"))
    completed_on = models.DateField(_("completed on"))
    issuing_organisation = models.CharField(_("issuing organisation"), max_length=200)
    signatory_name = models.CharField(_("signatory name"), max_length=150)
    signatory_title = models.CharField(_("signatory title"), max_length=150)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        permissions = [
            ("issue_certificate", _("Can issue certificates")),
            ("revoke_certificate", _("Can revoke certificates")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"],
                condition=Q(revoked_at__isnull=True),
                name="certificates_one_valid_per_learner_course",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="certificates_revocation_has_reason",
            ),
        ]

    def __str__(self):
        return self.display_code

    @property
    def display_code(self) -> str:
        return codes.display(self.code)

    @property
    def status(self) -> str:
        if self.revoked_at:
            return "revoked"
        if self.valid_until and self.valid_until < timezone.localdate():
            return "expired"
        return "valid"

    def get_status_display(self) -> str:
        return {
            "revoked": _("Revoked"),
            "expired": _("Expired"),
            "valid": _("Valid"),
        }[self.status]
