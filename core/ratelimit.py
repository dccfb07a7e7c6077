"""A fixed-window request limit per client address, kept in the shared cache."""

import time

from django.core.cache import cache


def client_address(request) -> str:
    """The address the request came from (set REMOTE_ADDR correctly behind a proxy)."""
    return request.META.get("REMOTE_ADDR", "unknown")


def over_limit(request, *, scope: str, limit: int, window_seconds: int = 60) -> bool:
    """Count this request; True once the address made more than ``limit`` in the window."""
    window = int(time.time() // window_seconds)
    key = f"ratelimit:{scope}:{client_address(request)}:{window}"
    cache.add(key, 0, window_seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds + 5)
        count = 1
    return count > limit
