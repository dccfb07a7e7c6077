"""Small HTTP helpers every app's views share."""

from functools import wraps

from django.shortcuts import render
from django.utils.translation import gettext as _


def error_page(request, status: int, message: str):
    """A plain page that tells the user what went wrong, with the right status."""
    return render(request, "error.html", {"status": status, "message": message}, status=status)


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
