"""The certificates admin and its exports say what people read, not what is stored."""

import csv
import datetime
import html as html_module
import io
import re

import pytest
from django.urls import reverse
from django.utils.formats import date_format
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from certificates.models import Certificate, CertificateTemplate
from certificates.services import certificate_issue, certificate_revoke
from certificates.wagtail_hooks import CertificateIndexView
from tests.factories import make_course

pytestmark = pytest.mark.django_db

ISSUED = datetime.datetime(2026, 12, 1, 16, 5, 37, tzinfo=datetime.UTC)  # 21:05 in Tashkent


def text_of(html: str) -> str:
    """The page's text as a reader sees it: no tags, one space between words."""
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def certificate(learner, course, template, completed, administrator):
    learner.full_name = "Гульнара «Ўзбекова» 🙂"
    learner.organisation = 'Police "Academy"'
    learner.country = "kz"
    learner.save()
    certificate = certificate_issue(learner=learner, course=course, issued_by=administrator)
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=ISSUED)
    certificate.refresh_from_db()
    return certificate


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def in_russian(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ru"
    profile.save()


def export(client, export_format: str, **params):
    response = client.get(reverse("issued_certificates:index"), {"export": export_format, **params})
    assert response.status_code == 200
    if export_format == "csv":
        return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return sheet


def test_settings_list_says_yes_no_and_how_long_certificates_are_valid(admin_client, template):
    template.validity_months = 24
    template.save()
    CertificateTemplate.objects.create(
        course=make_course(title="Суды и «торговля» людьми 🙂"), enabled=False, auto_issue=False
    )
    html = admin_client.get(reverse("certificate_settings:index")).content.decode()
    body = re.search(r'<table class="listing.*?<tbody\b(.*?)</tbody>', html, flags=re.S).group(1)
    rows = sorted(text_of(row) for row in re.findall(r"<tr\b.*?</tr>", body, flags=re.S))
    assert rows == [
        f"{template.course.title} Edit Delete Yes OSCE Training Unit 24 months No",
        # A new course's settings: off, no issuer yet, valid without limit.
        "Суды и «торговля» людьми 🙂 Edit Delete No — No expiry No",
    ]
    assert "True" not in html and "False" not in html and "None" not in text_of(html)
    header = text_of(re.search(r'<table class="listing.*?</thead>', html, flags=re.S).group())
    assert "Validity" in header and "Valid for (months)" not in header


def test_inspect_says_no_expiry_not_revoked_and_the_country_by_name(admin_client, certificate):
    url = reverse("issued_certificates:inspect", args=[certificate.pk])
    text = text_of(admin_client.get(url).content.decode())
    assert f"Code {certificate.display_code}" in text
    assert "Status Valid" in text
    assert "Country Kazakhstan" in text
    assert "Valid until No expiry" in text
    assert "Revoked at Not revoked" in text
    assert "Issued at Dec. 1, 2026, 4:05 p.m." in text  # the admin's time zone: UTC
    assert f"Completed on {date_format(certificate.completed_on, 'DATE_FORMAT')}" in text
    assert "None" not in text and " KZ " not in text and " kz " not in text
    assert "Revoked by" not in text and "Reason for revocation" not in text
    assert "Гульнара «Ўзбекова» 🙂" in text and 'Police "Academy"' in text


def test_inspect_of_a_revoked_certificate_says_when_by_whom_and_why(
    admin_client, administrator, certificate
):
    administrator.full_name = "Айгерим Admin"
    administrator.save()
    certificate_revoke(
        certificate_id=certificate.pk, revoked_by=administrator, reason="Выдан «по ошибке» 🙂"
    )
    url = reverse("issued_certificates:inspect", args=[certificate.pk])
    text = text_of(admin_client.get(url).content.decode())
    assert "Status Revoked" in text and "Not revoked" not in text
    assert "Revoked by Айгерим Admin" in text
    assert "Reason for revocation Выдан «по ошибке» 🙂" in text


def test_inspect_in_russian_names_country_and_dates_in_russian(
    admin_client, administrator, template, certificate
):
    in_russian(administrator)
    url = reverse("issued_certificates:inspect", args=[certificate.pk])
    text = text_of(admin_client.get(url).content.decode())
    assert "Казахстан" in text and "Kazakhstan" not in text
    assert "1 декабря 2026 г. 16:05" in text  # DATETIME_FORMAT of Russian


def test_inspect_with_an_expiry_date_shows_it_as_a_date(admin_client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=datetime.date(2028, 12, 1))
    url = reverse("issued_certificates:inspect", args=[certificate.pk])
    assert "Valid until Dec. 1, 2028" in text_of(admin_client.get(url).content.decode())


def test_the_issued_list_shows_the_date_in_the_readers_language(
    admin_client, administrator, certificate
):
    url = reverse("issued_certificates:index")
    assert "Dec. 1, 2026" in text_of(admin_client.get(url).content.decode())
    in_russian(administrator)
    assert "1 декабря 2026 г." in text_of(admin_client.get(url).content.decode())


def test_csv_export_heads_columns_as_the_screen_and_says_human_values(
    admin_client, certificate, settings
):
    settings.TIME_ZONE = "Asia/Tashkent"  # the site's time zone: UTC+5
    header, row = export(admin_client, "csv")
    assert header == [
        "Code",
        "Holder",
        "Holder's organisation",
        "Country",
        "Course",
        "Hours",
        "Completed on",
        "Issued at",
        "Valid until",
        "Status",
        "Revoked at",
        "Reason for revocation",
    ]
    values = dict(zip(header, row, strict=True))
    assert values["Code"] == certificate.display_code
    assert values["Holder"] == "Гульнара «Ўзбекова» 🙂"
    assert values["Holder's organisation"] == 'Police "Academy"'
    assert values["Country"] == "Kazakhstan"
    assert values["Issued at"] == "2026-12-01 21:05"
    assert values["Completed on"] == certificate.completed_on.isoformat()
    assert values["Valid until"] == "No expiry"
    assert values["Status"] == "Valid"
    assert values["Revoked at"] == values["Reason for revocation"] == ""


def test_csv_export_of_a_revoked_certificate(admin_client, administrator, certificate):
    certificate_revoke(certificate_id=certificate.pk, revoked_by=administrator, reason="Ошибка")
    revoked_at = datetime.datetime(2026, 12, 2, 9, 30, 59, tzinfo=datetime.UTC)
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=revoked_at)
    header, row = export(admin_client, "csv")
    values = dict(zip(header, row, strict=True))
    assert values["Status"] == "Revoked"
    assert values["Revoked at"] == "2026-12-02 09:30"
    assert values["Reason for revocation"] == "Ошибка"


def test_csv_export_in_the_admins_language(admin_client, administrator, certificate):
    in_russian(administrator)
    header, row = export(admin_client, "csv")
    values = dict(zip(header, row, strict=True))
    assert values["Страна"] == "Казахстан"
    assert values["Статус"] == "Действителен"


def test_xlsx_export_has_the_same_headings_and_moments_as_dates(
    admin_client, certificate, settings
):
    settings.TIME_ZONE = "Asia/Tashkent"
    sheet = export(admin_client, "xlsx")
    header, row = list(sheet.iter_rows(values_only=True))
    values = dict(zip(header, row, strict=True))
    assert header[:4] == ("Code", "Holder", "Holder's organisation", "Country")
    assert values["Country"] == "Kazakhstan" and values["Valid until"] == "No expiry"
    assert values["Issued at"] == datetime.datetime(2026, 12, 1, 21, 5)
    cell = next(sheet.iter_rows(min_row=2))[header.index("Issued at")]
    assert cell.number_format == "yyyy-mm-dd hh:mm"
    assert values["Holder"] == "Гульнара «Ўзбекова» 🙂"


def test_a_boolean_in_an_export_reads_yes_or_no():
    view = CertificateIndexView()
    assert view.preprocess_field_value("any", True, "csv") == "Yes"
    assert view.preprocess_field_value("any", False, "xlsx") == "No"
