"""The professional audiences the platform trains, shared by courses and profiles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """Who a course is written for, and what a learner says they do."""

    PEACEKEEPERS = "peacekeepers", _("Peacekeepers")
    JOURNALISTS = "journalists", _("Journalists")
    JUDGES_PROSECUTORS = "judges_prosecutors", _("Judges and prosecutors")
    POLICE_INVESTIGATORS = "police_investigators", _("Police and investigators")
    BORDER_MIGRATION = "border_migration", _("Border and migration officers")
    SOCIAL_WORKERS = "social_workers", _("Social workers")
    GENERAL_PUBLIC = "general_public", _("General public")
