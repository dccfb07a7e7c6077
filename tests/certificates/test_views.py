import io

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader
from wagtail.admin.menu import admin_menu

from certificates import codes
from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_revoke
from tests.factories import complete_lessons, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(learner, course, template, completed, administrator):
    learner.full_name = "Гульнара Ўзбекова"
    learner.save()
    return certificate_issue(learner=learner, course=course, issued_by=administrator)


def test_holder_downloads_a_pdf_with_name_course_and_code(learner_client, certificate):
    response = learner_client.get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Гульнара Ўзбекова" in text
    assert certificate.course_title in text
    assert certificate.display_code in text
    # The second download reads the stored file and gives the same document.
    again = learner_client.get(reverse("certificates:download", args=[certificate.code]))
    assert again.content == response.content


def test_someone_elses_or_revoked_certificate_is_404(client, certificate, administrator):
    client.force_login(make_user())
    url = reverse("certificates:download", args=[certificate.code])
    assert client.get(url).status_code == 404
    client.force_login(certificate.learner)
    certificate_revoke(certificate_id=certificate.pk, revoked_by=administrator, reason="Error")
    assert client.get(url).status_code == 404


def test_dashboard_and_course_page_offer_the_download(learner_client, certificate):
    url = reverse("certificates:download", args=[certificate.code])
    assert url in learner_client.get(reverse("courses:dashboard")).content.decode()
    assert url in learner_client.get(certificate.course.url).content.decode()


def test_completed_without_certificate_says_it_is_on_its_way(learner_client, template, completed):
    assert "on its way" in learner_client.get(reverse("courses:dashboard")).content.decode()


def test_verification_shows_status_and_nothing_else_about_the_learner(
    client, certificate, django_assert_num_queries
):
    certificate.learner.organisation = "Secret Unit 7"
    certificate.learner.email = "private@example.org"
    certificate.learner.save()
    url = reverse("certificates:verify_code", args=[certificate.display_code])
    client.get(url)  # warm the site cache; then the page is one query
    with django_assert_num_queries(1):
        html = client.get(url).content.decode()
    assert "Valid certificate" in html and "Гульнара Ўзбекова" in html
    assert certificate.course_title in html
    assert "Secret Unit 7" not in html and "private@example.org" not in html


def test_verification_of_revoked_shows_date_not_reason(client, certificate, administrator):
    certificate_revoke(certificate_id=certificate.pk, revoked_by=administrator, reason="Cheated")
    html = client.get(
        reverse("certificates:verify_code", args=[certificate.display_code])
    ).content.decode()
    assert "Revoked certificate" in html and "Revoked on" in html
    assert "Cheated" not in html


def test_typed_code_is_read_forgivingly(client, certificate):
    typed = certificate.display_code.lower().replace("-", " ")
    response = client.get(reverse("certificates:verify"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{certificate.display_code}/")


def test_typing_error_unknown_and_malformed_codes(client, certificate):
    code = certificate.code
    typo = code[:3] + ("A" if code[3] != "A" else "B") + code[4:]
    response = client.get(reverse("certificates:verify"), {"code": typo})
    assert response.status_code == 400 and "typing error" in response.content.decode()
    unknown = codes.new_code()
    response = client.get(reverse("certificates:verify_code", args=[codes.display(unknown)]))
    assert (
        response.status_code == 404 and "No certificate has this code" in response.content.decode()
    )
    response = client.get(reverse("certificates:verify"), {"code": "<script>x</script>"})
    assert response.status_code == 400
    assert "<script>x" not in response.content.decode()


def test_verification_is_rate_limited_per_address(client, settings):
    cache.clear()
    url = reverse("certificates:verify")
    statuses = [client.get(url, REMOTE_ADDR="10.9.9.9").status_code for _ in range(31)]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429
    assert client.get(url, REMOTE_ADDR="10.9.9.10").status_code == 200


def test_a_code_typed_in_the_form_counts_once(client, settings):
    from certificates import codes

    cache.clear()
    settings.CERTIFICATE_VERIFY_LIMIT_PER_MINUTE = 10
    code = codes.display(codes.new_code())
    url = reverse("certificates:verify")
    statuses = [
        client.get(url, {"code": code}, follow=True, REMOTE_ADDR="10.9.9.11").status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [404] * 10 and statuses[10] == 429  # unknown code; then limited


def test_admin_awaiting_list_issues_in_bulk(client, administrator, learner, template, completed):
    client.force_login(administrator)
    url = reverse("certificates_awaiting")
    html = client.get(url).content.decode()
    assert learner.full_name in html
    response = client.post(url, {"selected": [f"{learner.pk}:{template.course_id}"]})
    assert response.status_code == 302
    assert Certificate.objects.filter(learner=learner).count() == 1
    assert learner.full_name not in client.get(url).content.decode()


def test_a_forged_selection_is_refused_with_a_message(client, administrator, template):
    client.force_login(administrator)
    url = reverse("certificates_awaiting")
    for selected in ("²:1", "1:²", "abc", "1:1:1"):
        response = client.post(url, {"selected": [selected]})
        assert response.status_code == 400, selected
        assert "could not be read" in response.content.decode()
    # Well-formed, but naming nobody awaiting a certificate.
    response = client.post(url, {"selected": ["999999:999999"], "confirm": "yes"})
    assert response.status_code == 400
    assert "not awaiting a certificate" in response.content.decode()
    assert not Certificate.objects.exists()


def test_the_awaiting_list_is_paginated_not_cut_short(client, administrator, template):
    from django.utils import timezone

    from courses.models import Enrolment
    from tests.factories import make_user

    now = timezone.now()
    Enrolment.objects.bulk_create(
        Enrolment(learner=make_user(), course=template.course, enrolled_at=now, completed_at=now)
        for _ in range(105)
    )
    client.force_login(administrator)
    url = reverse("certificates_awaiting")
    first = client.get(url).content.decode()
    assert "105 learners completed a course" in first
    assert first.count('name="selected" value=') == 200  # a checkbox and a button per row
    assert "Page 1 of 2" in first
    second = client.get(url, {"p": 2}).content.decode()
    assert second.count('name="selected" value=') == 10 and "Page 2 of 2" in second
    assert client.get(url, {"p": "²"}).status_code == 200  # a bad page number: the first


def test_trainer_cannot_issue_or_revoke(client, trainer, learner, template, completed, certificate):
    client.force_login(trainer)
    # Wagtail's admin answers a forbidden action by going home with a message.
    response = client.post(
        reverse("certificates_awaiting"),
        {"selected": [f"{learner.pk}:{template.course_id}"]},
        follow=True,
    )
    assert response.redirect_chain[0] == ("/admin/", 302)
    assert "do not have permission" in response.content.decode()
    response = client.post(
        reverse("certificates_revoke", args=[certificate.pk]), {"reason": "x"}, follow=True
    )
    assert "do not have permission" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_admin_revokes_with_a_reason(client, administrator, certificate):
    client.force_login(administrator)
    url = reverse("certificates_revoke", args=[certificate.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    empty = client.post(url, {})  # an empty form is read, and refused with its reason
    assert empty.status_code == 400 and "This field is required." in empty.content.decode()
    assert client.post(url, {"reason": "Issued in error"}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == "revoked"


def test_admin_listing_export_and_inspect(client, administrator, certificate):
    client.force_login(administrator)
    listing = client.get(reverse("issued_certificates:index")).content.decode()
    assert certificate.display_code in listing
    export = client.get(reverse("issued_certificates:index") + "?export=csv")
    csv = b"".join(export.streaming_content).decode()
    assert export.status_code == 200 and certificate.display_code in csv
    inspect = client.get(reverse("issued_certificates:inspect", args=[certificate.pk]))
    assert inspect.status_code == 200
    # Certificates are only created by issuing: the generic "add" screen is refused.
    response = client.get(reverse("issued_certificates:add"), follow=True)
    assert "do not have permission" in response.content.decode()


def test_the_issued_list_finds_a_code_as_printed_or_typed(client, administrator, certificate):
    from certificates.models import Certificate as Model

    client.force_login(administrator)
    url = reverse("issued_certificates:index")
    from tests.factories import make_user

    other = Model.objects.get(pk=certificate.pk)
    other.pk, other.code, other.learner = None, "0" * 16 + "0", make_user()
    other.save()
    for typed in (certificate.display_code, certificate.display_code.lower(), certificate.code):
        html = client.get(url, {"q": typed}).content.decode()
        assert certificate.display_code in html and other.display_code not in html, typed
    # Anything else is searched as text (name, organisation, course).
    html = client.get(url, {"q": certificate.holder_name}).content.decode()
    assert certificate.display_code in html


def test_certificate_carries_the_holders_language_and_english(
    learner, course, template, completed, administrator
):
    from certificates.pdf import render_pdf

    learner.preferred_language = "ru"
    learner.save()
    certificate = certificate_issue(learner=learner, course=course, issued_by=administrator)
    assert certificate.language == "ru"
    text = PdfReader(io.BytesIO(render_pdf(certificate))).pages[0].extract_text()
    assert "has completed the course" in text  # English is always there
    assert text.count("Verification code") >= 1
    with translation.override("ru"):
        russian = [gettext("has completed the course"), gettext("Verification code")]
    assert russian != ["has completed the course", "Verification code"]  # the catalogue is in use
    assert all(label in text for label in russian)


def test_admin_listings_query_counts_do_not_grow(client, administrator, course, template, lessons):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses.services import enrolment_create

    client.force_login(administrator)

    def add_completed(n):
        for _ in range(n):
            person = make_user()
            enrolment_create(learner=person, course=course)
            complete_lessons(person, course)

    def issue_all():
        selected = [f"{e.learner_id}:{e.course_id}" for e in course.enrolments.all()]
        client.post(reverse("certificates_awaiting"), {"selected": selected, "confirm": "yes"})

    def queries(url):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    awaiting, issued = reverse("certificates_awaiting"), reverse("issued_certificates:index")
    add_completed(2)
    before = queries(awaiting)
    add_completed(6)
    assert queries(awaiting) == before <= 14
    issue_all()
    before = queries(issued)
    add_completed(4)
    issue_all()
    assert queries(issued) == before <= 30


def test_revoked_certificate_is_not_announced_as_on_its_way(
    learner_client, certificate, administrator
):
    certificate_revoke(certificate_id=certificate.pk, revoked_by=administrator, reason="Error")
    html = learner_client.get(reverse("courses:dashboard")).content.decode()
    assert "was revoked on" in html
    assert "on its way" not in html


def test_text_that_is_not_a_code_in_the_address_returns_to_the_form(client):
    response = client.get("/en/certificates/verify/a&b=c/")
    assert response.status_code == 302
    assert response["Location"] == "/en/certificates/verify/?code=a%26b%3Dc"
    assert client.get(response["Location"]).status_code == 400


def test_revoke_link_only_for_those_who_may_revoke(client, administrator, certificate):
    from django.contrib.auth.models import Permission

    issuer = make_user(is_staff=True)
    issuer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="issue_certificate"),
    )
    revoke_url = reverse("certificates_revoke", args=[certificate.pk])
    client.force_login(issuer)
    html = client.get(reverse("issued_certificates:index")).content.decode()
    assert certificate.holder_name in html and revoke_url not in html
    client.force_login(administrator)
    assert revoke_url in client.get(reverse("issued_certificates:index")).content.decode()


def test_certificate_settings_list_query_count_does_not_grow(client, administrator, template):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from certificates.models import CertificateTemplate
    from tests.factories import make_course

    client.force_login(administrator)
    url = reverse("certificate_settings:index")

    def queries():
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(url).content.decode()
        return len(ctx.captured_queries), html

    before, _html = queries()
    for n in range(5):
        CertificateTemplate.objects.create(
            course=make_course(title=f"Listed course {n}"), issuing_organisation="OSCE"
        )
    after, html = queries()
    assert "Listed course 4" in html and after == before


# Letters of the region's languages that Russian lacks: Kazakh, Kyrgyz, Tajik, Uzbek.
REGION_LETTERS = "әғқңөұүһі ӘҒҚҢӨҰҮҺІ ңөү ғӣқӯҳҷ ҒӢҚӮҲҶ oʻ gʻ Oʻ Gʻ"


def test_the_pdf_has_every_letter_of_the_five_languages(
    learner, course, template, completed, administrator
):
    """Printed in the embedded DejaVu fonts (no fallback that could lack a letter), and
    the fonts have a glyph for every letter of Kazakh, Kyrgyz, Tajik and Uzbek."""
    import shutil
    import subprocess

    from fontTools.ttLib import TTFont

    from certificates.pdf import render_pdf
    from tests.factories import translate_tree

    learner.full_name = "Әлия Ғабитқызы Ұлықбекова Ҳоҷӣ Қурбонӯ Oʻgʻiloy"
    learner.preferred_language = "kk"
    learner.save()
    translate_tree(course, "kk", mark=" — қазақша")
    certificate = certificate_issue(learner=learner, course=course, issued_by=administrator)
    reader = PdfReader(io.BytesIO(render_pdf(certificate)))
    text = reader.pages[0].extract_text()
    assert learner.full_name in text
    assert course.title + " — қазақша" in text  # the course's Kazakh title, then English
    with translation.override("kk"):
        assert gettext("Verification code") in text
        title = gettext("Certificate of completion")  # the default title, in Kazakh too
    assert title != "Certificate of completion" and title in text
    assert "Certificate of completion" in text
    fonts = {
        font["/BaseFont"].split("+")[-1] for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert fonts and all(name.startswith("DejaVu") for name in fonts), fonts
    for family in ("DejaVu Sans", "DejaVu Serif"):
        fc_match = shutil.which("fc-match")  # fontconfig, installed with WeasyPrint's Pango
        path = subprocess.run(  # noqa: S603 (fixed arguments)
            [fc_match, "-f", "%{file}", family], capture_output=True, text=True, check=True
        ).stdout
        cmap = TTFont(path).getBestCmap()
        missing = [c for c in REGION_LETTERS if c != " " and ord(c) not in cmap]
        assert not missing, (family, missing)


def test_the_printed_address_opens_in_the_checker_s_language(
    client, learner, course, template, completed, administrator
):
    from certificates.pdf import verification_url

    certificate = certificate_issue(learner=learner, course=course, issued_by=administrator)
    url = verification_url(certificate)
    path = url.split("://", 1)[1].split("/", 1)[1]
    assert path.startswith("certificates/verify/")  # no language in it
    response = client.get("/" + path, headers={"accept-language": "ky"})
    assert response.status_code == 302 and response["Location"] == "/ky/" + path
    assert certificate.holder_name in client.get(response["Location"]).content.decode()


def test_the_pdf_is_kept_by_no_browser_or_proxy(learner_client, certificate):
    response = learner_client.get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "DENY"


def test_one_certificates_menu_and_a_revoked_learner_is_flagged_in_awaiting(
    client, administrator, learner, course, template, completed
):
    client.force_login(administrator)
    certificate = certificate_issue(learner=learner, course=course, issued_by=administrator)
    certificate_revoke(certificate_id=certificate.pk, revoked_by=administrator, reason="Error")
    html = client.get(reverse("certificates_awaiting")).content.decode()
    assert learner.full_name in html
    assert "Certificate revoked on" in html and "check before issuing again" in html
    # Awaiting, issued and settings sit under one "Certificates" menu, awaiting first.
    request = RequestFactory().get("/admin/")
    request.user = administrator
    top = {str(item.label): item for item in admin_menu.menu_items_for_request(request)}
    assert "Awaiting certificate" not in top
    submenu = top["Certificates"].menu.menu_items_for_request(request)
    labels = [str(i.label) for i in sorted(submenu, key=lambda i: i.order)]  # as drawn
    assert labels == ["Awaiting certificate", "Issued certificates", "Certificate settings"]
    assert (
        client.get(reverse("issued_certificates:index"))
        .content.decode()
        .count("Issued certificates")
        >= 1
    )
