"""Every new course gets its certificate settings, switched off until an administrator
turns issuing on."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from certificates.models import CertificateTemplate
from certificates.template_services import certificate_template_create_for_course
from courses.models import CoursePage, ModulePage
from tests.factories import catalogue, make_course, make_user, translate_tree

pytestmark = pytest.mark.django_db


def course_form(title: str, slug: str = "") -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Для судей и прокуроров.",
            "description": rich_text("<p>About</p>"),
            "objectives": streamfield([]),
            "estimated_hours": 3,
        }
    )


def write_course(client, title: str, slug: str) -> CoursePage:
    url = reverse("wagtailadmin_pages:add", args=["courses", "coursepage", catalogue().pk])
    response = client.post(url, course_form(title, slug))
    assert response.status_code == 302, response.context["form"].errors
    return CoursePage.objects.get(slug=slug, locale__language_code="en")


@pytest.fixture
def superuser(db):
    return make_user(is_staff=True, is_superuser=True)


def test_a_new_course_gets_settings_switched_off_with_the_last_issuer(client, superuser):
    CertificateTemplate.objects.create(
        course=make_course(),
        issuing_organisation="Old Unit",
        signatory_name="A",
        signatory_title="B",
    )
    CertificateTemplate.objects.create(
        course=make_course(),
        issuing_organisation="ОБСЕ «Академия»",
        signatory_name="Айгуль Нурланова",
        signatory_title="Head of Training",
        validity_months=24,
        auto_issue=True,
        hours=9,
    )
    client.force_login(superuser)
    course = write_course(client, "Суды и «торговля» людьми 🙂", "courts")
    settings = CertificateTemplate.objects.get(course=course)
    assert settings.enabled is False
    assert (settings.issuing_organisation, settings.signatory_name, settings.signatory_title) == (
        "ОБСЕ «Академия»",
        "Айгуль Нурланова",
        "Head of Training",
    )
    # What is particular to a course is not copied.
    assert (settings.validity_months, settings.auto_issue, settings.hours) == (None, False, None)
    assert str(settings.title) == "Certificate of completion"
    # The administrator sees it among the settings, switched off.
    html = client.get(reverse("certificate_settings:index")).content.decode()
    assert "Суды и «торговля» людьми 🙂" in html


def test_the_first_course_gets_empty_settings_to_fill_in(client, superuser):
    client.force_login(superuser)
    course = write_course(client, "Border checks", "border-checks")
    settings = CertificateTemplate.objects.get(course=course)
    assert settings.enabled is False and settings.issuing_organisation == ""
    # Its versions in the other languages (aliases until translated) are the same course.
    assert CoursePage.objects.filter(translation_key=course.translation_key).count() == 6
    assert CertificateTemplate.objects.count() == 1


def test_a_trainers_new_course_gets_settings_too(client, trainer):
    client.force_login(trainer)
    course = write_course(client, "Journalists' course", "journalists")
    assert CertificateTemplate.objects.get(course=course).enabled is False


def test_a_module_gets_no_settings(client, superuser):
    course = make_course(modules=0)
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course.pk])
    data = nested_form_data({"title": "Module one", "slug": "module-one", "summary": ""})
    assert client.post(url, data).status_code == 302
    assert ModulePage.objects.filter(slug="module-one").exists()
    assert not CertificateTemplate.objects.exists()


def test_a_translated_course_is_the_same_course_with_the_same_settings(superuser):
    course = make_course()
    made = certificate_template_create_for_course(course=course)
    russian = translate_tree(course, "ru")[0]
    assert certificate_template_create_for_course(course=russian) is None
    assert list(CertificateTemplate.objects.all()) == [made]
    assert made.course_id == course.pk  # on the source version, as issuing reads it


def test_settings_go_on_the_source_version_when_made_from_a_translation():
    course = make_course()
    russian = translate_tree(course, "ru")[0]
    made = certificate_template_create_for_course(course=russian)
    assert made.course_id == course.pk and made.enabled is False


def test_a_course_with_no_version_in_the_source_language_waits_for_one():
    course = make_course()
    russian = translate_tree(course, "ru")[0]
    course.delete()  # the Russian version stays, with no English one
    assert certificate_template_create_for_course(course=russian) is None
    assert not CertificateTemplate.objects.exists()


def test_settings_an_administrator_changed_are_kept(superuser):
    course = make_course()
    CertificateTemplate.objects.create(course=course, enabled=True, issuing_organisation="X")
    assert certificate_template_create_for_course(course=course) is None
    assert CertificateTemplate.objects.get(course=course).enabled is True


def test_a_copied_course_starts_from_the_originals_settings_switched_off(client, superuser):
    original = make_course(modules=1, lessons=1)
    CertificateTemplate.objects.create(
        course=original,
        enabled=True,
        issuing_organisation="Original Unit",
        signatory_name="Signatory",
        signatory_title="Director",
    )
    CertificateTemplate.objects.create(course=make_course(), issuing_organisation="Newer Unit")
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[original.pk]),
        {
            "new_title": "Copy of the course",
            "new_slug": "copy-of-the-course",
            "new_parent_page": catalogue().pk,
            "copy_subpages": "on",
        },
    )
    assert response.status_code == 302
    copy = CoursePage.objects.get(slug="copy-of-the-course", locale__language_code="en")
    settings = CertificateTemplate.objects.get(course=copy)
    assert settings.enabled is False and settings.issuing_organisation == "Original Unit"
