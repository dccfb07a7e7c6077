from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """Quizzes: myth or reality, single and multiple choice, scenarios."""

    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from courses.extensions import register_step_note_provider

        from .selectors import best_result_notes

        register_step_note_provider(best_result_notes)
