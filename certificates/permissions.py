"""Who may see certificates in the admin."""

from wagtail.permission_policies import ModelPermissionPolicy

from .services import ISSUE_PERMISSION


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Certificates are viewed here, but only the issuing service creates or changes them."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "copy"):
            return False
        return super().user_has_permission(user, action) or user.has_perm(ISSUE_PERMISSION)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
