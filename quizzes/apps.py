from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """Quizzes: myth or reality, single and multiple choice, scenarios."""

    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from accounts.extensions import personal_data_providers
        from courses.extensions import step_note_providers

        from .selectors import best_result_notes, quizzes_personal_data

        step_note_providers.register(best_result_notes)
        # A learner's data download holds their attempts, answers and gains.
        personal_data_providers.register(quizzes_personal_data)
