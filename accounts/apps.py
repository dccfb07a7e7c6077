from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth import signals

        from . import signals as events

        signals.user_logged_in.connect(events.signed_in, dispatch_uid="log-sign-in")
        signals.user_login_failed.connect(events.sign_in_failed, dispatch_uid="log-sign-in-fail")
        signals.user_logged_out.connect(events.signed_out, dispatch_uid="log-sign-out")


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, pointed at our user viewset."""

    user_viewset = "accounts.viewsets.UserViewSet"
