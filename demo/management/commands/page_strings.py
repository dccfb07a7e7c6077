"""Write the strings of part of the English page tree as a PO file, for translators.

    manage.py page_strings ru --under courses/peacekeepers-zero-tolerance > peacekeepers.po

Each entry is one segment as wagtail-localize cuts a page (a title, a sentence group
of rich text, a block's text), with the translation already in the demo's PO files
for that language, if any. Translate the file and put it in
``demo/translations/pages/<language>/``; ``load_demo`` then translates every page
whose strings it covers. (For one page, wagtail-localize's own editor offers the same
file to download and upload.)
"""

import sys

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from demo.page_translations import page_strings, read_catalogue


class Command(BaseCommand):
    help = "Write the translatable strings of English pages as a PO file."

    def add_arguments(self, parser):
        parser.add_argument("language", help="target language code, e.g. ru")
        parser.add_argument(
            "--under",
            help="address of a page below the home page (courses/<course>/<module>): "
            "that page and its descendants",
        )
        parser.add_argument("--depth", type=int, help="only pages at most this deep")

    def handle(self, *args, language, under=None, depth=None, **options):
        if language not in {code for code, _name in settings.LANGUAGES}:
            raise CommandError(f"Unknown language {language!r}.")
        pages = Page.objects.filter(locale__language_code=settings.LANGUAGE_CODE, depth__gt=1)
        if under:
            top = pages.filter(url_path__endswith="/" + under.strip("/") + "/", depth__gt=2)
            top = top.order_by("depth").first()
            if top is None:
                raise CommandError(f"No English page is at {under!r}.")
            pages = pages.filter(path__startswith=top.path)
        if depth:
            pages = pages.filter(depth__lte=depth)
        known = read_catalogue(language)
        po = polib.POFile(wrapwidth=0)
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": language}
        seen = set()
        for page in pages.order_by("path").specific():
            for string in page_strings(page):
                if string in seen:
                    continue
                seen.add(string)
                po.append(
                    polib.POEntry(
                        msgid=string,
                        msgstr=known.get(string, ""),
                        occurrences=[(page.url_path, "")],
                    )
                )
        sys.stdout.write(str(po))
