from django.db import migrations

CODES = [
    "peacekeepers",
    "journalists",
    "judges_prosecutors",
    "police_investigators",
    "border_migration",
    "social_workers",
    "general_public",
]


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("courses", "Audience")
    for code in CODES:
        Audience.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]
    operations = [migrations.RunPython(create_audiences, migrations.RunPython.noop)]
