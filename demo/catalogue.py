"""E-library records and their translations from the demo files (demo/library,
demo/translations)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify
from wagtail.models import Locale

from library.models import Resource, Term, TermName

from .content import library_files, read_toml, translation_files
from .report import Report


def ensure_library(report: Report) -> None:
    """Catalogue records from the demo files; links only, never a hosted file."""
    terms = {(t.facet, t.slug): t for t in Term.objects.all()}
    slugs = set(Resource.objects.values_list("slug", flat=True))
    titles = {t.lower() for t in Resource.objects.values_list("title", flat=True)}
    created = 0
    for path in library_files():
        for raw in read_toml(path)["resources"]:
            if raw["title"].lower() in titles:
                continue
            titles.add(raw["title"].lower())
            slug = base = slugify(raw["title"])[:100] or "resource"
            n = 2
            while slug in slugs:
                slug, n = f"{base}-{n}", n + 1
            slugs.add(slug)
            url = raw.get("url", "")
            try:
                URLValidator()(url)
            except ValidationError:
                url = ""
            resource = Resource(
                title=raw["title"][:300],
                original_title=raw.get("original_title", "")[:300],
                slug=slug,
                summary=raw["summary"],
                resource_type=terms[("type", raw["type"])],
                publisher=raw.get("publisher", "")[:300],
                year=raw.get("year") or None,
                licence=raw.get("licence", "")[:300],
                attribution=raw.get("attribution", "")[:500],
                url=url,
            )
            for facet, relation in (
                ("language", "languages"),
                ("country", "countries"),
                ("audience", "audiences"),
                ("topic", "topics"),
            ):
                values = raw.get(relation, [])
                setattr(
                    resource,
                    relation,
                    [terms[(facet, v.lower())] for v in values if (facet, v.lower()) in terms],
                )
            resource.save()
            created += 1
    if created:
        report.created.append(f"{created} e-library resources")


def ensure_library_translations(report: Report) -> None:
    """Taxonomy names and versions of some records in other languages (translations/)."""
    terms = {f"{t.facet}.{t.slug}": t for t in Term.objects.all()}
    originals = {
        r.title: r for r in Resource.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    }
    for path in translation_files():
        data = read_toml(path)
        language = data["language"]
        locale = Locale.objects.get(language_code=language)
        named = set(TermName.objects.filter(language=language).values_list("term_id", flat=True))
        names = TermName.objects.bulk_create(
            TermName(term=terms[key], language=language, name=name)
            for key, name in data.get("terms", {}).items()
            if key in terms and terms[key].pk not in named
        )
        done = set(Resource.objects.filter(locale=locale).values_list("translation_key", flat=True))
        created = 0
        for raw in data.get("resources", []):
            original = originals.get(raw["original"])
            if original is None or original.translation_key in done:
                continue
            version = original.copy_for_translation(locale)
            version.title, version.summary = raw["title"][:300], raw["summary"]
            version.save()
            created += 1
        if names or created:
            report.created.append(
                f"{len(names)} term names and {created} e-library resources in {language}"
            )
