from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from django.db.models.signals import post_save

        from accounts.extensions import personal_data_providers
        from library.extensions import citing_courses

        from .models import CoursePage
        from .selectors import courses_citing, courses_personal_data
        from .services import course_team_extend

        # A course's trainers may edit its new translations too.
        post_save.connect(course_team_extend, sender=CoursePage, dispatch_uid="course_team")

        # A resource's page in the e-library lists the lessons citing it.
        citing_courses.register(courses_citing)

        # A learner's data download holds their enrolments, steps and groups.
        personal_data_providers.register(courses_personal_data)
