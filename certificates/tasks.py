"""Certificate work done after the response (``core.tasks`` says how tasks run)."""

from django_tasks import task

from .models import Certificate
from .pdf import certificate_pdf


@task()
def render_certificate_pdfs(certificate_ids: list[int]) -> int:
    """Render and store the PDFs of newly issued certificates, so that a class's
    downloads after a bulk issue read files instead of each rendering one. Returns how
    many were rendered (revoked ones are skipped; one already stored is only read)."""
    certificates = Certificate.objects.filter(
        pk__in=certificate_ids, revoked_at__isnull=True
    ).select_related("course")
    count = 0
    for certificate in certificates:
        certificate_pdf(certificate)
        count += 1
    return count
