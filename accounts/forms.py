"""Forms for learners (sign-up, profile) and for Wagtail's user admin."""

import math

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    UserCreationForm,
)
from django.core.exceptions import ValidationError
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm

from core.ratelimit import (
    password_check_failed,
    password_check_wait,
    sign_in_failed,
    sign_in_succeeded,
    sign_in_wait,
)
from core.tasks import send_email

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


def too_many_failures(wait: int) -> ValidationError:
    minutes = math.ceil(wait / 60)
    return ValidationError(
        ngettext(
            "Too many failed sign-ins. Wait %(minutes)d minute, then try again, "
            "or reset your password.",
            "Too many failed sign-ins. Wait %(minutes)d minutes, then try again, "
            "or reset your password.",
            minutes,
        ),
        code="throttled",
        params={"minutes": minutes},
    )


def check_current_password(user, password: str, message) -> None:
    """Raise ``message`` unless ``password`` is the user's; wrong guesses count toward
    the account's lock like failed sign-ins, so a session left open is no oracle."""
    wait = password_check_wait(user.email)
    if wait:
        raise too_many_failures(wait)
    if not user.check_password(password):
        password_check_failed(user.email)
        raise ValidationError(message, code="password_incorrect")


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the e-mail sent by a background task."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        html = ""
        if html_email_template_name is not None:
            html = loader.render_to_string(html_email_template_name, context)
        send_email.enqueue(
            subject=subject,
            body=loader.render_to_string(email_template_name, context),
            to=[to_email],
            from_email=from_email,
            html=html,
        )


class ThrottledPasswordChangeForm(PasswordChangeForm):
    def clean_old_password(self):
        password = self.cleaned_data["old_password"]
        check_current_password(self.user, password, self.error_messages["password_incorrect"])
        return password


class ThrottledSignInMixin:
    """Refuse passwords for an account or an address that failed too often of late
    (``core.ratelimit``), even the right one, and say how long to wait. ``throttled``
    tells the view to answer 429."""

    throttled = False

    def clean(self):
        email = self.cleaned_data.get("username") or ""
        wait = sign_in_wait(self.request, email)
        if wait:
            self.throttled = True
            raise too_many_failures(wait)
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if getattr(error, "code", None) == "invalid_login":
                sign_in_failed(self.request, email)
            raise
        sign_in_succeeded(email)
        return cleaned


class EmailAuthenticationForm(ThrottledSignInMixin, AuthenticationForm):
    """Log in with an email address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "type": "email"})


class AdminLoginForm(ThrottledSignInMixin, WagtailLoginForm):
    """The admin's sign-in form (``WAGTAILADMIN_USER_LOGIN_FORM``), throttled alike."""


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


class AccountDeleteForm(forms.Form):
    """The learner's current password, to confirm that they, not someone at an
    unattended computer, delete the account."""

    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        check_current_password(
            self.user, password, _("This is not your current password. Nothing has been deleted.")
        )
        return password
