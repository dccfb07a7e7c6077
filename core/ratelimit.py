"""Request limits and failure lockouts per client address or account, in the shared cache.

Two tools:

- ``over_limit``: a fixed-window count of requests (certificate verification, sign-up,
  password reset).
- ``Lockout``: counts failures (a wrong password) per key and, once a key reaches its
  limit, refuses it until its lock expires; ``wait_seconds`` says how long.

The client address is the real one behind the proxies named by ``TRUSTED_PROXY_COUNT``
(see ``client_address``), so that visitors behind a proxy do not share one bucket.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger("elearning.security")


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request) -> str:
    """The address the request came from.

    Behind ``TRUSTED_PROXY_COUNT`` proxies (each appending the address it received the
    request from to X-Forwarded-For), the client is the entry that many places from the
    right: entries further left were written by the client and prove nothing. Without
    trusted proxies, or with a header too short or malformed, REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [a for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(forwarded) < proxies:
        return remote
    return _valid_ip(forwarded[-proxies]) or remote


def over_limit(request, *, scope: str, limit: int, window_seconds: int = 60, key: str = "") -> bool:
    """Count this request; True once the address (or ``key``, when given) made more than
    ``limit`` in the window."""
    window = int(time.time() // window_seconds)
    who = _digest(key) if key else client_address(request)
    count = _count(f"ratelimit:{scope}:{who}:{window}", window_seconds + 5)
    if count > limit:
        log.warning("rate limit: %s refused for %s", scope, client_address(request))
    return count > limit


def _count(key: str, seconds: int) -> int:
    """Add one to the counter ``key`` (kept ``seconds``) and return it, atomically in a
    shared cache: two servers counting at once never both read the same number."""
    cache.add(key, 0, seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        return 1


def _digest(value: str) -> str:
    """A key for an account without its email address in the cache."""
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Lockout:
    """Failures counted per key in a sliding lock: ``limit`` failures within
    ``seconds`` lock the key for ``seconds`` from the last one."""

    scope: str
    limit: int
    seconds: int

    def _keys(self, name: str) -> tuple[str, str]:
        return f"lockout:{self.scope}:{name}:n", f"lockout:{self.scope}:{name}:until"

    def wait_seconds(self, name: str) -> int:
        """0, or the seconds left before ``name`` may try again."""
        until = cache.get(self._keys(name)[1])
        return max(0, math.ceil(until - time.time())) if until else 0

    def fail(self, name: str) -> None:
        count_key, until_key = self._keys(name)
        count = _count(count_key, self.seconds)
        cache.touch(count_key, self.seconds)
        if count >= self.limit:
            cache.set(until_key, time.time() + self.seconds, self.seconds)

    def clear(self, name: str) -> None:
        cache.delete_many(self._keys(name))


# Sign-in: a few wrong passwords lock one account; an address is allowed many more,
# because a whole training room often shares one (a ministry's or a school's network).
ACCOUNT_LOCKOUT = Lockout("sign-in-account", limit=5, seconds=15 * 60)
ADDRESS_LOCKOUT = Lockout("sign-in-address", limit=50, seconds=15 * 60)


def sign_in_wait(request, email: str) -> int:
    """Seconds before this account or this address may try a password again (0: now)."""
    return max(password_check_wait(email), ADDRESS_LOCKOUT.wait_seconds(client_address(request)))


def sign_in_failed(request, email: str) -> None:
    password_check_failed(email)
    ADDRESS_LOCKOUT.fail(client_address(request))


def sign_in_succeeded(email: str) -> None:
    ACCOUNT_LOCKOUT.clear(_digest(email or ""))


def password_check_wait(email: str) -> int:
    """Seconds before a signed-in person's password may be checked again (to change it
    or delete the account): the same count as sign-in failures for the account."""
    return ACCOUNT_LOCKOUT.wait_seconds(_digest(email or ""))


def password_check_failed(email: str) -> None:
    ACCOUNT_LOCKOUT.fail(_digest(email or ""))
