"""A new page whose address a forgotten draft holds says so on the Content tab."""

import html as html_module
import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from core.forms import DraftAwarePageForm
from courses.models import CoursePage, ModulePage
from courses.services import course_team_add
from home.models import HomePage
from tests.factories import catalogue, make_course, make_user

pytestmark = pytest.mark.django_db

TITLE = 'Торговля людьми: «мифы» и "факты" 🙂'


def course_form(title: str, slug: str = "") -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Summary",
            "description": rich_text("<p>About</p>"),
            "objectives": streamfield([]),
            "estimated_hours": 2,
        }
    )


def add_url(parent=None) -> str:
    parent = parent or catalogue()
    return reverse("wagtailadmin_pages:add", args=["courses", "coursepage", parent.pk])


def title_errors(html: str) -> str:
    """The errors shown under the title, on the Content tab, as text and links."""
    block = re.search(
        r'id="panel-child-content-child-title-errors"[^>]*>(.*?)</div>', html, flags=re.S
    )
    return html_module.unescape(" ".join(block.group(1).split())) if block else ""


def slug_errors(html: str) -> str:
    block = re.search(
        r'id="panel-child-promote-[\w-]*slug-errors"[^>]*>(.*?)</div>', html, flags=re.S
    )
    return html_module.unescape(" ".join(block.group(1).split())) if block else ""


@pytest.fixture
def superuser(db):
    return make_user(is_staff=True, is_superuser=True)


@pytest.fixture
def draft(db):
    return make_course(title=TITLE, slug="trafficking-myths", live=False)


def test_a_draft_holding_the_address_is_named_under_the_title_with_a_link(client, superuser, draft):
    client.force_login(superuser)
    before = Page.objects.count()
    response = client.post(add_url(), course_form("A new course", "trafficking-myths"))
    assert response.status_code == 200
    html = response.content.decode()
    errors = title_errors(html)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert f"A draft page called “{TITLE}” already uses this address." in errors
    assert "to finish it, or choose another title." in errors
    # A real link (the title is escaped, the link is not).
    raw = re.search(
        r'id="panel-child-content-child-title-errors"[^>]*>(.*?)</div>', html, flags=re.S
    ).group(1)
    assert f'<a href="{edit_url}">Open the draft</a>' in raw
    assert "«мифы» и &quot;факты&quot;" in raw
    # Wagtail's own error stays beside the slug, on the Promote tab.
    assert "already in use within the parent page" in slug_errors(html)
    assert Page.objects.count() == before  # nothing created


def test_the_slug_made_from_the_title_finds_the_draft_too(client, superuser):
    make_course(title=TITLE, slug=slugify(TITLE, allow_unicode=True), live=False)
    client.force_login(superuser)
    response = client.post(add_url(), course_form(TITLE))  # no JavaScript: the slug is empty
    assert response.status_code == 200
    assert "A draft page called" in title_errors(response.content.decode())


def test_without_javascript_the_slug_is_made_from_the_title(client, superuser):
    client.force_login(superuser)
    response = client.post(add_url(), course_form(TITLE))
    assert response.status_code == 302
    course = CoursePage.objects.get(title=TITLE, locale__language_code="en")
    assert course.slug == slugify(TITLE, allow_unicode=True) == "торговля-людьми-мифы-и-факты"


def test_the_editor_fills_the_slug_from_the_title_as_one_types(client, superuser):
    client.force_login(superuser)
    html = client.get(add_url()).content.decode()
    title_input = re.search(r'<input type="text" name="title"[^>]*>', html).group()
    assert 'data-controller="w-sync"' in title_input
    assert 'data-w-sync-target-value="#id_slug"' in title_input
    # The slug, on a tab nobody opens, never blocks the form as "required".
    slug_input = re.search(r'<input[^>]*name="slug"[^>]*>', html).group()
    assert "required" not in slug_input


def test_a_published_page_holding_the_address_is_named_too(client, superuser):
    live = make_course(title="Judges' course", slug="judges")
    client.force_login(superuser)
    response = client.post(add_url(), course_form("Another", "judges"))
    errors = title_errors(response.content.decode())
    assert "A published page called “Judges' course” already uses this address" in errors
    assert reverse("wagtailadmin_pages:edit", args=[live.pk]) not in errors


def test_a_trainer_gets_the_link_and_one_who_may_not_edit_the_draft_does_not(client, trainer):
    course = make_course(title="Their course", modules=0)
    course_team_add(course=course, trainer=trainer)
    draft = course.add_child(instance=ModulePage(title="Черновик 🙂", slug="module-x"))
    draft.unpublish()
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course.pk])
    data = nested_form_data({"title": "Module", "slug": "module-x", "summary": ""})
    errors = title_errors(client.post(url, data).content.decode())
    assert "A draft page called “Черновик 🙂”" in errors
    assert reverse("wagtailadmin_pages:edit", args=[draft.pk]) in errors
    # Someone without permission on the draft gets the sentence without the link.
    outsider = make_user(is_staff=True)
    form_class = ModulePage.get_edit_handler().get_form_class()
    form = form_class(data, instance=ModulePage(), parent_page=course, for_user=outsider)
    assert not form.is_valid()
    assert form.errors["title"] == [
        "A draft page called “Черновик 🙂” already uses this address: choose another title."
    ]


def test_a_title_with_nothing_to_make_an_address_from_says_so(client, superuser):
    client.force_login(superuser)
    response = client.post(add_url(), course_form("🙂 🛂"))
    assert response.status_code == 200
    assert "no letters or digits to make the page’s address" in title_errors(
        response.content.decode()
    )


def test_editing_a_page_keeps_its_own_slug(client, superuser, draft):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = client.post(url, course_form(TITLE + " (edited)", draft.slug))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.slug == "trafficking-myths"


def test_every_page_type_below_the_home_page_uses_the_draft_aware_form():
    from wagtail.models import get_page_models

    for model in get_page_models():
        if model is Page or model is HomePage or model._meta.abstract:
            continue
        if model._meta.app_label not in {config.label for config in apps.get_app_configs()}:
            continue
        if model.__module__.startswith("wagtail"):
            continue
        form_class = model.get_edit_handler().get_form_class()
        assert issubclass(form_class, DraftAwarePageForm), model
