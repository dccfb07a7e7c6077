"""Admin screens: learners awaiting a certificate (issue one or many), and revoking."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.choices import COUNTRY_CHOICES
from core.forms import IdChoiceField
from core.http import is_digits, methods
from courses.models import CoursePage

from .models import Certificate
from .selectors import awaiting_certificates, issue_selection
from .services import (
    ISSUE_PERMISSION,
    REVOKE_PERMISSION,
    certificate_issue_many,
    certificate_revoke,
)

MAX_SELECTION = 5000
AWAITING_PER_PAGE = 100


class AwaitingFilterForm(forms.Form):
    course = IdChoiceField(
        queryset=CoursePage.objects.filter(certificate_template__enabled=True).order_by("title"),
        required=False,
        label=gettext_lazy("Course"),
        empty_label=gettext_lazy("All courses"),
    )
    organisation = forms.CharField(required=False, label=gettext_lazy("Organisation"))
    country = forms.ChoiceField(
        choices=[("", gettext_lazy("All countries")), *COUNTRY_CHOICES],
        required=False,
        label=gettext_lazy("Country"),
    )


def _pairs(values: list[str]) -> list[tuple[int, int]]:
    pairs = []
    for value in values[:MAX_SELECTION]:
        learner, _sep, course = value.partition(":")
        if not (is_digits(learner) and is_digits(course)):
            raise ValidationError(_("The selection could not be read."))
        pairs.append((int(learner), int(course)))
    return pairs


def _refused(request, message: str):
    """A selection that cannot be issued as it stands: say why, issue nothing."""
    return TemplateResponse(
        request,
        "certificates/admin/issue_confirm.html",
        {"error": message, "back_url": request.get_full_path()},
        status=400,
    )


def _issue(request):
    """Issue to the selected learners; to more than one only once the issuer confirms.

    The first POST of a selection of several shows whom it names; its Confirm button
    posts the same selection again with ``confirm``, read afresh here. A selection that
    names anyone who cannot be awaiting a certificate (a forged id, a learner who has not
    completed, a course that issues none) is refused whole; one issued a certificate
    since the list was shown is left out.
    """
    back = request.get_full_path()  # the list, with its filters
    try:
        pairs = _pairs(request.POST.getlist("selected"))
    except ValidationError as error:
        return _refused(request, " ".join(error.messages))
    if not pairs:
        messages.error(request, _("Select at least one learner."))
        return redirect(back)
    selection = issue_selection(pairs=pairs)
    if selection.unknown:
        return _refused(
            request,
            _(
                "The selection names learners who are not awaiting a certificate. "
                "Nothing was issued: go back to the list and select again."
            ),
        )
    if len(selection.awaiting) > 1 and request.POST.get("confirm") != "yes":
        return TemplateResponse(
            request,
            "certificates/admin/issue_confirm.html",
            {"selection": selection, "back_url": back},
        )
    wanted = len(set(pairs))
    issued = certificate_issue_many(
        pairs=[(e.learner_id, e.course_id) for e in selection.awaiting],
        issued_by=request.user,
        render_pdfs=True,
    )
    skipped = wanted - len(issued)
    text = ngettext(
        "%(issued)d certificate issued.", "%(issued)d certificates issued.", len(issued)
    ) % {"issued": len(issued)}
    if skipped:
        text += " " + ngettext(
            "%(skipped)d skipped: already issued, not completed, or the course "
            "issues no certificates.",
            "%(skipped)d skipped: already issued, not completed, or the course "
            "issues no certificates.",
            skipped,
        ) % {"skipped": skipped}
    messages.success(request, text)
    return redirect(back)


@methods("GET", "POST")
def awaiting(request):
    """List completed learners without a valid certificate; POST issues to the selected."""
    if not request.user.has_perm(ISSUE_PERMISSION):
        raise PermissionDenied
    if request.method == "POST":
        return _issue(request)
    form = AwaitingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    enrolments = awaiting_certificates(
        course_id=filters.get("course").pk if filters.get("course") else None,
        organisation=filters.get("organisation", ""),
        country=filters.get("country", ""),
    )
    paginator = Paginator(enrolments, AWAITING_PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "certificates/admin/awaiting.html",
        {
            "form": form,
            "enrolments": page.object_list,
            "page_obj": page,
            "elided_page_range": paginator.get_elided_page_range(page.number),
            "total": paginator.count,
        },
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=gettext_lazy(
            "Recorded in the audit log. The verification page shows only the date."
        ),
    )


@methods("GET", "POST")
def revoke(request, pk: int):
    """Ask for a reason, then revoke."""
    if not request.user.has_perm(REVOKE_PERMISSION):
        raise PermissionDenied
    certificate = get_object_or_404(Certificate, pk=pk)
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_revoke(
                certificate_id=certificate.pk,
                revoked_by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Certificate %(code)s revoked.") % {"code": certificate})
        return redirect(reverse("issued_certificates:index"))
    status = 200 if request.method == "GET" else 400
    return TemplateResponse(
        request,
        "certificates/admin/revoke.html",
        {"certificate": certificate, "form": form},
        status=status,
    )
