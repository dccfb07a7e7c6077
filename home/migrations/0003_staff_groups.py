"""The staff groups, created once with their permissions.

Trainers reach the admin, write and publish pages, upload images and documents, and
keep the e-library; Administrators may do everything that exists at this point,
users and groups included. Administrators change either group in the admin
afterwards, and no later ``migrate`` grants anything again.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TRAINERS = "Trainers"
ADMINISTRATORS = "Administrators"
TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
ADMINISTRATOR_PAGE_PERMISSIONS = [*TRAINER_PAGE_PERMISSIONS, "delete_page", "bulk_delete_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def create_groups(apps, schema_editor):
    # Permissions are normally created after the last migration (post_migrate); this
    # migration needs them now, so it creates those of the models that exist so far.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permissions(app_label, codenames):
        found = list(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
        assert len(found) == len(codenames), (app_label, codenames)  # noqa: S101
        return found

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    collection_perms = [
        p
        for app_label, codename in COLLECTION_PERMISSIONS
        for p in permissions(app_label, [codename])
    ]

    trainers, _created = Group.objects.get_or_create(name=TRAINERS)
    trainers.permissions.add(
        *permissions("wagtailadmin", ["access_admin"]),
        *Permission.objects.filter(content_type__app_label="library"),
    )
    administrators, _created = Group.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.add(*Permission.objects.all())

    for group, codenames in (
        (trainers, TRAINER_PAGE_PERMISSIONS),
        (administrators, ADMINISTRATOR_PAGE_PERMISSIONS),
    ):
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(group=group, page=root_page, permission=permission)
            for permission in permissions("wagtailcore", codenames)
        )
        GroupCollectionPermission.objects.bulk_create(
            GroupCollectionPermission(
                group=group, collection=root_collection, permission=permission
            )
            for permission in collection_perms
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_site_skeleton"),
        ("accounts", "0001_initial"),
        ("certificates", "0002_certificate_course_and_learner"),
        ("courses", "0002_audiences"),
        ("library", "0002_default_terms"),
        ("quizzes", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
        ("wagtailembeds", "0009_embed_cache_until"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("sessions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
