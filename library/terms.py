"""The taxonomy a new installation starts with (editable afterwards in the admin).

Plain data, importable without Django (the demo content checker reads it).
"""

from core.vocabularies import AUDIENCES, COUNTRIES

# Facets whose terms are the shared vocabularies: trainers rename them, never add,
# remove or re-code them.
FIXED_FACETS = ("country", "audience")

DEFAULT_TERMS = {
    "type": [
        ("handbook", "Handbook or manual"),
        ("guideline", "Guideline"),
        ("law_treaty", "Law or treaty"),
        ("report", "Report"),
        ("training_material", "Training material"),
        ("leaflet", "Leaflet or brochure"),
        ("video", "Video"),
        ("website", "Website"),
        ("dataset", "Dataset"),
    ],
    "topic": [
        ("prevention", "Prevention"),
        ("identification", "Identification"),
        ("referral_assistance", "Referral and assistance"),
        ("investigation_prosecution", "Investigation and prosecution"),
        ("adjudication", "Adjudication"),
        ("labour_exploitation", "Labour exploitation"),
        ("sexual_exploitation", "Sexual exploitation"),
        ("children", "Children"),
        ("online_exploitation", "Online exploitation"),
        ("migration", "Migration"),
        ("legal_framework", "Legal framework"),
        ("research_data", "Research and data"),
    ],
    "language": [
        ("en", "English"), ("ru", "Russian"), ("kk", "Kazakh"), ("ky", "Kyrgyz"),
        ("tg", "Tajik"), ("uz", "Uzbek"), ("fr", "French"), ("de", "German"),
        ("es", "Spanish"), ("ar", "Arabic"), ("zh", "Chinese"), ("hy", "Armenian"),
        ("az", "Azerbaijani"), ("be", "Belarusian"), ("ka", "Georgian"), ("ro", "Romanian"),
        ("uk", "Ukrainian"), ("tk", "Turkmen"),
    ],
    # The shared vocabularies: their codes are fixed (core.vocabularies), their names
    # editable per language.
    "country": list(COUNTRIES),
    "audience": list(AUDIENCES),
}  # fmt: skip

# The (facet, slug) of every term that stands for a shared vocabulary's code.
SHARED_TERMS = frozenset(
    (facet, slug) for facet in FIXED_FACETS for slug, _name in DEFAULT_TERMS[facet]
)
