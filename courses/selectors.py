"""Reads for the catalogue, the dashboard and course progress, in fixed query counts.

Steps are found by tree path, not by walking pages one by one: every page under a
course has a path that starts with the course's path, so a progress figure or a
"next lesson" for any number of courses is one query each. Outlines and a step's
position are in ``outline.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Substr
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from library.extensions import CitingCourse

from .extensions import CourseNote, StepNote, course_note_providers, step_note_providers
from .models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    GroupMembership,
    LessonPage,
    StepCompletion,
    StepPage,
)
from .outline import completed_exists, percent
from .translations import in_reader_language, languages_available


def _counts_subquery(depth_offset: int, pages=Page.objects):
    """How many live ``pages`` are ``depth_offset`` levels below the course in the outer
    query (1: modules, 2: steps)."""
    return Coalesce(
        Subquery(
            pages.live()
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
    home: Page | None = None,
    audience: str | None = None,
    featured: bool = False,
    limit: int | None = None,
):
    """Published courses with their counts of modules, lessons and quizzes, audiences and
    the languages each is written in: three queries.

    Steps are lessons or quizzes: the quizzes are counted as the steps that are not
    lessons, so that courses need not know the quizzes app.
    """
    courses = CoursePage.objects.live()
    if index is not None:
        courses = courses.child_of(index)
    if home is not None:
        courses = courses.descendant_of(home)
    if audience:
        courses = courses.filter(audiences__code=audience)
    if featured:
        courses = courses.filter(featured=True)
    found = list(
        courses.annotate(
            module_count=_counts_subquery(1),
            lesson_count=_counts_subquery(2, LessonPage.objects),
            quiz_count=_counts_subquery(2, StepPage.objects.filter(lessonpage__isnull=True)),
        )
        .prefetch_related("audiences")
        .order_by("path")[:limit]
    )
    languages = languages_available(course.translation_key for course in found) if found else {}
    for course in found:
        course.languages = languages.get(course.translation_key, [])
    return found


def featured_courses(*, home: Page):
    """Featured courses under ``home`` (one language's tree), and its catalogue page."""
    return {
        "courses": course_catalogue(home=home, featured=True, limit=6),
        "catalogue": CourseIndexPage.objects.live().child_of(home).first(),
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

    percent = property(lambda self: percent(self.required_done, self.required_total))

    @property
    def last_activity(self) -> datetime:
        return self.enrolment.last_activity_at


def learner_dashboard(*, learner, request=None) -> dict[str, list[DashboardEntry]]:
    """Enrolled courses with progress and next step, in four queries in all.

    Enrolments are in a course's source version; each course is shown in the reader's
    language where it exists there, with its steps and progress from that tree.
    """
    enrolments = list(
        Enrolment.objects.filter(learner=learner, course__live=True)
        .select_related("course")
        .order_by("-last_activity_at")
    )
    if not enrolments:
        return {"in_progress": [], "completed": []}
    localized = {
        course.translation_key: course
        for course in in_reader_language(CoursePage.objects.live()).filter(
            translation_key__in=[e.course.translation_key for e in enrolments]
        )
    }
    shown = {e.pk: localized.get(e.course.translation_key, e.course) for e in enrolments}
    paths = [course.path for course in shown.values()]
    course_depth = enrolments[0].course.depth
    prefix_len = Page.steplen * course_depth
    steps = (
        StepPage.objects.live()
        .annotate(course_prefix=Substr("path", 1, prefix_len))
        .filter(course_prefix__in=paths)
        .annotate(done=completed_exists(learner))
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
        course = shown[enrolment.pk]
        row = totals.get(course.path, {"total": 0, "done_count": 0})
        nxt = next_steps.get(course.path)
        # Quiz notes come from attempts, recorded in the source version's tree.
        notes = notes_by_course.get(enrolment.course.path, [])
        entry = DashboardEntry(
            course=course,
            enrolment=enrolment,
            required_total=row["total"],
            required_done=row["done_count"],
            next_step=nxt,
            next_url=nxt.get_url(request) if nxt else None,
            notes=sorted(notes, key=lambda n: n.path),
            course_note=completed_notes.get(course.translation_key),
        )
        key = "completed" if enrolment.completed_at else "in_progress"
        entries[key].append(entry)
    return entries


def course_required_progress(*, learner, course: CoursePage) -> tuple[int, int]:
    """(required steps, required steps completed) for one learner: one query.

    ``course`` is the source version (as the services pass it), where completions are.
    """
    result = (
        StepPage.objects.live()
        .filter(path__startswith=course.path, required=True)
        .aggregate(
            total=Count("pk"),
            done=Count("pk", filter=completed_exists(learner, source_tree=True)),
        )
    )
    return result["total"], result["done"]


def courses_citing(*, page_ids, request=None) -> list[CitingCourse]:
    """The live, public steps among ``page_ids``, grouped under their courses.

    Registered with the e-library (``library.extensions.citing_courses``), which passes
    the pages that reference one of its resources;
    three queries (steps, view restrictions, courses) however many pages cite it.
    """
    steps = list(
        in_reader_language(StepPage.objects.live().public())
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
        cited = tuple(
            (s.title, s.get_url(request=request)) for s in steps if s.path.startswith(course.path)
        )
        found.append(CitingCourse(course.title, course.get_url(request=request), cited))
    return found


def courses_personal_data(learner) -> dict:
    """What courses hold about ``learner``, for their data download (registered with
    ``accounts.extensions.personal_data_providers``): enrolments, completed steps and
    training groups. Three queries."""
    enrolments = list(
        Enrolment.objects.filter(learner=learner)
        .order_by("enrolled_at", "pk")
        .values("course__title", "course__path", "enrolled_at", "last_activity_at", "completed_at")
    )
    # Enrolments and completions are both in the courses' source versions.
    titles = {e["course__path"]: e["course__title"] for e in enrolments}

    def course_of(path: str) -> str:
        return next((title for prefix, title in titles.items() if path.startswith(prefix)), "")

    steps = StepCompletion.objects.filter(learner=learner).order_by("completed_at", "pk")
    groups = GroupMembership.objects.filter(learner=learner).order_by("joined_at", "pk")
    return {
        "enrolments": [
            {
                "course": e["course__title"],
                "enrolled_at": e["enrolled_at"],
                "last_activity_at": e["last_activity_at"],
                "completed_at": e["completed_at"],
            }
            for e in enrolments
        ],
        "completed_steps": [
            {"course": course_of(path), "step": title, "completed_at": completed_at}
            for title, path, completed_at in steps.values_list(
                "step__title", "step__path", "completed_at"
            )
        ],
        "training_groups": [
            {
                "group": name,
                "course": course,
                "place": place,
                "country": country,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "joined_at": joined_at,
            }
            for name, course, place, country, starts_on, ends_on, joined_at in groups.values_list(
                "group__name",
                "group__course__title",
                "group__place",
                "group__country",
                "group__starts_on",
                "group__ends_on",
                "joined_at",
            )
        ],
    }


def courses_managed_by(user):
    """The courses (source versions) ``user`` may publish, through Wagtail's page
    permissions: a course's trainers (its team) theirs, administrators every one. What a
    trainer may see of groups and reports follows from this one answer."""
    courses = CoursePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    if not user.is_authenticated or not user.is_active:
        return courses.none()
    if user.is_superuser:
        return courses
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, {"publish"})
    return courses.filter(pk__in=pages.values("pk"))
