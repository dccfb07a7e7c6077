"""The shared cache on Redis, and what happens when Redis is away.

Production keeps the anonymous page cache, its generation, course structures, session
copies and rate-limit counters in Redis (``REDIS_URL``), so that every app process
sees the same. Everything in it can be rebuilt: sessions are ``cached_db`` (the
database holds them), pages and structures are rendered again. So while Redis
restarts, ``ResilientRedisCache`` answers as an empty cache that keeps nothing:
reads miss, writes are dropped, counters start from one; pages keep being served,
slower, instead of failing with a connection error.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger("elearning.cache")
_UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
_last_warning = 0.0


def _or(fallback):
    """Run the client call; if Redis cannot be reached, warn (once in ten seconds)
    and return ``fallback(*args)``."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args):
            global _last_warning
            try:
                return method(self, *args)
            except _UNREACHABLE as error:
                if time.monotonic() - _last_warning > 10:
                    _last_warning = time.monotonic()
                    log.warning("Redis unreachable, serving without the cache: %s", error)
                return fallback(*args)

        return wrapper

    return decorate


class ResilientRedisCacheClient(RedisCacheClient):
    add = _or(lambda key, value, timeout: False)(RedisCacheClient.add)
    get = _or(lambda key, default: default)(RedisCacheClient.get)
    set = _or(lambda key, value, timeout: None)(RedisCacheClient.set)
    touch = _or(lambda key, timeout: False)(RedisCacheClient.touch)
    delete = _or(lambda key: False)(RedisCacheClient.delete)
    get_many = _or(lambda keys: {})(RedisCacheClient.get_many)
    has_key = _or(lambda key: False)(RedisCacheClient.has_key)
    incr = _or(lambda key, delta: delta)(RedisCacheClient.incr)
    set_many = _or(lambda data, timeout: None)(RedisCacheClient.set_many)
    delete_many = _or(lambda keys: None)(RedisCacheClient.delete_many)
    clear = _or(lambda: False)(RedisCacheClient.clear)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
