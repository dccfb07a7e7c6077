"""Vocabulary codes named in the reader's language."""

from django.utils import translation

from core.choices import country_name


def test_a_country_is_named_in_the_readers_language():
    assert country_name("kz") == "Kazakhstan"
    assert country_name("KZ") == "Kazakhstan"  # as some systems write it
    assert country_name("zz") == "Other country"
    with translation.override("ru"):
        assert country_name("kz") == "Казахстан"


def test_an_unknown_or_missing_country_is_not_invented():
    assert country_name("xx") == "xx"
    assert country_name("") == ""
    assert country_name(None) == ""
