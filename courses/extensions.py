"""Let other apps add notes to course pages without courses importing them.

Quizzes note a step's best score, certificates note whether a course's certificate is
ready. An app registers a provider function from its ``AppConfig.ready``; pages
collect every provider's notes once, so each provider costs one query at most.
"""

from dataclasses import dataclass

from core.registry import Registry


@dataclass(frozen=True)
class StepNote:
    """A short status of one step for one learner, e.g. "best 80%, passed"."""

    text: str
    title: str
    path: str


@dataclass(frozen=True)
class CourseNote:
    """A short status of a whole course for one learner, with an optional link."""

    text: str
    url: str = ""
    link_text: str = ""


class NoteProviders(Registry):
    """Provider functions ``provider(learner, *args) -> {id: note}``, merged per learner."""

    def collect(self, learner, *args) -> dict:
        notes = {}
        if learner is None or not learner.is_authenticated:
            return notes
        for provider in self:
            notes.update(provider(learner, *args))
        return notes


# Notes are keyed by translation key, the same for a page in every language.
# provider(learner, step keys or None for all) -> {step translation key: StepNote}
step_note_providers = NoteProviders()
# provider(learner) -> {course translation key: CourseNote}
course_note_providers = NoteProviders()
