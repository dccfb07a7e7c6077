"""Trainers edit and publish only the courses they are assigned to.

Until now the Trainers group held page permissions on the whole tree: every trainer
could change and publish every course and the home page. From here on:

- Trainers may *add* courses to the catalogue (in every language), which in Wagtail
  also lets them edit the pages they created, and they keep the training groups of
  their courses; publishing needs a course's own trainers group (``courses.CourseTeam``,
  assigned by an administrator under Training > Course trainers, and given to the
  trainer who creates a course).
- Administrators gain the permissions of the models added since their group was made.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TRAINERS = "Trainers"
ADMINISTRATORS = "Administrators"
TRAINER_GROUP_MODEL_PERMISSIONS = [
    "add_traininggroup",
    "change_traininggroup",
    "delete_traininggroup",
    "view_traininggroup",
]


def restrict(apps, schema_editor):
    app_config = apps.get_app_config("courses")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    CourseIndexPage = apps.get_model("courses", "CourseIndexPage")

    administrators = Group.objects.filter(name=ADMINISTRATORS).first()
    if administrators is not None:
        administrators.permissions.add(
            *Permission.objects.filter(content_type__app_label="courses")
        )
    trainers = Group.objects.filter(name=TRAINERS).first()
    if trainers is None:
        return
    GroupPagePermission.objects.filter(group=trainers, page__depth=1).delete()
    add_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=trainers, page_id=pk, permission=add_page)
            for pk in CourseIndexPage.objects.values_list("pk", flat=True)
        ],
        ignore_conflicts=True,
    )
    trainers.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="courses", codename__in=TRAINER_GROUP_MODEL_PERMISSIONS
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_translators"),
        ("courses", "0003_training_groups"),
    ]
    operations = [migrations.RunPython(restrict, migrations.RunPython.noop)]
