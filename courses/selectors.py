"""Reads for course pages and the dashboard, each in a fixed number of queries.

Steps are found by tree path, not by walking pages one by one: every page under a
course has a path that starts with the course's path, so an outline, a progress
figure or a "next lesson" for any number of courses is one query each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Substr
from wagtail.models import Page

from elearning.page_cache import generation

from .extensions import CourseNote, StepNote, course_note_providers, step_note_providers
from .models import CourseIndexPage, CoursePage, Enrolment, StepCompletion, StepPage


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
    preview: bool = False
    number: int = 0
    note: str = ""


def _percent(done: int, total: int) -> int:
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

    percent = property(lambda self: _percent(self.required_done, self.required_total))

    @property
    def next_step(self) -> StepItem | None:
        return next((s for s in self.steps if not s.done), None)

    @property
    def lesson_count(self) -> int:
        return len(self.steps)


def _kind(content_type_id: int) -> str:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return str(model._meta.verbose_name) if model else ""


def _completed_subquery(learner):
    return Exists(StepCompletion.objects.filter(step_id=OuterRef("pk"), learner_id=learner.pk))


def _course_structure(course_path: str) -> list[dict]:
    """The published course row, modules and steps as plain values, in tree order.

    The same for every learner and changed only by publishing, so it is kept in the
    shared cache under the content generation (elearning.page_cache): one query on a
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
    step_ids = [row["pk"] for row in rows if row["step_required"] is not None]
    done: set[int] = set()
    enrolment = None
    if learner is not None and learner.is_authenticated:
        done = set(
            StepCompletion.objects.filter(learner_id=learner.pk, step_id__in=step_ids).values_list(
                "step_id", flat=True
            )
        )
        found = Enrolment.objects.filter(learner_id=learner.pk, course_id=course.pk).values_list(
            "completed_at", flat=True
        )[:1]
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
                    done=row["pk"] in done,
                    preview=bool(row["step_preview"]),
                    number=number,
                )
            )
    if with_notes and enrolment is not None:
        notes = step_note_providers.collect(learner, step_ids)
        for step in (s for m in modules for s in m.steps if s.pk in notes):
            step.note = notes[step.pk].text
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


def _counts_subquery(depth_offset: int):
    return Coalesce(
        Subquery(
            Page.objects.live()
            .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + depth_offset)
            .order_by()
            .values("depth")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def course_catalogue(
    *,
    index: CourseIndexPage | None = None,
    audience: str | None = None,
    featured: bool = False,
    limit: int | None = None,
):
    """Published courses with module and lesson counts and audiences: two queries."""
    courses = CoursePage.objects.live()
    if index is not None:
        courses = courses.child_of(index)
    if audience:
        courses = courses.filter(audiences__code=audience)
    if featured:
        courses = courses.filter(featured=True)
    return list(
        courses.annotate(module_count=_counts_subquery(1), step_count=_counts_subquery(2))
        .prefetch_related("audiences")
        .order_by("path")[:limit]
    )


def featured_courses():
    """Featured courses for the home page, and the catalogue page to link to."""
    return {
        "courses": course_catalogue(featured=True, limit=6),
        "catalogue": CourseIndexPage.objects.live().first(),
    }


@dataclass
class DashboardEntry:
    """One enrolled course on "My learning"."""

    course: CoursePage
    enrolment: Enrolment
    required_total: int
    required_done: int
    next_step: Page | None
    next_url: str | None
    notes: list[StepNote] = field(default_factory=list)
    course_note: CourseNote | None = None

    percent = property(lambda self: _percent(self.required_done, self.required_total))

    @property
    def last_activity(self) -> datetime:
        return self.enrolment.last_activity_at


def learner_dashboard(*, learner, request=None) -> dict[str, list[DashboardEntry]]:
    """Enrolled courses with progress and next step, in three queries in all."""
    enrolments = list(
        Enrolment.objects.filter(learner=learner, course__live=True)
        .select_related("course")
        .order_by("-last_activity_at")
    )
    if not enrolments:
        return {"in_progress": [], "completed": []}
    paths = [e.course.path for e in enrolments]
    course_depth = enrolments[0].course.depth
    prefix_len = Page.steplen * course_depth
    steps = (
        StepPage.objects.live()
        .annotate(course_prefix=Substr("path", 1, prefix_len))
        .filter(course_prefix__in=paths)
        .annotate(done=_completed_subquery(learner))
    )
    totals = {
        row["course_prefix"]: row
        for row in steps.filter(required=True)
        .order_by()
        .values("course_prefix")
        .annotate(total=Count("pk"), done_count=Count("pk", filter=Q(done=True)))
    }
    next_steps: dict[str, Page] = {}
    for page in (
        steps.filter(done=False).only("pk", "path", "url_path", "title", "depth").order_by("path")
    ):
        next_steps.setdefault(page.course_prefix, page)
    notes_by_course: dict[str, list[StepNote]] = {}
    for note in step_note_providers.collect(learner, None).values():
        notes_by_course.setdefault(note.path[:prefix_len], []).append(note)
    completed_notes = (
        course_note_providers.collect(learner) if any(e.completed_at for e in enrolments) else {}
    )
    entries = {"in_progress": [], "completed": []}
    for enrolment in enrolments:
        path = enrolment.course.path
        row = totals.get(path, {"total": 0, "done_count": 0})
        nxt = next_steps.get(path)
        entry = DashboardEntry(
            course=enrolment.course,
            enrolment=enrolment,
            required_total=row["total"],
            required_done=row["done_count"],
            next_step=nxt,
            next_url=nxt.get_url(request) if nxt else None,
            notes=sorted(notes_by_course.get(path, []), key=lambda n: n.path),
            course_note=completed_notes.get(enrolment.course_id),
        )
        key = "completed" if enrolment.completed_at else "in_progress"
        entries[key].append(entry)
    return entries


def course_required_progress(*, learner, course: CoursePage) -> tuple[int, int]:
    """(required steps, required steps completed) for one learner: one query."""
    result = (
        StepPage.objects.live()
        .filter(path__startswith=course.path, required=True)
        .aggregate(
            total=Count("pk"),
            done=Count("pk", filter=_completed_subquery(learner)),
        )
    )
    return result["total"], result["done"]


@dataclass
class CitingCourse:
    """A live course and those of its live steps that cite something."""

    title: str
    url: str
    steps: list[tuple[str, str]]  # (title, url)


def courses_citing(*, page_ids, request=None) -> list[CitingCourse]:
    """Public: the live, public steps among ``page_ids``, grouped under their courses.

    Other apps (the e-library) pass the pages that reference one of their objects;
    three queries (steps, view restrictions, courses) however many pages cite it.
    """
    steps = list(
        StepPage.objects.live()
        .public()
        .filter(pk__in=list(page_ids))
        .order_by("path")
        .only("id", "title", "path", "depth", "url_path")
    )
    if not steps:
        return []
    # A step is public only if its course is: no second view-restriction check.
    courses = (
        CoursePage.objects.live().filter(path__in={s.course_path for s in steps}).order_by("title")
    )
    found = []
    for course in courses.only("id", "title", "path", "url_path"):
        cited = [
            (s.title, s.get_url(request=request)) for s in steps if s.path.startswith(course.path)
        ]
        found.append(CitingCourse(course.title, course.get_url(request=request), cited))
    return found
