"""Small factories for tests: just enough of a course tree or a user, no demo data."""

from __future__ import annotations

import itertools
import json

from django.contrib.auth import get_user_model

from courses.models import Audience, CourseIndexPage, CoursePage, LessonPage, ModulePage
from home.groups import TRAINERS
from library.models import Resource, Term
from quizzes.scoring import answer_key

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


def make_trainer(*, courses=(), **fields):
    """A member of the Trainers group, as the demo creates them, and one of the
    trainers of each of ``courses`` (a trainer edits and publishes only those)."""
    from django.contrib.auth.models import Group

    from courses.services import course_team_add

    fields.setdefault("is_staff", True)
    user = make_user(**fields)
    user.groups.add(Group.objects.get(name=TRAINERS))
    for course in courses:
        course_team_add(course=course, trainer=user)
    return user


def complete_lessons(learner, course: CoursePage) -> None:
    """Mark every lesson of ``course`` complete for an enrolled ``learner``."""
    from courses.services import step_complete

    for lesson in lessons_of(course):
        step_complete(learner=learner, step=lesson)


def catalogue() -> CourseIndexPage:
    return CourseIndexPage.objects.get(locale__language_code="en")


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


def myth(statement: str, answer: str = "myth") -> dict:
    return {
        "type": "myth_reality",
        "value": {
            "statement": statement,
            "answer": answer,
            "explanation": f"Explanation of: {statement}",
            "source": "Seed 001, L251-255",
        },
    }


def choice(prompt: str, options: list[tuple[str, bool]], *, multiple: bool = False) -> dict:
    return {
        "type": "multiple_choice" if multiple else "single_choice",
        "value": {
            "prompt": prompt,
            "options": [
                {"text": text, "correct": correct, "feedback": f"Feedback on {text}"}
                for text, correct in options
            ],
            "explanation": f"Explanation of: {prompt}",
            "source": "Seed 000, L415-424",
        },
    }


def scenario(title: str, questions: list[dict]) -> dict:
    return {
        "type": "scenario",
        "value": {
            "title": title,
            "content_note": "",
            "case": "<p>An illustrative case.</p>",
            "questions": questions,
        },
    }


def default_questions() -> list[dict]:
    return [
        myth("Only women are trafficked.", "myth"),
        myth("Consent is irrelevant once deception is used.", "reality"),
        choice("What should a peacekeeper do?", [("Report", True), ("Raid", False)]),
        choice(
            "Which are indicators?",
            [("Documents withheld", True), ("Debt", True), ("Holiday photos", False)],
            multiple=True,
        ),
    ]


def make_quiz(
    course: CoursePage, *, questions: list[dict] | None = None, module: int | None = None, **fields
):
    """A published quiz at the end of the course's last module (or of its ``module``-th,
    counted from 1)."""
    from quizzes.models import QuizPage

    n = next(_counter)
    fields.setdefault("title", f"Quiz {n}")
    fields.setdefault("slug", f"quiz-{n}")
    fields.setdefault("shuffle", False)
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    parent = modules[-1 if module is None else module - 1]
    quiz = QuizPage(questions=json.dumps(questions or default_questions()), **fields)
    parent.add_child(instance=quiz)
    return QuizPage.objects.get(pk=quiz.pk)


def right_answers(attempt) -> dict[str, set[str]]:
    return answer_key(attempt.items)


def wrong_answers(attempt) -> dict[str, set[str]]:
    return {
        i["id"]: {next(o["id"] for o in i["options"] if not o["correct"])} for i in attempt.items
    }


def term(facet, slug):
    return Term.objects.get(facet=facet, slug=slug)


def make_resource(title, *, kind="handbook", year=2012, publisher="OSCE", **terms):
    resource = Resource(
        title=title,
        slug=title.lower().replace(" ", "-")[:100],
        summary=f"About {title}.",
        resource_type=term("type", kind),
        publisher=publisher,
        year=year,
    )
    for relation, facet in (
        ("languages", "language"),
        ("countries", "country"),
        ("audiences", "audience"),
        ("topics", "topic"),
    ):
        setattr(resource, relation, [term(facet, s) for s in terms.get(relation, [])])
    resource.save()
    return resource


def sync_trees() -> None:
    """Give every language's tree the English pages it lacks, as wagtail-localize does
    when a trainer creates a page in the admin (aliases, shown in English)."""
    from demo.page_translations import sync_language_trees

    sync_language_trees()


def in_language(url: str, code: str) -> str:
    """A page's address in another language's tree (the same slugs)."""
    from core.languages import in_language as swap

    return swap(url, code)


def translate_tree(page, code: str, mark: str = " [ru]") -> list:
    """Translate ``page`` and the pages under it into ``code`` with wagtail-localize, as
    a trainer would, each title followed by ``mark``; published. Returns them in order."""
    from wagtail.models import Locale, Page
    from wagtail_localize.models import TranslationSource

    locale = Locale.objects.get(language_code=code)
    translated = []
    for source_page in Page.objects.filter(path__startswith=page.path).order_by("path"):
        source, _created = TranslationSource.get_or_create_from_instance(source_page.specific)
        target, _created = source.create_or_update_translation(
            locale, publish=True, fallback=True, copy_parent_pages=True
        )
        target.title = source_page.title + mark
        target.save_revision().publish()
        translated.append(type(target).objects.get(pk=target.pk))
    return translated
