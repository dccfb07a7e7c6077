"""Sign-in events for the security log (``elearning.security``, standard output in
production): who signed in, and failures by address, never a password."""

import logging

from core.ratelimit import client_address

log = logging.getLogger("elearning.security")


def signed_in(sender, request, user, **kwargs):
    log.info("sign-in: user %s from %s", user.pk, client_address(request) if request else "-")


def sign_in_failed(sender, credentials, request=None, **kwargs):
    log.warning("sign-in failed from %s", client_address(request) if request else "-")


def signed_out(sender, request, user, **kwargs):
    log.info("sign-out: user %s", user.pk if user else "-")
