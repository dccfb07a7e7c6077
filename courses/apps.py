from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from library.extensions import citing_courses

        from .selectors import courses_citing

        # A resource's page in the e-library lists the lessons citing it.
        citing_courses.register(courses_citing)
