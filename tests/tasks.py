"""Running background tasks as production does: queued in the database, then done by
the worker (``manage.py db_worker``)."""

import pytest
from django.core.management import call_command
from django.test import override_settings

QUEUED = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
# The worker takes its own transactions (on SQLite, an exclusive one), as in production:
# these tests commit, and the content the migrations made is restored after each.
WORKER_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_worker():
    """Do every queued task, then return."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
