"""Small HTTP helpers every app's views share."""

import sys
from functools import wraps

from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error

# Seconds a browser, a proxy or a script is asked to wait before trying again when the
# database cannot be reached (a restart or a failover takes a few seconds).
RETRY_AFTER_SECONDS = 10


def error_page(request, status: int, message: str):
    """A plain page that tells the user what went wrong, with the right status."""
    return render(request, "error.html", {"status": status, "message": message}, status=status)


def server_error(request):
    """The 500 handler: a database that cannot be reached (restarting, failing over,
    locked) is "503 Service Unavailable, try again in a few seconds", which browsers,
    proxies and the offline layer can retry; anything else is Django's 500 page.

    The page uses no database and no base template: the database is what failed."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return django_server_error(request)


def methods(*allowed: str):
    """Answer any other method with 405 and a sentence, not a blank page."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in allowed or (request.method == "HEAD" and "GET" in allowed):
                return view(request, *args, **kwargs)
            if allowed == ("POST",):
                message = _("This address only accepts a form submission (POST).")
            else:
                message = _("This address does not accept this kind of request.")
            response = error_page(request, 405, message)
            response["Allow"] = ", ".join(allowed)
            return response

        return wrapper

    return decorator


post_only = methods("POST")


def is_digits(text: str) -> bool:
    """Only the digits 0-9, as in a page number or an id typed into an address.

    ``"²".isdigit()`` is true, and ``int("²")`` fails: never trust ``isdigit`` alone.
    """
    return text.isascii() and text.isdigit()
