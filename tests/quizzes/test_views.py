import re

import pytest
from django.urls import reverse

from quizzes.models import Attempt, AttemptAnswer
from quizzes.services import attempt_start, attempt_submit
from tests.factories import make_quiz, make_user, right_answers

pytestmark = pytest.mark.django_db


def post_answers(answers):
    return {f"q-{item_id}": sorted(chosen) for item_id, chosen in answers.items()}


def test_take_a_quiz_in_the_browser_flow(learner_client, learner, enrolled, quiz):
    page = learner_client.get(quiz.url).content.decode()
    assert "Pass mark: 75%" in page and "partial credit" in page
    response = learner_client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    assert response["Location"] == reverse("quizzes:attempt", args=[attempt.pk])
    form = learner_client.get(response["Location"]).content.decode()
    assert form.count('type="radio"') == 2 + 2 + 2 and form.count('type="checkbox"') == 3
    response = learner_client.post(
        reverse("quizzes:submit", args=[attempt.pk]), post_answers(right_answers(attempt))
    )
    result = learner_client.get(response["Location"]).content.decode()
    assert "Attempt 1: 100%" in result and "Passed" in result
    assert "Explanation of: Only women are trafficked." in result
    assert "Seed 001, L251-255" in result
    course_page = learner_client.get(enrolled.course.url).content.decode()
    assert "best 100%, passed" in course_page
    dashboard = learner_client.get(reverse("courses:dashboard")).content.decode()
    assert "best 100%, passed" in dashboard


def test_answer_key_never_reaches_the_browser_before_submission(
    learner_client, learner, enrolled, quiz
):
    attempt = attempt_start(learner=learner, quiz=quiz)
    pages = (
        learner_client.get(quiz.url).content.decode()
        + learner_client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    )
    assert "Explanation of" not in pages
    assert "Feedback on" not in pages
    assert "Seed 000" not in pages and "Seed 001" not in pages
    assert not re.search(r"correct|data-answer", pages, re.I)


def test_missing_answers_re_show_the_form_with_a_message(learner_client, learner, enrolled, quiz):
    attempt = attempt_start(learner=learner, quiz=quiz)
    answers = right_answers(attempt)
    answers.pop(attempt.items[-1]["id"])
    response = learner_client.post(
        reverse("quizzes:submit", args=[attempt.pk]), post_answers(answers)
    )
    assert response.status_code == 400
    assert "Answer every question" in response.content.decode()
    assert "checked" in response.content.decode()  # what they chose is kept
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and not AttemptAnswer.objects.exists()


@pytest.mark.parametrize("bad", ["question", "option"])
def test_unknown_ids_are_400(learner_client, learner, enrolled, quiz, bad):
    attempt = attempt_start(learner=learner, quiz=quiz)
    data = post_answers(right_answers(attempt))
    if bad == "question":
        data["q-not-a-question"] = ["myth"]
    else:
        data[f"q-{attempt.items[2]['id']}"] = ["not-an-option"]
    response = learner_client.post(reverse("quizzes:submit", args=[attempt.pk]), data)
    assert response.status_code == 400
    assert not AttemptAnswer.objects.exists()


def test_huge_body_is_413(learner_client, learner, enrolled, quiz):
    attempt = attempt_start(learner=learner, quiz=quiz)
    response = learner_client.post(
        reverse("quizzes:submit", args=[attempt.pk]), {"q-x": "y" * 100_000}
    )
    assert response.status_code == 413
    assert not AttemptAnswer.objects.exists()


def test_other_learners_attempt_is_404(client, learner, enrolled, quiz):
    attempt = attempt_start(learner=learner, quiz=quiz)
    client.force_login(make_user())
    assert client.get(reverse("quizzes:attempt", args=[attempt.pk])).status_code == 404
    response = client.post(
        reverse("quizzes:submit", args=[attempt.pk]), post_answers(right_answers(attempt))
    )
    assert response.status_code == 404
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_no_attempts_left_is_409(learner_client, learner, enrolled, course):
    quiz = make_quiz(course, attempts_allowed=1)
    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt_submit(learner=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    response = learner_client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 409
    assert Attempt.objects.count() == 1


def test_start_requires_enrolment_and_post(learner_client, quiz):
    assert learner_client.get(reverse("quizzes:start", args=[quiz.pk])).status_code == 405
    response = learner_client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 403
    assert not Attempt.objects.exists()


def test_feedback_once_passed_hides_answers_after_a_failed_attempt(
    learner_client, learner, enrolled, course
):
    from tests.factories import wrong_answers

    quiz = make_quiz(course, feedback_mode="once_passed")
    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt_submit(learner=learner, attempt_id=attempt.pk, answers=wrong_answers(attempt))
    html = learner_client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert "Not passed" in html
    assert "Explanation of" not in html
    assert "shown once you have passed" in html


def test_quiz_pages_query_counts(
    learner_client, learner, enrolled, quiz, django_assert_num_queries
):
    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt_url = reverse("quizzes:attempt", args=[attempt.pk])
    for url, expected in ((quiz.url, 8), (attempt_url, 2)):
        learner_client.get(url)
        with django_assert_num_queries(expected):
            assert learner_client.get(url).status_code == 200
    attempt_submit(learner=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    learner_client.get(attempt_url)
    with django_assert_num_queries(4):
        assert learner_client.get(attempt_url).status_code == 200


def test_a_quiz_cannot_be_marked_complete_like_a_lesson(learner_client, learner, enrolled, quiz):
    """A required quiz is completed by passing it, never through the lessons' endpoint."""
    from courses.models import StepCompletion

    response = learner_client.post(reverse("courses:complete_step", args=[quiz.pk]))
    assert response.status_code == 404
    assert not StepCompletion.objects.filter(learner=learner, step=quiz).exists()
    enrolled.refresh_from_db()
    assert enrolled.completed_at is None


def test_myth_or_reality_is_named_in_the_readers_language(monkeypatch):
    """The snapshot stores the labels untranslated; they are translated when shown."""
    from django.utils import translation

    from quizzes import snapshot
    from quizzes.blocks import MYTH

    item = {"id": "q", "kind": snapshot.MYTH_REALITY, "options": [{"id": MYTH, "text": "Myth"}]}
    monkeypatch.setattr(snapshot, "_", lambda text: f"[{translation.get_language()}] {text}")
    with translation.override("ru"):
        assert snapshot.localise([item])[0]["options"][0]["text"] == "[ru] Myth"
    assert item["options"][0]["text"] == "Myth"  # the stored snapshot is untouched


def test_the_attempt_page_is_for_reading_only(learner_client, learner, enrolled, quiz):
    attempt = attempt_start(learner=learner, quiz=quiz)
    response = learner_client.post(reverse("quizzes:attempt", args=[attempt.pk]))
    assert response.status_code == 405 and response["Allow"] == "GET"
    assert "does not accept this kind of request" in response.content.decode()


def test_the_result_leads_on_to_the_next_lesson_of_the_next_module(
    learner_client, learner, enrolled, course, lessons
):
    from tests.factories import wrong_answers

    quiz = make_quiz(course, module=1, title="Module check")  # ends module 1
    for answers in (wrong_answers, right_answers):  # failed or passed, the way on is shown
        attempt = attempt_start(learner=learner, quiz=quiz)
        attempt_submit(learner=learner, attempt_id=attempt.pk, answers=answers(attempt))
        html = learner_client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
        next_lesson = lessons[2]  # Lesson 2.1, the first of module 2
        assert (
            f'<a class="pager-next" rel="next" href="{next_lesson.url}"><span>Next</span> '
            f"{next_lesson.title}</a>" in html
        )
        assert f'href="{course.url}"><span>Back to the course</span> {course.title}</a>' in html
        assert f'href="{quiz.url}">Back to the quiz</a>' in html


def test_the_result_of_the_last_step_leads_back_to_the_course(
    learner_client, learner, enrolled, quiz
):
    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt_submit(learner=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    html = learner_client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert "<span>Back to the course</span>" in html
    assert 'rel="next"' not in html


def test_a_wrong_answer_is_marked_in_words_not_only_in_colour(
    learner_client, learner, enrolled, quiz
):
    from tests.factories import wrong_answers

    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt_submit(learner=learner, attempt_id=attempt.pk, answers=wrong_answers(attempt))
    html = learner_client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert html.count("✗ wrong answer") == len(attempt.items)
    assert "✓ right answer" in html
