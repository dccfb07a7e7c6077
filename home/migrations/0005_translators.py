"""Trainers and Administrators translate: wagtail-localize's "submit for translation".

Given once, like the groups' other permissions: taken away later, it stays away.
"""

from django.db import migrations

GROUPS = ["Trainers", "Administrators"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    if permission is None:
        return
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_language_trees"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
