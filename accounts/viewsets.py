"""Wagtail's user admin, adapted to a user model with a single full-name field."""

from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .forms import AdminUserCreationForm, AdminUserEditForm


class UserViewSet(WagtailUserViewSet):
    """Use forms and templates that ask for a full name instead of first/last name."""

    template_prefix = "accounts/wagtail_users/"

    def get_form_class(self, for_update=False):
        return AdminUserEditForm if for_update else AdminUserCreationForm
