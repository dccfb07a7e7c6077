"""A learner's own data: download all of it, or delete the account.

What each app holds is gathered through ``accounts.extensions``; what deleting removes
and keeps is said by the models' ``on_delete`` (see ``services.account_delete``).
"""

import json
import logging

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from core.http import methods

from .forms import AccountDeleteForm
from .selectors import personal_data
from .services import STAFF_REFUSAL, AccountDeletionRefused, account_delete

log = logging.getLogger("elearning.security")


@never_cache
@login_required
@methods("GET")
def data_export(request):
    """Everything the platform holds about the signed-in learner, as a JSON file."""
    content = json.dumps(
        personal_data(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    filename = f"my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@sensitive_post_parameters("password")
@never_cache
@login_required
@methods("GET", "POST")
def delete_account(request):
    """Say what deleting removes and keeps; on POST with the password, delete and sign out."""
    template = "accounts/account_delete.html"
    user = request.user
    refused = {"refused": STAFF_REFUSAL}
    if user.is_staff or user.is_superuser:
        return render(request, template, refused, status=403 if request.method == "POST" else 200)
    form = AccountDeleteForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user_id = user.pk
        try:
            account_delete(user=user)
        except AccountDeletionRefused:
            return render(request, template, refused, status=403)
        log.info("account deleted: user %s", user_id)
        logout(request)
        return redirect("accounts:account_deleted")
    return render(request, template, {"form": form})


@methods("GET")
def account_deleted(request):
    """The confirmation after deleting, shown signed out."""
    return render(request, "accounts/account_deleted.html")
