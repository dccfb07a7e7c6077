"""Reads about one account: what the platform holds about a learner, for their download."""

from __future__ import annotations

from django.utils import timezone

from .extensions import personal_data_providers

# The profile as the learner entered it (choices as their codes, as stored).
PROFILE_FIELDS = [
    "email",
    "full_name",
    "organisation",
    "country",
    "audience",
    "gender",
    "age_band",
    "preferred_language",
    "date_joined",
    "last_login",
]


def personal_data(user) -> dict:
    """Everything the platform holds about ``user``, as plain data for a JSON download:
    the profile, then each app's sections (``extensions.personal_data_providers``).
    No query for the profile; each provider a fixed few."""
    return {
        "exported_at": timezone.now(),
        "profile": {field: getattr(user, field) for field in PROFILE_FIELDS},
        **personal_data_providers.collect(user),
    }
