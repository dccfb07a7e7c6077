"""Settings shared by every environment. Secrets and hosts live in dev/production."""

from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "core",
    "home",
    "accounts",
    "courses",
    "quizzes",
    "certificates",
    "library",
    "reports",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.UsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    # Demonstration content: last, as the only package that imports every app.
    "demo",
]

# The security headers come first, outside the anonymous page cache, so that a page
# served from the cache carries them too (core/security.py).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.security.SecurityHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.languages.LocaleMiddleware",
    "core.languages.LanguageCookieMiddleware",
    "core.page_cache.AnonymousPageCacheMiddleware",
    "core.site_cache.SiteCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "elearning.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "core.languages.languages",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "elearning.wsgi.application"

# With SQLite, writers take the lock when their transaction starts, so that two
# processes writing at once wait their turn instead of failing with "locked"; the
# write-ahead log lets pages be read while a learner's answers are written.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
        "OPTIONS": SQLITE_OPTIONS,
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# Both sign-in forms refuse an account or an address after repeated failures
# (core.ratelimit); the admin's password reset is the site's, which is rate-limited.
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminLoginForm"
WAGTAIL_PASSWORD_RESET_ENABLED = False
# How many proxies in front of the app append to X-Forwarded-For: the client address
# (rate limits, sign-in throttling, logs) is read that many entries from the right.
# 0 here (the embedded default serves browsers directly); production sets it.
TRUSTED_PROXY_COUNT = 0
LOGIN_REDIRECT_URL = "courses:dashboard"
LOGOUT_REDIRECT_URL = "/"

# Background tasks (core/tasks.py): run at once in the embedded default, so that a
# single process needs no worker; production queues them in the database.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Sessions are read on every learner request; the cached_db backend keeps them in
# the database (shared by every process) and saves the lookup when the cache has it.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "elearning",
    }
}

# Internationalisation: English is the source language; the interface is translated
# into Russian and the national languages of Central Asia.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("kk", _("Kazakh")),
    ("ky", _("Kyrgyz")),
    ("tg", _("Tajik")),
    ("uz", _("Uzbek")),
]
LOCALE_PATHS = [BASE_DIR / "locales"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Certificate PDFs: never under MEDIA_URL; served only to their holder by a view.
    "certificates": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": BASE_DIR / "private" / "certificates"},
    },
    # Report exports (CSV, XLSX): never under MEDIA_URL; served only to who asked.
    "exports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": BASE_DIR / "private" / "exports"},
    },
}

# Refuse absurd posts early: a learner's form is a few kilobytes.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Wagtail's page editor posts many fields for long StreamFields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Counter-Trafficking Learning"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# On PostgreSQL (production, CI): the text-search configuration. Its Russian dictionary
# stems Cyrillic words and its English one Latin words; SQLite's FTS5 matches words
# whatever their case, Cyrillic included, without stemming.
POSTGRES_SEARCH_CONFIG = "russian"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
# Content is translatable: one page tree per language (wagtail-localize), and one
# e-library record per language, linked by a translation key. Pages not translated
# yet are aliases of the English page in the other trees.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Trainers work in the admin in English or Russian (Wagtail ships both).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("ru", "Русский")]
# The admin calls no third party: no Gravatar (it would send a hash of each staff
# member's email address abroad), no check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Our roles only (home/migrations/0007): a course's trainers publish it themselves, with
# every version kept in its history; no moderation workflow nobody is part of.
WAGTAIL_WORKFLOW_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024

DEFAULT_FROM_EMAIL = "no-reply@localhost"

# Anonymous visitors get whole pages from the cache for this long at most; publishing
# any page invalidates them at once (elearning/page_cache.py).
PAGE_CACHE_SECONDS = 600

# Content-Security-Policy (Django's CSP middleware). The public site runs no inline
# script or style and loads nothing from elsewhere but the video players lessons embed.
EMBED_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "frame-src": [CSP.SELF, *EMBED_FRAME_SOURCES],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The Wagtail admin's editors and choosers use inline scripts and styles, and its page
# preview frames the site: looser, for staff only (core/security.py applies it).
ADMIN_CSP = SECURE_CSP | {
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-ancestors": [CSP.SELF],
}
