from django.http import HttpResponse
from django.urls import path

from elearning.urls import urlpatterns as site_urlpatterns


def ceiling(request):
    """The least a Django view can do: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


# The site's own patterns, not include()d: its i18n_patterns must be at the root.
urlpatterns = [path("bench/ceiling/", ceiling), *site_urlpatterns]
