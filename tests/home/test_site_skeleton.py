"""The site skeleton and the staff groups come from migrations, once."""

import pytest
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
    assert CourseIndexPage.objects.child_of(site.root_page).get().url == "/courses/"
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page.pk).exists()
    trainers = Group.objects.get(name=TRAINERS)
    perms = {p.permission.codename for p in trainers.page_permissions.all()}
    assert {"add_page", "change_page", "publish_page"} <= perms
    assert trainers.collection_permissions.filter(permission__codename="add_image").exists()
    admins = Group.objects.get(name=ADMINISTRATORS)
    assert admins.permissions.filter(codename="add_user").exists()
    assert LibraryIndexPage.objects.child_of(site.root_page).get().url == "/library/"


def test_a_deleted_library_page_stays_deleted_after_migrate():
    LibraryIndexPage.objects.get().delete()
    migrate()
    assert not LibraryIndexPage.objects.exists()
    assert CourseIndexPage.objects.exists()


def test_a_permission_taken_from_trainers_stays_taken_after_migrate():
    trainers = Group.objects.get(name=TRAINERS)
    add_resource = Permission.objects.get(codename="add_resource")
    assert trainers.permissions.filter(pk=add_resource.pk).exists()
    trainers.permissions.remove(add_resource)
    trainers.page_permissions.filter(permission__codename="publish_page").delete()
    migrate()
    assert not trainers.permissions.filter(pk=add_resource.pk).exists()
    assert not trainers.page_permissions.filter(permission__codename="publish_page").exists()


def test_a_deleted_group_stays_deleted_after_migrate():
    Group.objects.filter(name=ADMINISTRATORS).delete()
    migrate()
    assert not Group.objects.filter(name=ADMINISTRATORS).exists()
