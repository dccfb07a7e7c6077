import pytest
from django.db import IntegrityError, transaction

from courses.models import Enrolment, StepCompletion
from courses.services import step_complete
from quizzes.models import Attempt, AttemptAnswer, KnowledgeGain
from quizzes.scoring import AnswerError
from quizzes.selectors import question_statistics
from quizzes.services import AttemptsExhausted, NotEnrolled, attempt_start, attempt_submit
from tests.factories import make_quiz, make_user, right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def test_starting_requires_enrolment(learner, quiz):
    with pytest.raises(NotEnrolled):
        attempt_start(learner=learner, quiz=quiz)
    assert not Attempt.objects.exists()


def test_double_start_returns_the_open_attempt(learner, enrolled, quiz):
    first = attempt_start(learner=learner, quiz=quiz)
    assert attempt_start(learner=learner, quiz=quiz).pk == first.pk
    assert first.number == 1


def test_attempt_numbers_are_unique_in_the_database(learner, enrolled, quiz):
    attempt = attempt_start(learner=learner, quiz=quiz)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(learner=learner, quiz=quiz, number=1, seed=1, items=[], pass_mark=70)
    assert attempt.number == 1


def test_double_submission_is_recorded_once(learner, enrolled, quiz):
    attempt = attempt_start(learner=learner, quiz=quiz)
    answers = right_answers(attempt)
    attempt_submit(learner=learner, attempt_id=attempt.pk, answers=answers)
    again = attempt_submit(learner=learner, attempt_id=attempt.pk, answers=wrong_answers(attempt))
    assert again.percent == 100.0
    assert AttemptAnswer.objects.filter(attempt=attempt).count() == 5  # 1+1+1+2 options


def test_bad_answers_write_nothing(learner, enrolled, quiz):
    attempt = attempt_start(learner=learner, quiz=quiz)
    with pytest.raises(AnswerError):
        attempt_submit(learner=learner, attempt_id=attempt.pk, answers={})
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    assert not AttemptAnswer.objects.exists()


def test_another_learners_attempt_is_not_found(learner, enrolled, quiz):
    attempt = attempt_start(learner=learner, quiz=quiz)
    with pytest.raises(Attempt.DoesNotExist):
        attempt_submit(learner=make_user(), attempt_id=attempt.pk, answers=right_answers(attempt))


def test_attempts_run_out(learner, enrolled, quiz):
    for _ in range(2):
        attempt = attempt_start(learner=learner, quiz=quiz)
        attempt_submit(learner=learner, attempt_id=attempt.pk, answers=wrong_answers(attempt))
    with pytest.raises(AttemptsExhausted):
        attempt_start(learner=learner, quiz=quiz)
    assert Attempt.objects.count() == 2


def test_required_quiz_must_be_passed_to_complete_the_course(learner, enrolled, lessons, quiz):
    for lesson in lessons:
        step_complete(learner=learner, step=lesson)
    enrolled.refresh_from_db()
    assert enrolled.completed_at is None  # lessons done, quiz not passed
    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt_submit(learner=learner, attempt_id=attempt.pk, answers=wrong_answers(attempt))
    enrolled.refresh_from_db()
    assert enrolled.completed_at is None
    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt_submit(learner=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    assert StepCompletion.objects.filter(learner=learner, step=quiz).exists()
    enrolled.refresh_from_db()
    assert enrolled.completed_at is not None


def test_practice_quiz_does_not_block_completion(learner, enrolled, lessons, course):
    make_quiz(course, role="practice")
    for lesson in lessons:
        step_complete(learner=learner, step=lesson)
    assert Enrolment.objects.get(pk=enrolled.pk).completed_at is not None


def test_editing_a_quiz_does_not_change_past_scores(learner, enrolled, quiz):
    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt = attempt_submit(learner=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    quiz.pass_mark = 100
    quiz.questions = "[]"
    quiz.save_revision().publish()
    attempt.refresh_from_db()
    assert (attempt.percent, attempt.passed, attempt.pass_mark) == (100.0, True, 75)
    assert len(attempt.items) == 4


def test_question_ids_survive_edits(learner, enrolled, quiz):
    before = [child.id for child in quiz.questions]
    quiz.title = "Renamed"
    quiz.save_revision().publish()
    quiz.refresh_from_db()
    assert [child.id for child in quiz.questions] == before
    assert all(before)


def test_knowledge_gain_is_post_minus_pre(learner, enrolled, course):
    pre = make_quiz(course, role="pre_test", pass_mark=0, attempts_allowed=1)
    post = make_quiz(course, role="post_test", pass_mark=0, attempts_allowed=1)
    attempt = attempt_start(learner=learner, quiz=pre)
    answers = wrong_answers(attempt)
    answers[attempt.items[0]["id"]] = right_answers(attempt)[attempt.items[0]["id"]]
    attempt_submit(learner=learner, attempt_id=attempt.pk, answers=answers)  # 25%
    attempt = attempt_start(learner=learner, quiz=post)
    attempt_submit(learner=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    gain = KnowledgeGain.objects.get(learner=learner, course=course)
    assert (gain.pre_percent, gain.post_percent, gain.gain) == (25.0, 100.0, 75.0)


def test_question_statistics_first_and_all_attempts(
    learner, enrolled, quiz, course, django_assert_num_queries
):
    from courses.services import enrolment_create

    other = make_user()
    enrolment_create(learner=other, course=course)
    for person, sequence in ((learner, [wrong_answers, right_answers]), (other, [right_answers])):
        for answers in sequence:
            attempt = attempt_start(learner=person, quiz=quiz)
            attempt_submit(learner=person, attempt_id=attempt.pk, answers=answers(attempt))
    first_item = attempt.items[0]
    with django_assert_num_queries(2):
        stats = question_statistics(quiz=quiz)
    entry = stats[first_item["id"]]
    assert entry["attempts"] == 3 and entry["first_attempts"] == 2
    assert sum(entry["all"].values()) == 3
    assert sum(entry["first"].values()) == 2


def test_a_passing_submission_writes_in_few_statements_and_no_savepoint(learner, enrolled, quiz):
    """While the write transaction is open (SQLite's lock held), a passing submission
    claims the attempt, stores the answers, touches the enrolment, records the step and
    counts the learner's progress: nothing more, and no savepoint of its own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    attempt = attempt_start(learner=learner, quiz=quiz)
    with CaptureQueriesContext(connection) as captured:
        attempt_submit(learner=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    statements = [q["sql"].split()[0].upper() for q in captured.captured_queries]
    assert StepCompletion.objects.filter(learner=learner, step=quiz).exists()
    # Read and score first (the attempt, its course); then, in the transaction (a
    # savepoint here, as the test runs in a transaction of its own), five statements.
    assert statements[:3] == ["SELECT", "SELECT", "SAVEPOINT"]
    assert statements[3:] == ["UPDATE", "INSERT", "UPDATE", "INSERT", "SELECT", "RELEASE"]
