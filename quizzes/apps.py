from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """Quizzes (myth vs reality, choice, scenario) arrive in their own issue."""

    name = "quizzes"
    verbose_name = _("Quizzes")
