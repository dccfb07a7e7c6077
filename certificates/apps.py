from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates: issued by administrators, downloaded by learners, verified by anyone."""

    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from accounts.extensions import personal_data_providers
        from courses.extensions import course_note_providers
        from courses.signals import course_completed

        from .models import Certificate
        from .selectors import certificate_course_notes, certificates_personal_data
        from .services import issue_on_completion

        course_completed.connect(issue_on_completion, dispatch_uid="certificates_auto_issue")
        course_note_providers.register(certificate_course_notes)
        personal_data_providers.register(certificates_personal_data)
        from .permissions import CertificatePermissionPolicy

        register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))
