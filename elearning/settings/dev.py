"""Local development: debug on, SQLite, console email."""

from .base import *  # noqa: F403

DEBUG = True
# Development only; production reads its key from the environment.
SECRET_KEY = "django-insecure-local-development-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
# Emails (password reset) are printed in the terminal that runs the site.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# Serve static files from the apps in place: no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
