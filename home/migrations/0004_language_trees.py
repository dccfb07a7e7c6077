"""A page tree for every site language, kept in step with the English one.

Each language gets the site skeleton (home page, course catalogue, e-library) as
*aliases* of the English pages: they show the English content, under the language's
address (``/ru/``), until a trainer translates them with wagtail-localize, which turns
an alias into a translation. A ``LocaleSynchronization`` per language tells
wagtail-localize to add an alias in every language for each page created later in the
English tree, so a page always exists in every language, under the same slugs.

Run once: a page deleted later stays deleted.
"""

from django.conf import settings
from django.db import migrations
from django.db.models import Max
from django.utils import timezone

STEPLEN = 4


def _path(parent_path: str, number: int) -> str:
    return f"{parent_path}{number:0{STEPLEN}d}"


def create_trees(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")

    source_locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if source_locale is None:
        return
    home = Page.objects.filter(depth=2, locale=source_locale).order_by("path").first()
    if home is None:
        return
    children = list(Page.objects.filter(depth=3, path__startswith=home.path).order_by("path"))
    now = timezone.now()

    def alias(source, *, locale, path, depth, slug, url_path, numchild):
        model = apps.get_model(source.content_type.app_label, source.content_type.model)
        specific = model.objects.get(pk=source.pk)
        fields = {
            field.attname: getattr(specific, field.attname)
            for field in model._meta.concrete_fields
            if not field.primary_key and field.attname != "page_ptr_id"
        }
        fields.update(
            locale_id=locale.pk,
            alias_of_id=source.pk,
            path=path,
            depth=depth,
            numchild=numchild,
            slug=slug,
            url_path=url_path,
            latest_revision_id=None,
            live_revision_id=None,
            first_published_at=source.first_published_at or now,
            last_published_at=source.last_published_at or now,
            has_unpublished_changes=False,
        )
        return model.objects.create(**fields)

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        locale, _created = Locale.objects.get_or_create(language_code=code)
        LocaleSynchronization.objects.get_or_create(
            locale=locale, defaults={"sync_from": source_locale}
        )
        if Page.objects.filter(translation_key=home.translation_key, locale=locale).exists():
            continue
        root = Page.objects.get(depth=1)
        last = Page.objects.filter(depth=2).aggregate(last=Max("path"))["last"]
        number = int(last[-STEPLEN:]) + 1
        slug = f"{home.slug}-{code}"
        translated_home = alias(
            home,
            locale=locale,
            path=_path(root.path, number),
            depth=2,
            slug=slug,
            url_path=f"/{slug}/",
            numchild=len(children),
        )
        root.numchild += 1
        root.save(update_fields=["numchild"])
        for index, child in enumerate(children, 1):
            alias(
                child,
                locale=locale,
                path=_path(translated_home.path, index),
                depth=3,
                slug=child.slug,
                url_path=f"{translated_home.url_path}{child.slug}/",
                numchild=0,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_staff_groups"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]
    operations = [migrations.RunPython(create_trees, migrations.RunPython.noop)]
