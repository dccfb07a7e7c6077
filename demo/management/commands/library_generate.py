"""Fill the e-library with synthetic records, for benchmarks at catalogue scale."""

import random

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from core.page_cache import invalidate_page_cache
from library.models import Facet, Resource, Term
from library.search import FACET_FIELDS

SUBJECTS = [
    "identifying victims", "labour exploitation", "sexual exploitation", "child trafficking",
    "online recruitment", "safe migration", "border screening", "victim assistance",
    "referral mechanisms", "criminal investigation", "prosecution", "court practice",
    "compensation", "forced begging", "debt bondage", "organ removal", "forced marriage",
    "shelter standards", "hotline work", "return and reintegration", "media reporting",
    "peacekeeping missions", "supply chains", "domestic work", "construction sites",
]  # fmt: skip
KINDS = ["Handbook on", "Guidelines for", "Report on", "Training course in", "Leaflet on",
         "Study of", "Manual for", "Review of", "Toolkit for", "Standards of"]  # fmt: skip
PUBLISHERS = ["OSCE", "IOM", "UNODC", "UNICEF", "ILO", "OHCHR", "UNHCR", "Council of Europe",
              "Ministry of Internal Affairs", "National Commission", "Regional NGO network",
              "Law Academy", "Border Service Academy", "Journalists' Union"]  # fmt: skip
WORDS = ["victims", "traffickers", "exploitation", "recruitment", "migrants", "workers",
         "children", "women", "men", "police", "prosecutors", "judges", "shelters", "evidence",
         "interview", "referral", "protection", "law", "indicators", "documents", "debt",
         "wages", "passport", "contract", "employer", "agency", "hotline", "risk", "consent",
         "coercion", "deception", "abuse", "vulnerability", "assistance", "return"]  # fmt: skip


class Command(BaseCommand):
    help = (
        "Add COUNT synthetic e-library records (marked as such in their summaries) with "
        "random facets, and index them for search. For benchmarks; never for real sites."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2026, help="same seed, same records")

    @transaction.atomic
    def handle(self, *, count, seed, **options):
        if not 0 < count <= 200_000:
            raise CommandError("--count must be between 1 and 200000.")
        rng = random.Random(seed)  # noqa: S311 (repeatable test data, not secrets)
        terms = {facet: list(Term.objects.filter(facet=facet)) for facet in FACET_FIELDS}
        if not all(terms.values()):
            raise CommandError("The taxonomy is empty: run migrate first.")
        # Numbered after the highest id, so a second run never repeats a slug.
        locale = Locale.get_default()  # bulk_create skips the signal that would set it
        start = Resource.objects.aggregate(top=Max("pk"))["top"] or 0
        records, relations = [], []
        for n in range(start + 1, start + count + 1):
            subject, kind = rng.choice(SUBJECTS), rng.choice(KINDS)
            records.append(
                Resource(
                    title=f"{kind} {subject} ({n})",
                    slug=f"synthetic-{n}",
                    summary="Synthetic record for load testing. "
                    + " ".join(rng.choices(WORDS, k=30)).capitalize()
                    + ".",
                    resource_type=rng.choice(terms[Facet.TYPE]),
                    publisher=rng.choice(PUBLISHERS),
                    year=rng.randint(1995, 2026),
                    locale=locale,
                )
            )
            relations.append(
                {
                    relation: rng.sample(terms[facet], k=rng.randint(1, 3))
                    for facet, relation in FACET_FIELDS.items()
                    if facet != Facet.TYPE
                }
            )
        created = Resource.objects.bulk_create(records, batch_size=1000)
        for relation in relations[0] if relations else ():
            through = getattr(Resource, relation).through
            through.objects.bulk_create(
                [
                    through(resource_id=resource.pk, term_id=term.pk)
                    for resource, chosen in zip(created, relations, strict=True)
                    for term in chosen[relation]
                ],
                batch_size=2000,
            )
        backend = get_search_backend()
        for i in range(0, len(created), 1000):
            backend.add_bulk(Resource, created[i : i + 1000])
        # Fresh statistics, so the query planner starts from the full-text match.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        invalidate_page_cache()
        total = Resource.objects.count()
        self.stdout.write(f"Added {len(created)} synthetic resources ({total} in all).")
