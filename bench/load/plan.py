"""Run by bench/load.py in ``manage.py shell``: each English course's steps, in order.

Prints JSON: for every live course, its id, address and its lessons and quizzes
(kind, id, address) in the order a learner meets them.
"""

import json

from wagtail.models import Locale

from courses.models import CoursePage, LessonPage
from quizzes.models import QuizPage

english = Locale.objects.get(language_code="en")
courses = []
for course in CoursePage.objects.live().filter(locale=english).order_by("path"):
    steps = sorted(
        (page.path, {"kind": kind, "id": page.pk, "url": page.url})
        for kind, model in (("lesson", LessonPage), ("quiz", QuizPage))
        for page in model.objects.live().descendant_of(course)
    )
    courses.append({"id": course.pk, "url": course.url, "steps": [s for _, s in steps]})
print(json.dumps({"courses": courses}))
