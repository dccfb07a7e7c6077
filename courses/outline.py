"""A course's outline and a step's place in it, read on every course and lesson view.

The course's structure (modules and steps, the same for every learner) is kept in
the shared cache under the content generation; the learner's part is two small
queries. Steps are found by tree path: every page under a course has a path that
starts with the course's path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Exists, F, OuterRef
from wagtail.models import Page

from core.page_cache import generation

from .extensions import step_note_providers
from .models import CoursePage, Enrolment, LessonPage, StepCompletion, StepPage


@dataclass
class StepItem:
    """A lesson or quiz as it appears in an outline."""

    pk: int
    title: str
    url: str
    required: bool
    minutes: int
    kind: str
    done: bool
    lesson: bool = False  # a lesson; otherwise a quiz (the only other kind of step)
    preview: bool = False
    number: int = 0
    note: str = ""
    key: object = None  # the translation key, the same in every language


def percent(done: int, total: int) -> int:
    """Share of required steps done, in whole percent (0 when nothing is required)."""
    return round(100 * done / total) if total else 0


@dataclass
class ModuleItem:
    pk: int
    title: str
    summary: str
    steps: list[StepItem] = field(default_factory=list)


@dataclass
class EnrolmentState:
    """What a page needs to know of the learner's enrolment."""

    completed_at: datetime | None


@dataclass
class Outline:
    """A course's modules and steps, with the learner's progress through them."""

    course: Page
    modules: list[ModuleItem]
    enrolment: EnrolmentState | None
    required_total: int
    required_done: int

    @property
    def steps(self) -> list[StepItem]:
        return [s for m in self.modules for s in m.steps]

    percent = property(lambda self: percent(self.required_done, self.required_total))

    @property
    def next_step(self) -> StepItem | None:
        return next((s for s in self.steps if not s.done), None)

    @property
    def step_count(self) -> int:
        return len(self.steps)

    @property
    def lesson_count(self) -> int:
        return sum(1 for s in self.steps if s.lesson)

    @property
    def quiz_count(self) -> int:
        # Steps are lessons or quizzes: quizzes are the steps that are not lessons, so
        # that courses need not know the quizzes app.
        return self.step_count - self.lesson_count


def _is_lesson(content_type_id: int) -> bool:
    return content_type_id == ContentType.objects.get_for_model(LessonPage).pk


def _kind(content_type_id: int) -> str:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return str(model._meta.verbose_name) if model else ""


def completed_exists(learner, *, source_tree: bool = False):
    """Whether ``learner`` completed the step in the outer query (an ``Exists``).

    Matched by translation key: a step completed in one language is complete in all.
    Completions are recorded at the source version of a step, so for steps of a
    source-language course (``source_tree``) the step's own id is enough, and cheaper.
    """
    if source_tree:
        return Exists(StepCompletion.objects.filter(step_id=OuterRef("pk"), learner_id=learner.pk))
    return Exists(
        StepCompletion.objects.filter(
            step__translation_key=OuterRef("translation_key"), learner_id=learner.pk
        )
    )


def _course_structure(course_path: str) -> list[dict]:
    """The published course row, modules and steps as plain values, in tree order.

    The same for every learner and changed only by publishing, so it is kept in the
    shared cache under the content generation (core.page_cache): one query on a
    miss, none on a hit.
    """
    key = f"course-structure:{generation()}:{course_path}"
    rows = cache.get(key)
    if rows is None:
        depth = len(course_path) // Page.steplen
        rows = list(
            Page.objects.live()
            .filter(path__startswith=course_path, depth__lte=depth + 2)
            .order_by("path")
            .values(
                "pk",
                "depth",
                "path",
                "title",
                "slug",
                "url_path",
                "content_type_id",
                "translation_key",
                step_required=F("steppage__required"),
                step_minutes=F("steppage__estimated_minutes"),
                step_preview=F("steppage__lessonpage__open_preview"),
                module_summary=F("modulepage__summary"),
            )
        )
        cache.set(key, rows, settings.PAGE_CACHE_SECONDS)
    return rows


def _outline(*, course_path: str, learner, request=None, with_notes=False) -> Outline | None:
    """A course's outline with the learner's progress.

    The structure comes from ``_course_structure``; the learner's part is two small
    queries (completed steps, enrolment). Step addresses are derived from the course's
    address, because this runs on every lesson view.
    """
    rows = _course_structure(course_path)
    if not rows or rows[0]["path"] != course_path:
        return None
    first = rows[0]
    course = Page(
        pk=first["pk"],
        title=first["title"],
        slug=first["slug"],
        path=first["path"],
        depth=first["depth"],
        url_path=first["url_path"],
    )
    course_url = course.get_url(request) or ""
    # The learner's records belong to the course in every language: matched by key.
    step_keys = [row["translation_key"] for row in rows if row["step_required"] is not None]
    done: set = set()
    enrolment = None
    if learner is not None and learner.is_authenticated:
        done = set(
            StepCompletion.objects.filter(
                learner_id=learner.pk, step__translation_key__in=step_keys
            ).values_list("step__translation_key", flat=True)
        )
        found = Enrolment.objects.filter(
            learner_id=learner.pk, course__translation_key=first["translation_key"]
        ).values_list("completed_at", flat=True)[:1]
        if found:
            enrolment = EnrolmentState(completed_at=found[0])
    modules: list[ModuleItem] = []
    number = 0
    for row in rows[1:]:
        if row["depth"] == course.depth + 1:
            modules.append(
                ModuleItem(pk=row["pk"], title=row["title"], summary=row["module_summary"])
            )
        elif modules and row["step_required"] is not None:
            number += 1
            modules[-1].steps.append(
                StepItem(
                    pk=row["pk"],
                    title=row["title"],
                    url=course_url + row["url_path"][len(course.url_path) :],
                    required=row["step_required"],
                    minutes=row["step_minutes"],
                    kind=_kind(row["content_type_id"]),
                    lesson=_is_lesson(row["content_type_id"]),
                    done=row["translation_key"] in done,
                    key=row["translation_key"],
                    preview=bool(row["step_preview"]),
                    number=number,
                )
            )
    if with_notes and enrolment is not None:
        notes = step_note_providers.collect(learner, step_keys)
        for step in (s for m in modules for s in m.steps if s.key in notes):
            step.note = notes[step.key].text
    required = [s for m in modules for s in m.steps if s.required]
    return Outline(
        course=course,
        modules=modules,
        enrolment=enrolment,
        required_total=len(required),
        required_done=sum(1 for s in required if s.done),
    )


def course_outline(*, course: CoursePage, learner, request=None) -> Outline:
    """Modules and steps of a course in tree order, with what ``learner`` completed."""
    return _outline(course_path=course.path, learner=learner, request=request, with_notes=True)


@dataclass
class StepPosition:
    """Where a step sits: its course, module, neighbours and the learner's progress."""

    course: Page
    outline: Outline
    module: ModuleItem
    current: StepItem
    previous: StepItem | None
    next: StepItem | None


def step_position(*, step: StepPage, learner, request=None) -> StepPosition | None:
    """The course context of a step page, from one outline query."""
    if not step.path or step.depth < 3:
        return None  # a page being previewed before it was first saved
    outline = _outline(course_path=step.course_path, learner=learner, request=request)
    if outline is None:
        return None
    steps = outline.steps
    for index, item in enumerate(steps):
        if item.pk == step.pk:
            module = next(m for m in outline.modules if item in m.steps)
            return StepPosition(
                course=outline.course,
                outline=outline,
                module=module,
                current=item,
                previous=steps[index - 1] if index > 0 else None,
                next=steps[index + 1] if index + 1 < len(steps) else None,
            )
    return None
