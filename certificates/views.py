"""Public certificate pages: download (the holder), verification (anyone)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.http import error_page, methods
from core.ratelimit import over_limit

from . import codes
from .models import Certificate
from .pdf import certificate_pdf


@login_required
@methods("GET")
def download(request, code: str):
    """The holder's own certificate as a PDF; anyone else gets a 404."""
    try:
        code = codes.normalise(code)
    except ValueError:
        return error_page(request, 404, _("There is no such certificate of yours."))
    certificate = Certificate.objects.filter(
        code=code, learner=request.user, revoked_at__isnull=True
    ).first()
    if certificate is None:
        return error_page(request, 404, _("There is no such certificate of yours."))
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{code}.pdf"'
    return response


def _limited(request):
    limit = getattr(settings, "CERTIFICATE_VERIFY_LIMIT_PER_MINUTE", 30)
    if over_limit(request, scope="verify", limit=limit):
        response = error_page(
            request, 429, _("Too many checks from your address. Please wait a minute.")
        )
        response["Retry-After"] = "60"
        return response
    return None


@methods("GET")
def verify(request):
    """The form where anyone types a code from a paper certificate.

    A well-formed code goes on to its page, which counts the check against the limit;
    everything this view answers itself counts here, so no check counts twice.
    """
    typed = request.GET.get("code", "").strip()
    if typed:
        try:
            code = codes.normalise(typed)
        except codes.CheckFailed:
            error = _("This code has a typing error: check each character and try again.")
        except codes.MalformedCode:
            error = _("This is not a certificate code. A code has 17 letters and digits.")
        else:
            return redirect("certificates:verify_code", code=codes.display(code))
    if limited := _limited(request):
        return limited
    if not typed:
        return render(request, "certificates/verify.html", {"typed": ""})
    return render(
        request, "certificates/verify.html", {"typed": typed[:60], "error": error}, status=400
    )


@methods("GET")
def verify_code(request, code: str):
    """Whether a certificate is valid, expired or revoked, and whose it is."""
    try:
        normalised = codes.normalise(code)
    except ValueError:
        # Show the form with the typed text and the reason it is not a code (it counts
        # the check there).
        return redirect(reverse("certificates:verify") + "?" + urlencode({"code": code[:40]}))
    if limited := _limited(request):
        return limited
    certificate = (
        Certificate.objects.filter(code=normalised)
        .only(
            "code",
            "holder_name",
            "course_title",
            "completed_on",
            "issued_at",
            "issuing_organisation",
            "valid_until",
            "revoked_at",
            "title",
        )
        .first()
    )
    if certificate is None:
        context = {"typed": codes.display(normalised), "error": _("No certificate has this code.")}
        return render(request, "certificates/verify.html", context, status=404)
    return render(request, "certificates/verified.html", {"certificate": certificate})
