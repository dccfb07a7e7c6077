from django.db import migrations


def create_terms(apps, schema_editor):
    from library.terms import DEFAULT_TERMS

    Term = apps.get_model("library", "Term")
    for facet, terms in DEFAULT_TERMS.items():
        for order, (slug, name) in enumerate(terms):
            Term.objects.get_or_create(
                facet=facet, slug=slug, defaults={"name": name, "sort_order": order}
            )


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]
    operations = [migrations.RunPython(create_terms, migrations.RunPython.noop)]
