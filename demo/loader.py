"""Load the demonstration courses and accounts. Running it again changes nothing."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from courses.models import CourseIndexPage, CoursePage
from library.models import Resource

from .catalogue import ensure_library, ensure_library_translations
from .cohorts import ensure_demo_cohorts
from .content import citations, course_files, quiz_files, read_toml
from .learners import (
    ensure_certificate_settings,
    ensure_demo_users,
    ensure_trainee_certificates,
    ensure_trainee_progress,
    ensure_trainee_quiz_results,
)
from .page_translations import ensure_page_translations, sync_language_trees
from .pages import create_course, create_quizzes, source_pages
from .report import Report


@transaction.atomic
def load_demo() -> Report:
    """Create what is missing of the demo site: courses, accounts, the trainee's progress."""
    report = Report()
    ensure_library(report)  # first: lessons cite its resources
    ensure_library_translations(report)
    # The site's skeleton comes from migrations; an administrator may have removed
    # the catalogue since, and the demo does not put it back.
    index = source_pages(CourseIndexPage).first()
    cited = citations()
    resources = {
        title.lower(): pk
        for pk, title in Resource.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        ).values_list("pk", "title")
    }
    for path in course_files():
        data = read_toml(path)
        if source_pages(CoursePage).filter(slug=data["slug"]).exists():
            report.kept.append(data["slug"])
            continue
        if index is None:
            report.skipped.append(f"{data['slug']} (the site has no course catalogue page)")
            continue
        create_course(index, data, cited=cited, resources=resources)
        report.created.append(data["slug"])
    for path in quiz_files():
        data = read_toml(path)
        course = source_pages(CoursePage).filter(slug=data["course"]).first()
        if course is not None:
            create_quizzes(course, data, report)
    # Every language's tree gets the new pages (as aliases), then the translated ones.
    sync_language_trees()
    ensure_page_translations(report)
    ensure_certificate_settings()
    users = ensure_demo_users(report)
    ensure_trainee_progress(users["trainee@example.org"])
    ensure_trainee_quiz_results(users["trainee@example.org"])
    ensure_trainee_certificates(users["trainee@example.org"], users["admin@example.org"])
    ensure_demo_cohorts(
        report, trainer=users["trainer@example.org"], admin=users["admin@example.org"]
    )
    return report
