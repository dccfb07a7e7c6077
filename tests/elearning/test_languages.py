"""The interface in every site language: catalogues complete, strings wrapped, pages in
the reader's language."""

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.base import Lexer, TokenType
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
# Screens for staff only (Wagtail's admin, where trainers may also work in English).
STAFF_ONLY = ("/admin/", "/wagtail_users/")
TRANSLATED_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}
WORD = re.compile(r"[A-Za-z]{2,}")
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def learner_templates() -> list[Path]:
    """Every template of the project's apps, but for the staff-only screens."""
    return [
        path
        for path in sorted(ROOT.glob("*/templates/**/*.html"))
        if not any(part in path.as_posix() for part in STAFF_ONLY)
    ]


class _Words(HTMLParser):
    """The words a reader sees in literal template text: text nodes and labels."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.in_code = False

    def _add(self, text):
        # "XXXX-XXXX" shows the shape of a code, in every language.
        self.words += [word for word in WORD.findall(text) if set(word) != {"X"}]

    def handle_starttag(self, tag, attrs):
        self.in_code = tag in ("style", "script")
        for name, value in attrs:
            if name in TRANSLATED_ATTRIBUTES and value:
                self._add(value)

    def handle_endtag(self, tag):
        self.in_code = False

    def handle_data(self, data):
        if not self.in_code:
            self._add(data)


def untranslated_words(source: str) -> list[str]:
    """Words in a template's literal text, outside translate and blocktranslate."""
    text, skipping = [], 0
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0]
            if name in ("blocktranslate", "blocktrans", "comment"):
                skipping += 1
            elif name in ("endblocktranslate", "endblocktrans", "endcomment"):
                skipping -= 1
            text.append(" ")  # a tag separates the text around it, as a word boundary
        elif token.token_type == TokenType.VAR:
            text.append(" x ")  # a value stands in for the variable
        elif token.token_type == TokenType.TEXT and not skipping:
            text.append(token.contents)
    parser = _Words()
    parser.feed("".join(text))
    return parser.words


def test_the_wrapping_check_catches_a_bare_string():
    assert untranslated_words('<p aria-label="Main menu">{{ page.title }} Hello</p>') == [
        "Main",
        "menu",
        "Hello",
    ]
    wrapped = (
        '{% load i18n %}<p aria-label="{% translate "Main menu" %}">'
        "{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}</p>"
    )
    assert untranslated_words(wrapped) == []


@pytest.mark.parametrize("path", learner_templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_learner_facing_template_string_is_wrapped_for_translation(path):
    assert untranslated_words(path.read_text()) == []


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """The catalogues as ``makemessages`` leaves them after reading today's code."""
    import shutil

    target = tmp_path_factory.mktemp("locales")
    shutil.copytree(ROOT / "locales", target, dirs_exist_ok=True)
    here = os.getcwd()
    os.chdir(ROOT)  # makemessages reads the tree below the current folder
    try:
        with override_settings(LOCALE_PATHS=[target]):
            call_command("makemessages", locale=LANGUAGES, verbosity=0, add_location="file")
    finally:
        os.chdir(here)
    return target


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_is_complete_after_makemessages(fresh_catalogues, language):
    catalogue = polib.pofile(str(fresh_catalogues / language / "LC_MESSAGES" / "django.po"))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    # The committed catalogue is the one makemessages made: nothing new was left out.
    committed = polib.pofile(str(ROOT / "locales" / language / "LC_MESSAGES" / "django.po"))
    assert {e.msgid for e in catalogue if not e.obsolete} == {
        e.msgid for e in committed if not e.obsolete
    }
