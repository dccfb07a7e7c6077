"""The taxonomy a new installation starts with (library.terms.DEFAULT_TERMS).

Its audience and country terms are the shared vocabularies (core.vocabularies).
"""

from django.db import migrations

from library.terms import DEFAULT_TERMS


def create_terms(apps, schema_editor):
    Term = apps.get_model("library", "Term")
    have = set(Term.objects.values_list("facet", "slug"))
    Term.objects.bulk_create(
        Term(facet=facet, slug=slug, name=name, sort_order=order)
        for facet, terms in DEFAULT_TERMS.items()
        for order, (slug, name) in enumerate(terms)
        if (facet, slug) not in have
    )


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]
    operations = [migrations.RunPython(create_terms, migrations.RunPython.noop)]
