"""Writes about one account: a learner deleting their own."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

STAFF_REFUSAL = _(
    "Accounts of trainers and administrators cannot be deleted here: ask another "
    "administrator to remove yours in the admin."
)


class AccountDeletionRefused(PermissionDenied):
    """Staff and superusers are removed by another administrator, not by themselves."""


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete a learner's account and everything personal that hangs on it.

    What goes and what stays is said by each model's ``on_delete``: the profile (the
    user row), completed steps, quiz attempts and answers, knowledge gains and
    training group memberships are deleted; enrolments stay without a learner, as
    anonymous records that reports count, and certificates stay with the name as
    issued, verifiable by anyone holding the code. Deleting an account that is already
    gone does nothing. Raises ``AccountDeletionRefused`` for staff and superusers.
    """
    account = get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if account is None:
        return
    if account.is_staff or account.is_superuser:
        raise AccountDeletionRefused(STAFF_REFUSAL)
    account.delete()
