"""The site skeleton and the staff groups come from migrations, once."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import Page, Site

from courses.models import CourseIndexPage
from home.groups import ADMINISTRATORS, TRAINERS
from home.models import HomePage
from library.models import LibraryIndexPage

pytestmark = pytest.mark.django_db


def migrate():
    call_command("migrate", verbosity=0, interactive=False)


def test_migrate_creates_site_skeleton_and_groups():
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert CourseIndexPage.objects.child_of(site.root_page).get().url == "/en/courses/"
    # The other home pages are the same home page in the other languages.
    others = Page.objects.filter(depth=2).exclude(pk=site.root_page.pk)
    assert {p.translation_key for p in others} == {site.root_page.translation_key}
    trainers = Group.objects.get(name=TRAINERS)
    # Trainers add courses to every language's catalogue; they change and publish
    # only the courses they are assigned to (each course's own group).
    perms = {
        (p.permission.codename, p.page.specific_class) for p in trainers.page_permissions.all()
    }
    assert perms == {("add_page", CourseIndexPage)}
    assert trainers.page_permissions.count() == len(settings.LANGUAGES)
    assert trainers.permissions.filter(codename="add_traininggroup").exists()
    assert trainers.collection_permissions.filter(permission__codename="add_image").exists()
    admins = Group.objects.get(name=ADMINISTRATORS)
    assert admins.permissions.filter(codename="add_user").exists()
    assert LibraryIndexPage.objects.child_of(site.root_page).get().url == "/en/library/"


def test_every_language_has_the_skeleton_under_its_address():
    """Untranslated, each language's pages are aliases of the English ones."""
    from django.conf import settings

    for code, _name in settings.LANGUAGES:
        home = HomePage.objects.get(locale__language_code=code)
        assert home.url == f"/{code}/"
        catalogue = CourseIndexPage.objects.child_of(home).get()
        assert catalogue.url == f"/{code}/courses/"
        assert LibraryIndexPage.objects.child_of(home).get().url == f"/{code}/library/"
        assert (catalogue.alias_of_id is None) == (code == settings.LANGUAGE_CODE)


def test_a_deleted_library_page_stays_deleted_after_migrate():
    LibraryIndexPage.objects.all().delete()
    migrate()
    assert not LibraryIndexPage.objects.exists()
    assert CourseIndexPage.objects.exists()


def test_a_permission_taken_from_trainers_stays_taken_after_migrate():
    trainers = Group.objects.get(name=TRAINERS)
    add_resource = Permission.objects.get(codename="add_resource")
    assert trainers.permissions.filter(pk=add_resource.pk).exists()
    trainers.permissions.remove(add_resource)
    trainers.page_permissions.filter(permission__codename="add_page").delete()
    migrate()
    assert not trainers.permissions.filter(pk=add_resource.pk).exists()
    assert not trainers.page_permissions.filter(permission__codename="add_page").exists()


def test_a_deleted_group_stays_deleted_after_migrate():
    Group.objects.filter(name=ADMINISTRATORS).delete()
    migrate()
    assert not Group.objects.filter(name=ADMINISTRATORS).exists()
