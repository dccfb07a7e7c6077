"""Production: everything secret or site-specific comes from the environment.

Required: SECRET_KEY, ALLOWED_HOSTS (comma-separated). Recommended: DATABASE_URL
(PostgreSQL), REDIS_URL (the shared cache; CACHE_DIR for a single host), the email
settings below, ADMINS, TRUSTED_PROXY_COUNT.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _require(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = _require("SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _require("ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",  # noqa: F405
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's database search backend uses PostgreSQL's full-text search there.
    INSTALLED_APPS.insert(INSTALLED_APPS.index("demo"), "django.contrib.postgres")  # noqa: F405
    # PostgreSQL's "russian" configuration stems Russian words (and, through its English
    # dictionary, English ones), so "торговля" finds "торговли людьми".
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = POSTGRES_SEARCH_CONFIG  # noqa: F405

# The shared cache: Redis for any number of app servers (REDIS_URL, or CACHE_URL with a
# redis:// address), through a backend that serves on, uncached, while Redis restarts
# (core/cache.py). Without one, a file cache every process on this host shares, so that
# publishing a page invalidates the anonymous page cache for all of them.
REDIS_URL = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL", "")
if REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", "/var/tmp/elearning-cache"),  # noqa: S108
            # Sessions live here too (cached_db): culling at Django's default of 300
            # entries would drop signed-in learners' sessions back to the database.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }

# Background tasks (certificate PDFs after a bulk issue, e-mails) wait in the database
# for a worker: run `manage.py db_worker` beside the app servers (README). For a small
# single-process site, TASKS_IMMEDIATE=true runs them at once instead.
if os.environ.get("TASKS_IMMEDIATE", "false").lower() != "true":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

STORAGES["certificates"]["OPTIONS"]["location"] = os.environ.get(  # noqa: F405
    "CERTIFICATE_DIR",
    str(BASE_DIR / "private" / "certificates"),  # noqa: F405
)
# Shared by the app processes and the worker, which writes the files they serve.
STORAGES["exports"]["OPTIONS"]["location"] = os.environ.get(  # noqa: F405
    "EXPORT_DIR",
    str(BASE_DIR / "private" / "exports"),  # noqa: F405
)
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(BASE_DIR / "static"))  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)

WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "https://" + ALLOWED_HOSTS[0])

# HTTPS behind a proxy that sets X-Forwarded-Proto, and appends the client's address to
# X-Forwarded-For: TRUSTED_PROXY_COUNT is how many such proxies stand in front (1: a
# single nginx or load balancer; 0 if the app is reached directly).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Email goes through an SMTP server (password reset links); localhost:25 by default.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": os.environ.get("EMAIL_USE_TLS", "false").lower() == "true",
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@localhost")

# Who gets an email for each server error: ADMINS="ops@example.org,other@example.org".
ADMINS = [a.strip() for a in os.environ.get("ADMINS", "").split(",") if a.strip()]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Logs go to standard output (the process manager or container keeps them): server
# errors with their traceback, Django's security warnings, and the security log of sign-ins,
# sign-in failures and rate-limit refusals (``elearning.security``). LOG_LEVEL sets the
# level of everything else.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {
            "handlers": ["stdout", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        },
        "django.security": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "elearning.security": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
