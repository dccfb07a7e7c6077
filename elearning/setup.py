"""The site skeleton every installation has: home page, catalogue, groups.

Run after every ``migrate`` (and after a test database flush) through the post_migrate
signal; each step checks before it writes, so running it again changes nothing.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
)

TRAINERS = "Trainers"
ADMINISTRATORS = "Administrators"

TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def ensure_site_structure() -> Page:
    """Make sure a HomePage is the site root and a course catalogue sits under it."""
    from courses.models import CourseIndexPage

    from .models import HomePage

    # Wagtail's migrations create the default locale and the root nodes; a flushed
    # database (transactional tests) has lost them, so recreate them as they were. Every
    # content language gets its locale, so library resources can be translated into it.
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's own migration leaves a "Welcome to Wagtail" placeholder page that
        # holds the slug "home"; move it aside, then remove it once the site points at ours.
        placeholders = [p for p in root.get_children() if p.specific_class is Page]
        Page.objects.filter(pk__in=[p.pk for p in placeholders]).update(slug="placeholder")
        home = root.add_child(
            instance=HomePage(
                title=_("Learning to counter human trafficking"),
                slug="home",
                intro=_(
                    "<p>Free online courses for the professionals who meet trafficking in "
                    "their work (peacekeepers, journalists, judges, police, border guards "
                    "and social workers) and for people at risk.</p>"
                ),
            )
        )
        site = Site.objects.filter(is_default_site=True).first()
        if site:
            site.root_page = home
            site.site_name = _("Counter-Trafficking Learning")
            site.save()
        else:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        for placeholder in placeholders:
            placeholder.delete()
    from library.models import LibraryIndexPage

    if not LibraryIndexPage.objects.exists():
        home.add_child(
            instance=LibraryIndexPage(
                title=_("E-library"),
                slug="library",
                intro=_(
                    "<p>Handbooks, laws, guides and tools on trafficking in persons, "
                    "to find by subject, country, language and audience.</p>"
                ),
            )
        )
    if not CourseIndexPage.objects.exists():
        home.add_child(
            instance=CourseIndexPage(
                title=_("Courses"),
                slug="courses",
                intro=_("<p>Choose a course for your profession, or one for everyone.</p>"),
            )
        )
    return home


def ensure_taxonomies() -> None:
    """The fixed course audiences and the library's starting taxonomy (data migrations
    create them; a flushed test database needs them back)."""
    from courses.models import Audience
    from elearning.audiences import Audience as AudienceChoice
    from library.models import Term
    from library.terms import DEFAULT_TERMS

    for code in AudienceChoice.values:
        Audience.objects.get_or_create(code=code)
    for facet, terms in DEFAULT_TERMS.items():
        for order, (slug, name) in enumerate(terms):
            Term.objects.get_or_create(
                facet=facet, slug=slug, defaults={"name": name, "sort_order": order}
            )


def _permissions(pairs):
    return [
        Permission.objects.get(content_type__app_label=app, codename=code) for app, code in pairs
    ]


def ensure_groups() -> None:
    """Create the Trainers and Administrators groups with their permissions."""
    if not Permission.objects.filter(codename="access_admin").exists():
        return  # permissions not created yet (first pass of post_migrate)
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    page_perms = _permissions(("wagtailcore", p) for p in TRAINER_PAGE_PERMISSIONS)
    collection_perms = _permissions(COLLECTION_PERMISSIONS)
    access_admin = _permissions([("wagtailadmin", "access_admin")])

    trainers, _created = Group.objects.get_or_create(name=TRAINERS)
    trainers.permissions.add(*access_admin)
    # Trainers keep the e-library: its resources and its taxonomy.
    trainers.permissions.add(*Permission.objects.filter(content_type__app_label="library"))
    admins, _created = Group.objects.get_or_create(name=ADMINISTRATORS)
    # Administrators may do everything, users and groups included.
    admins.permissions.add(*Permission.objects.all())
    all_page_perms = page_perms + _permissions(
        [("wagtailcore", "delete_page"), ("wagtailcore", "bulk_delete_page")]
    )
    for group, perms in ((trainers, page_perms), (admins, all_page_perms)):
        for permission in perms:
            if root_page is not None:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )
        for permission in collection_perms:
            if root_collection is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )


def on_post_migrate(sender, **kwargs) -> None:
    """post_migrate receiver: acts once per migrate, after the last app's permissions exist."""
    from django.apps import apps

    last_app = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender.name != last_app.name:
        return
    ensure_taxonomies()
    ensure_site_structure()
    ensure_groups()
