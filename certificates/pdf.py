"""The certificate as a PDF: HTML rendered by WeasyPrint, a QR code by segno.

The PDF is made on first download and kept in the private "certificates" storage, so
later downloads only read a file.
"""

from __future__ import annotations

import functools

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from core.languages import split_language

from .models import Certificate, CertificateTemplate


def verification_url(certificate: Certificate) -> str:
    """The address printed and in the QR code: without a language, so that it opens in
    the language of whoever checks it (the site redirects to it)."""
    _language, path = split_language(
        reverse("certificates:verify_code", args=[certificate.display_code])
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _labels(language: str) -> dict[str, str]:
    from django.utils.translation import gettext as _

    with translation.override(language):
        return {
            "title": _("Certificate of completion"),
            "certifies": _("This certifies that"),
            "completed": _("has completed the course"),
            "hours": _("Hours of study"),
            "date": _("Completed on"),
            "valid_until": _("Valid until"),
            "code": _("Verification code"),
            "verify": _("Check this certificate at"),
        }


@functools.cache
def _weasyprint():
    """One fetcher and font configuration per process, reused for every certificate.

    The fetcher accepts only ``data:`` URLs: a certificate needs nothing else, and so
    no text on it can make the renderer read a file or call a server. Building them
    once saves a third of each rendering (WeasyPrint's default fetcher loads the
    system's TLS certificates every time).
    """
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    return HTML, URLFetcher(allowed_protocols=("data",)), FontConfiguration()


def _default_title() -> str:
    """The certificate settings' default title, in English as it is stored."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(CertificateTemplate._meta.get_field("title").default)


def course_title_in(certificate: Certificate, language: str) -> str:
    """The course's title in ``language`` where a trainer translated it, else ''."""
    if language == settings.LANGUAGE_CODE:
        return ""
    title = (
        Page.objects.filter(
            translation_key=certificate.course.translation_key,
            locale__language_code=language,
            alias_of__isnull=True,
        )
        .values_list("title", flat=True)
        .first()
    )
    return title if title and title != certificate.course_title else ""


def render_pdf(certificate: Certificate) -> bytes:
    """Render a certificate; in the holder's language and English when they differ.

    The labels come from the interface catalogues; the course's title is printed in
    the holder's language too when the course is translated into it. The fonts
    (DejaVu, installed with the system packages) have every letter of the site's
    languages: Kazakh, Kyrgyz, Tajik and Uzbek included.
    """
    html_class, fetcher, fonts = _weasyprint()

    url = verification_url(certificate)
    languages = [certificate.language] if certificate.language != "en" else []
    languages.append("en")
    html = render_to_string(
        "certificates/pdf.html",
        {
            "certificate": certificate,
            "local_course_title": course_title_in(certificate, certificate.language),
            # The default title is the interface's, so it is printed in both languages
            # too; a title a trainer wrote is printed as written.
            "default_title": certificate.title == _default_title(),
            "labels": [_labels(code) for code in languages],
            "url": url,
            "qr": segno.make(url, error="m").svg_data_uri(scale=4, border=1),
        },
    )
    return html_class(string=html, url_fetcher=fetcher).write_pdf(font_config=fonts)


def certificate_pdf(certificate: Certificate) -> bytes:
    """The stored PDF of a certificate, rendered and stored on first use."""
    storage = storages["certificates"]
    name = f"{certificate.code}.pdf"
    if storage.exists(name):
        with storage.open(name, "rb") as fh:
            return fh.read()
    data = render_pdf(certificate)
    storage.save(name, ContentFile(data))
    return data
