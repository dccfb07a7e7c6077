"""Let apps above the library say where its resources are cited, without the library
importing them.

The courses app registers a finder from its ``AppConfig.ready`` (the same shape as
``courses/extensions.py``); a resource's page asks every finder once.
"""

from dataclasses import dataclass

from core.registry import Registry


@dataclass(frozen=True)
class CitingCourse:
    """A live course and those of its live steps that cite a resource."""

    title: str
    url: str
    steps: tuple[tuple[str, str], ...]  # (title, url)


class CitationFinders(Registry):
    """Finder functions ``finder(*, page_ids, request) -> [CitingCourse]``, in order."""

    def find(self, *, page_ids, request=None) -> list[CitingCourse]:
        found = []
        for finder in self:
            found.extend(finder(page_ids=page_ids, request=request))
        return found


# The courses citing any of the pages that reference a resource.
citing_courses = CitationFinders()
