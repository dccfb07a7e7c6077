"""The audience rows follow the shared vocabulary (core.vocabularies.AUDIENCES).

A later migration that adds an audience to the vocabulary runs ``sync_audiences``
again; codes are never removed (courses may point at them).
"""

from django.db import migrations

from core.vocabularies import AUDIENCES


def sync_audiences(apps, schema_editor):
    Audience = apps.get_model("courses", "Audience")
    have = set(Audience.objects.values_list("code", flat=True))
    Audience.objects.bulk_create(Audience(code=code) for code, _ in AUDIENCES if code not in have)


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]
    operations = [migrations.RunPython(sync_audiences, migrations.RunPython.noop)]
