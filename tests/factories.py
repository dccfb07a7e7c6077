"""Small factories for tests: just enough of a course tree or a user, no demo data."""

from __future__ import annotations

import itertools
import json

from django.contrib.auth import get_user_model

from courses.models import Audience, CourseIndexPage, CoursePage, LessonPage, ModulePage

_counter = itertools.count(1)

BODY = json.dumps(
    [
        {"type": "text", "value": "<p>Trafficking has three elements: act, means, purpose.</p>"},
        {
            "type": "key_point",
            "value": {"title": "Remember", "text": "<p>Report, do not rescue.</p>"},
        },
    ]
)


def make_user(**fields):
    n = next(_counter)
    fields.setdefault("email", f"learner{n}@example.org")
    fields.setdefault("full_name", f"Learner {n}")
    password = fields.pop("password", "a-long-test-password")
    return get_user_model().objects.create_user(password=password, **fields)


def catalogue() -> CourseIndexPage:
    return CourseIndexPage.objects.get()


def make_course(
    *,
    modules: int = 2,
    lessons: int = 2,
    audiences: tuple[str, ...] = ("police_investigators",),
    live: bool = True,
    preview_first: bool = True,
    **fields,
) -> CoursePage:
    """A published course with ``modules`` modules of ``lessons`` lessons each."""
    n = next(_counter)
    fields.setdefault("title", f"Course {n}")
    fields.setdefault("slug", f"course-{n}")
    fields.setdefault("summary", f"Summary of course {n}")
    fields.setdefault("description", "<p>What this course is about.</p>")
    course = CoursePage(**fields)
    course.audiences = list(Audience.objects.filter(code__in=audiences))
    catalogue().add_child(instance=course)
    for m in range(modules):
        module = course.add_child(
            instance=ModulePage(title=f"Module {m + 1}", slug=f"module-{m + 1}")
        )
        for i in range(lessons):
            module.add_child(
                instance=LessonPage(
                    title=f"Lesson {m + 1}.{i + 1}",
                    slug=f"lesson-{m + 1}-{i + 1}",
                    body=BODY,
                    open_preview=preview_first and m == 0 and i == 0,
                )
            )
    if not live:
        course.unpublish()
        course.refresh_from_db()
    return course


def lessons_of(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course).order_by("path"))
