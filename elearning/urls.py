from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import AdminLoginView, switch_language

urlpatterns = [
    # Wagtail's admin sign-in, throttled like the learners' (accounts.forms).
    path("admin/login/", AdminLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("language/", switch_language, name="switch_language"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The public site carries the reader's language in its addresses (/ru/courses/); an
# address without one redirects to the reader's language (their choice, remembered in
# a cookie, or else the browser's). Wagtail serves every other address from the page
# tree of that language: keep it last.
urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("", include("courses.urls")),
    path("", include("quizzes.urls")),
    path("", include("certificates.urls")),
    path("", include(wagtail_urls)),
)

# A database that cannot be reached answers 503 with Retry-After, not 500 (core.http).
handler500 = "core.http.server_error"
