"""A new learner signs up, enrols, reads, completes lessons and sees progress."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_course

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_sign_up_enrol_complete_and_see_progress(live_server, page):
    course = make_course(title="Identifying victims", modules=2, lessons=1)
    page.goto(live_server.url + "/en/courses/")
    page.get_by_role("link", name="Identifying victims").click()
    page.get_by_role("link", name="Sign up to enrol").click()

    page.get_by_label("Email address").fill("new.learner@example.org")
    page.get_by_label("Full name").fill("New Learner")
    page.get_by_label("Country").select_option("tj")
    page.get_by_label("Profession or audience").select_option("border_migration")
    page.get_by_label("Password", exact=True).fill("a-strong-passphrase-42")
    page.get_by_label("Password confirmation").fill("a-strong-passphrase-42")
    page.get_by_role("button", name="Sign up").click()

    # Back on the course after sign-up, enrol with the keyboard.
    expect(page).to_have_url(re.compile(re.escape(course.url) + "$"))
    enrol = page.get_by_role("button", name="Enrol")
    enrol.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("0% complete")).to_be_visible()

    page.get_by_role("link", name=re.compile("^Continue")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesson 1.1")
    page.get_by_role("button", name="Mark as complete").click()
    # Straight on to the first lesson of the next module.
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesson 2.1")
    expect(page.get_by_text("50% complete")).to_be_visible()
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.get_by_text("Course complete. Well done!")).to_be_visible()

    page.get_by_role("link", name="My learning").click()
    expect(page.get_by_text("Completed on")).to_be_visible()


def test_closed_lesson_sends_visitor_to_log_in(live_server, page):
    course = make_course(title="Closed course", modules=1, lessons=2)
    page.goto(live_server.url + course.url)
    page.get_by_role("link", name="Lesson 1.2").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
