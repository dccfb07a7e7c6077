"""Two courses, one of them the trainer's, with learners enrolled in both."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from courses.models import Enrolment, GroupMembership, StepCompletion, TrainingGroup
from tests.factories import lessons_of, make_course, make_trainer, make_user


def enrol(course, *, completed=False, days_ago=10, group=None, **profile):
    learner = make_user(**profile)
    now = timezone.now()
    Enrolment.objects.create(
        learner=learner,
        course=course,
        enrolled_at=now - timedelta(days=days_ago),
        last_activity_at=now - timedelta(days=days_ago // 2),
        completed_at=now - timedelta(days=days_ago // 2) if completed else None,
        # A completed learner has done at least the first lesson (below), as the
        # service records it: the first step done starts the enrolment.
        started_at=now - timedelta(days=days_ago) if completed else None,
    )
    if completed:
        StepCompletion.objects.create(learner=learner, step=lessons_of(course)[0])
    if group is not None:
        GroupMembership.objects.create(group=group, learner=learner)
    return learner


def ask_export(client, url, file_format="csv", query=None, **kwargs):
    """Ask for an export as a report's Download buttons do: a POST of ``export`` to the
    report's address, the filters in its query string."""
    address = f"{url}?{urlencode(query, doseq=True)}" if query else url
    return client.post(address, {"export": file_format}, **kwargs)


@pytest.fixture
def cohort(db):
    ours, theirs = make_course(title="Our course"), make_course(title="Their course")
    group = TrainingGroup.objects.create(course=ours, name="Almaty cohort", country="kz")
    other_group = TrainingGroup.objects.create(course=theirs, name="Bishkek cohort")
    # Our course: 8 learners, 6 women (4 completed) and 2 men (1 completed).
    for i in range(6):
        enrol(ours, completed=i < 4, days_ago=20 + i, group=group, gender="female", country="kz")
    enrol(ours, completed=True, days_ago=40, gender="male", country="kg")
    enrol(ours, days_ago=60, gender="male", country="kg")
    enrol(theirs, completed=True, gender="female")
    trainer = make_trainer(courses=[ours])
    return {
        "ours": ours,
        "theirs": theirs,
        "group": group,
        "other_group": other_group,
        "trainer": trainer,
    }
