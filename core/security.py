"""Response headers every answer carries, cached or not.

``SecurityHeadersMiddleware`` sits outside the anonymous page cache (see MIDDLEWARE),
so a page served from the cache gets the same headers as a fresh one:

- Permissions-Policy: no camera, microphone, location, payment or USB for any page;
- the Wagtail admin's looser Content-Security-Policy (``ADMIN_CSP``: its editors use
  inline scripts and styles), applied by Django's CSP middleware, which sits just
  outside this one; the public site keeps the strict ``SECURE_CSP``;
- ``Cache-Control: no-store`` on whatever a signed-in person is shown (their pages,
  PDFs, exports) unless the view said otherwise, so that a shared computer's browser
  or a proxy keeps no copy.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def admin_prefix(self) -> str:
        # Where elearning/urls.py mounts Wagtail's admin; asked once, on the first request.
        return reverse("wagtailadmin_home")

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path.startswith(self.admin_prefix):
            # A page preview renders the public page through the whole middleware chain
            # again (Wagtail's preview request), which gives it the public policy.
            if "Content-Security-Policy" in response:
                del response["Content-Security-Policy"]
            response._csp_config = settings.ADMIN_CSP
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and "Cache-Control" not in response
            and not request.path.startswith(settings.STATIC_URL)
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response
