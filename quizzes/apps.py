from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """Quizzes: myth or reality, single and multiple choice, scenarios."""

    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from courses.extensions import step_note_providers

        from .selectors import best_result_notes

        step_note_providers.register(best_result_notes)
