"""The platform's shared vocabularies: who a course is for, and the countries it serves.

Defined once, here, as plain code lists. Courses filter by these audiences, learners
say which is theirs and where they work, and the e-library files resources under the
same codes, so a report can join a learner's country to a resource's country as is.
Country codes are ISO 3166-1 alpha-2 in lower case everywhere (they appear in the
e-library's addresses: ``/library/?country=kz``).

This module imports nothing, not even Django: the demo content checker reads it before
the project is installed. Names are English; ``gettext_noop`` only marks them for the
translation catalogues (``core/choices.py`` translates them for Django).
"""


def gettext_noop(message: str) -> str:
    """Mark a name for the catalogues (``makemessages`` looks for this name)."""
    return message


AUDIENCES: tuple[tuple[str, str], ...] = (
    ("peacekeepers", gettext_noop("Peacekeepers")),
    ("journalists", gettext_noop("Journalists")),
    ("judges_prosecutors", gettext_noop("Judges and prosecutors")),
    ("police_investigators", gettext_noop("Police and investigators")),
    ("border_migration", gettext_noop("Border and migration officers")),
    ("social_workers", gettext_noop("Social workers")),
    ("general_public", gettext_noop("General public")),
)

# The region the platform serves first, then the countries its sources speak of.
COUNTRIES: tuple[tuple[str, str], ...] = (
    ("am", gettext_noop("Armenia")),
    ("az", gettext_noop("Azerbaijan")),
    ("by", gettext_noop("Belarus")),
    ("ge", gettext_noop("Georgia")),
    ("kz", gettext_noop("Kazakhstan")),
    ("kg", gettext_noop("Kyrgyzstan")),
    ("md", gettext_noop("Moldova")),
    ("ru", gettext_noop("Russian Federation")),
    ("tj", gettext_noop("Tajikistan")),
    ("tm", gettext_noop("Turkmenistan")),
    ("ua", gettext_noop("Ukraine")),
    ("uz", gettext_noop("Uzbekistan")),
    ("us", gettext_noop("United States")),
    ("ae", gettext_noop("United Arab Emirates")),
    ("tr", gettext_noop("Türkiye")),
    ("il", gettext_noop("Israel")),
    ("it", gettext_noop("Italy")),
    ("fi", gettext_noop("Finland")),
    ("es", gettext_noop("Spain")),
    ("vn", gettext_noop("Viet Nam")),
)
# What a learner from anywhere else chooses (ISO's code for "unknown or other").
OTHER_COUNTRY = ("zz", gettext_noop("Other country"))

AUDIENCE_CODES = frozenset(code for code, _name in AUDIENCES)
COUNTRY_CODES = frozenset(code for code, _name in COUNTRIES)

# The staff groups every installation starts with (made by home's migrations).
TRAINERS = "Trainers"
ADMINISTRATORS = "Administrators"
