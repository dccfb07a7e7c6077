"""Small HTTP helpers every app's views share."""

from functools import wraps

from django.shortcuts import render
from django.utils.translation import gettext as _


def error_page(request, status: int, message: str):
    """A plain page that tells the user what went wrong, with the right status."""
    return render(request, "error.html", {"status": status, "message": message}, status=status)


def post_only(view):
    """Answer anything but POST with 405 and a sentence, not a blank page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            response = error_page(
                request, 405, _("This address only accepts a form submission (POST).")
            )
            response["Allow"] = "POST"
            return response
        return view(request, *args, **kwargs)

    return wrapper
