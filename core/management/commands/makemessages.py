"""Django's makemessages, reading only the project's own code.

``manage.py makemessages -l ru`` (or ``--all``) updates ``locales/<lang>/LC_MESSAGES``
from the apps and templates; the virtual environment, tests, benchmarks and collected
static files are never read, so the catalogues hold only what users see.
"""

from django.core.management.commands import makemessages

PROJECT_IGNORES = [".venv", "tests", "bench", "static", "media", "build"]


class Command(makemessages.Command):
    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options.get("ignore_patterns", []), *PROJECT_IGNORES]
        return super().handle(*args, **options)
