"""The platform's user: signs in with an email address and carries a learner profile."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.choices import AUDIENCE_CHOICES, COUNTRY_CHOICES


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Another gender")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    AGE_18_24 = "18_24", _("18-24")
    AGE_25_34 = "25_34", _("25-34")
    AGE_35_44 = "35_44", _("35-44")
    AGE_45_54 = "45_54", _("45-54")
    AGE_55_PLUS = "55_plus", _("55 or older")


class UserManager(BaseUserManager):
    """Creates users keyed by email address instead of a username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


EMAIL_TAKEN = _("An account with this email address already exists.")


class User(AbstractUser):
    """A person with an account: learner, trainer or administrator.

    The profile lives on the user row itself, so that a page view that needs the
    learner's name or language costs no extra query.
    """

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(
        _("full name"),
        max_length=150,
        help_text=_("Your name exactly as it should be printed on a certificate."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES, blank=True)
    audience = models.CharField(
        _("profession"), max_length=32, choices=AUDIENCE_CHOICES, blank=True
    )
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("age band"), max_length=16, choices=AgeBand.choices, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Certificates are printed in this language and in English."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                violation_error_message=EMAIL_TAKEN,
            ),
        ]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email
