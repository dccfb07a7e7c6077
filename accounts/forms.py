"""Forms for learners (sign-up, profile) and for Wagtail's user admin."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm

from .models import EMAIL_TAKEN

User = get_user_model()

PROFILE_FIELDS = [
    "full_name",
    "organisation",
    "country",
    "audience",
    "preferred_language",
    "gender",
    "age_band",
]
OPTIONAL_REASON = _(
    "Optional. Used only in aggregate, to show donors who the training reaches; "
    "never shown to anyone with your name."
)


class ProfileFieldsMixin:
    """Labels and help shared by the sign-up and profile forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["gender"].help_text = OPTIONAL_REASON
        self.fields["age_band"].help_text = OPTIONAL_REASON
        self.fields["audience"].label = _("Profession or audience")


class SignUpForm(ProfileFieldsMixin, UserCreationForm):
    """Create a learner account with the profile a certificate needs."""

    class Meta:
        model = User
        fields = ["email", *PROFILE_FIELDS]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(EMAIL_TAKEN)  # beside the field, before the constraint
        return email


class ProfileForm(ProfileFieldsMixin, forms.ModelForm):
    """Edit one's own profile."""

    class Meta:
        model = User
        fields = PROFILE_FIELDS


class EmailAuthenticationForm(AuthenticationForm):
    """Log in with an email address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "type": "email"})


ADMIN_FIELDS = {"email", "full_name", "organisation", "country", "audience", "is_superuser"}


class AdminUserCreationForm(WagtailUserCreationForm):
    """Wagtail's user creation form for a user model with one full-name field."""

    first_name = None
    last_name = None

    class Meta(WagtailUserCreationForm.Meta):
        fields = ADMIN_FIELDS | {"groups"}


class AdminUserEditForm(WagtailUserEditForm):
    """Wagtail's user edit form for a user model with one full-name field."""

    first_name = None
    last_name = None

    class Meta(WagtailUserEditForm.Meta):
        fields = ADMIN_FIELDS | {"groups", "is_active"}
