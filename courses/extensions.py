"""Let other apps add a note to steps (e.g. a quiz's best score) without courses importing them.

An app registers a function ``provider(learner, step_ids) -> {step_id: note}``; with
``step_ids=None`` it returns notes for every step the learner has one for. Course and
dashboard pages call ``step_notes`` once, so each provider costs one query at most.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class StepNote:
    """A short status of one step for one learner, e.g. "best 80%, passed"."""

    text: str
    title: str
    path: str


StepNoteProvider = Callable[[object, Iterable[int] | None], dict[int, StepNote]]
_providers: list[StepNoteProvider] = []


def register_step_note_provider(provider: StepNoteProvider) -> None:
    """Add a provider (call from an AppConfig.ready)."""
    if provider not in _providers:
        _providers.append(provider)


def step_notes(learner, step_ids: Iterable[int] | None = None) -> dict[int, StepNote]:
    """Merge the notes of every provider for ``learner``."""
    notes: dict[int, StepNote] = {}
    if learner is None or not learner.is_authenticated:
        return notes
    for provider in _providers:
        notes.update(provider(learner, step_ids))
    return notes


@dataclass(frozen=True)
class CourseNote:
    """A short status of a whole course for one learner, with an optional link."""

    text: str
    url: str = ""
    link_text: str = ""


CourseNoteProvider = Callable[[object], dict[int, CourseNote]]
_course_providers: list[CourseNoteProvider] = []


def register_course_note_provider(provider: CourseNoteProvider) -> None:
    """Add a provider of {course id: CourseNote} for a learner (call from AppConfig.ready)."""
    if provider not in _course_providers:
        _course_providers.append(provider)


def course_notes(learner) -> dict[int, CourseNote]:
    """Merge the course notes of every provider for ``learner``."""
    notes: dict[int, CourseNote] = {}
    if learner is None or not learner.is_authenticated:
        return notes
    for provider in _course_providers:
        notes.update(provider(learner))
    return notes
