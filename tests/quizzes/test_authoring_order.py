"""A trainer writes a question in the order they think of it, and sees whether a quiz
counts toward completion."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Workflow

from courses.services import course_team_add
from quizzes.blocks import MultipleChoiceBlock, MythRealityBlock, SingleChoiceBlock
from quizzes.models import QuizRole
from tests.factories import make_course, make_quiz


def test_question_first_then_answer_then_explanation_and_source():
    assert list(MythRealityBlock().child_blocks) == ["statement", "answer", "explanation", "source"]
    for block in (SingleChoiceBlock(), MultipleChoiceBlock()):
        assert list(block.child_blocks) == ["prompt", "options", "explanation", "source"]


@pytest.mark.django_db
def test_the_admin_says_whether_a_quiz_counts(client, trainer):
    course = make_course()
    course_team_add(course=course, trainer=trainer)
    practice = make_quiz(course, role=QuizRole.PRACTICE, title="Warm-up")
    required = make_quiz(course, role=QuizRole.REQUIRED, title="Final")
    client.force_login(trainer)
    editor = client.get(f"/admin/pages/{practice.pk}/edit/").content.decode()
    assert "Warm-up (does not count toward completion)" in editor
    assert "counts toward completion and the certificate" in editor  # the Role help
    listing = client.get(f"/admin/pages/{required.get_parent().pk}/").content.decode()
    assert "Final (counts toward completion)" in listing


@pytest.mark.django_db
def test_only_our_roles_and_no_moderation_workflow():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Trainers", "Administrators"} <= names
    assert not names & {"Editors", "Moderators"}
    assert not Workflow.objects.exists()
