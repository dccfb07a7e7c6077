"""Give every existing resource a locale (the default language) and a translation key."""

import uuid

from django.conf import settings
from django.db import migrations
from wagtail.coreutils import get_supported_content_language_variant


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Resource = apps.get_model("library", "Resource")
    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale, _created = Locale.objects.get_or_create(language_code=code)
    pending = Resource.objects.filter(translation_key=None).only("pk")
    batch = []
    for resource in pending.iterator(chunk_size=2000):
        resource.translation_key, resource.locale_id = uuid.uuid4(), locale.pk
        batch.append(resource)
        if len(batch) == 2000:
            Resource.objects.bulk_update(batch, ["translation_key", "locale"])
            batch = []
    Resource.objects.bulk_update(batch, ["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [("library", "0003_resource_translatable_bootstrap")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
