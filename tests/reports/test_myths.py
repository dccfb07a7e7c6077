"""Which myths persist: the statements learners get wrong first, before and after."""

import pytest

from quizzes.services import attempt_start, attempt_submit
from tests.factories import make_quiz, myth, right_answers, wrong_answers
from tests.reports.test_course_overview import table

URL = "/admin/training-reports/myths/"
STATEMENTS = [
    myth("Only women are trafficked."),
    myth("Most victims cross borders legally.", "reality"),
]


def take(learner, quiz, *, right: bool):
    attempt = attempt_start(learner=learner, quiz=quiz)
    answers = right_answers(attempt) if right else wrong_answers(attempt)
    attempt_submit(learner=learner, attempt_id=attempt.pk, answers=answers)


@pytest.fixture
def pair(cohort):
    ours = cohort["ours"]
    pre = make_quiz(ours, questions=STATEMENTS, role="pre_test", pass_mark=0, title="Pre-test")
    post = make_quiz(ours, questions=STATEMENTS, role="post_test", pass_mark=0, title="Post-test")
    learners = [e.learner for e in ours.enrolments.order_by("pk")]
    # Before the course six of eight get it wrong; after, two.
    for i, learner in enumerate(learners):
        take(learner, pre, right=i >= 6)
        take(learner, post, right=i >= 2)
    return pre, post


def test_the_myths_before_and_after_the_course(client, cohort, pair):
    pre, post = pair
    client.force_login(cohort["trainer"])
    assert "Choose a quiz" in client.get(URL).content.decode()
    rows = table(client.get(URL, {"quiz": pre.pk}))
    assert rows[0][:4] == [
        "Question or statement",
        "Right answer",
        "Learners who answered",
        "Right at first attempt (%)",
    ]
    first = rows[1]
    assert first[0] == "Only women are trafficked." and first[1] == "Myth"
    assert first[2:4] == ["8", "25"]
    assert first[4] == "Myth: 2 · Reality: 6"
    assert first[5:] == ["25", "75"]  # right before, right after
    after = table(client.get(URL, {"quiz": post.pk}))
    assert after[1][0] == "Only women are trafficked." and after[1][5:] == ["25", "75"]
    # A quiz of another trainer's course is refused, not shown.
    theirs = make_quiz(cohort["theirs"], questions=STATEMENTS)
    assert client.get(URL, {"quiz": theirs.pk}).status_code == 400


def test_a_narrowed_question_of_few_learners_shows_no_figures(client, cohort, pair):
    pre, _post = pair
    client.force_login(cohort["trainer"])
    men = table(client.get(URL, {"quiz": pre.pk, "gender": "male"}))[1]
    assert men[2:] == ["—"] * 5
