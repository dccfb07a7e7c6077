"""The shared vocabularies (``core.vocabularies``) as Django choices, named in the
reader's language."""

from django.utils.translation import gettext_lazy

from .vocabularies import AUDIENCES, COUNTRIES, OTHER_COUNTRY


def _translated(pairs) -> list[tuple[str, str]]:
    return [(code, gettext_lazy(name)) for code, name in pairs]


AUDIENCE_CHOICES = _translated(AUDIENCES)
# A learner's country: the listed ones, or "other".
COUNTRY_CHOICES = _translated([*COUNTRIES, OTHER_COUNTRY])
_AUDIENCE_NAMES = dict(AUDIENCE_CHOICES)
_COUNTRY_NAMES = dict(COUNTRY_CHOICES)


def audience_name(code: str) -> str:
    """An audience's name in the reader's language (the code itself if unknown)."""
    return str(_AUDIENCE_NAMES.get(code, code))


def country_name(code: str | None) -> str:
    """A country's name in the reader's language (the code itself if unknown, "" if none).

    Codes are lower case (``core.vocabularies``); one typed in capitals is found too.
    """
    return str(_COUNTRY_NAMES.get((code or "").lower(), code or ""))
