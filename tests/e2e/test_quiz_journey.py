"""A learner takes a quiz with the keyboard only, on a phone-sized screen."""

import re

import pytest
from playwright.sync_api import expect

from courses.services import enrolment_create
from tests.factories import choice, make_course, make_quiz, make_user, myth

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(page, live_server, email):
    page.goto(live_server.url + "/en/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", name="My learning")).to_be_visible()


def test_keyboard_only_quiz_attempt_shows_score_and_explanations(live_server, page):
    course = make_course(title="Myths course", modules=1, lessons=1)
    quiz = make_quiz(
        course,
        title="Myth or reality?",
        role="required",
        pass_mark=100,
        questions=[
            myth("Only women are trafficked.", "myth"),
            choice("What do you do?", [("Report it", True), ("Raid the bar", False)]),
        ],
    )
    learner = make_user(email="keyboard@example.org")
    enrolment_create(learner=learner, course=course)
    log_in(page, live_server, "keyboard@example.org")
    page.goto(live_server.url + quiz.url)
    expect(page.get_by_text("Pass mark: 100%.")).to_be_visible()
    start = page.get_by_role("button", name="Start the quiz")
    start.focus()
    page.keyboard.press("Enter")

    # Keyboard only: focus the first radio of each group and choose with the arrows.
    page.get_by_label("Myth", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_label("Raid the bar").focus()
    page.keyboard.press("ArrowUp")  # moves the choice to "Report it"
    expect(page.get_by_label("Report it")).to_be_checked()
    page.get_by_role("button", name="Submit answers").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name=re.compile("Attempt 1: 100%"))).to_be_visible()
    expect(page.get_by_text("Explanation of: Only women are trafficked.")).to_be_visible()
    page.goto(live_server.url + course.url)
    expect(page.get_by_text("best 100%, passed")).to_be_visible()
