"""A trainer and an administrator in the Wagtail admin, in a real browser: the first
screen leads to their work, a certificate code is found as printed, and no admin page
asks another host for anything."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from certificates.models import CertificateTemplate
from certificates.services import certificate_issue
from courses.services import enrolment_create
from home.groups import ADMINISTRATORS
from tests.factories import complete_lessons, make_course, make_trainer, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def admin_log_in(page, live_server, email):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your courses")).to_be_visible()


def other_hosts(page, live_server, addresses):
    """Every host other than the site's that the admin pages asked for something."""
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    for address in addresses:
        page.goto(live_server.url + address)
        page.wait_for_load_state("networkidle")
    ours = urlsplit(live_server.url).netloc
    return {
        urlsplit(url).netloc
        for url in asked
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != ours
    }


def test_a_trainer_goes_from_the_first_screen_to_a_report_and_a_new_course(live_server, page):
    course = make_course(title="Border checks 🛂")
    make_course(title="Someone else's course")
    trainer = make_trainer(email="trainer-e2e@example.org", courses=[course])
    learner = make_user()
    enrolment_create(learner=learner, course=course)
    assert trainer.pk

    admin_log_in(page, live_server, "trainer-e2e@example.org")
    panel = page.locator("#your-courses-section")
    expect(panel.get_by_role("link", name="Border checks 🛂")).to_be_visible()
    expect(panel.get_by_text("Someone else's course")).to_have_count(0)
    expect(page.get_by_text("Pages left unfinished")).to_be_visible()
    # Wagtail's count of pages and images is gone.
    expect(page.locator(".w-summary")).to_have_count(0)

    panel.get_by_role("link", name="Report").click()
    expect(page.get_by_role("heading", name=re.compile("Course overview"))).to_be_visible()
    expect(page.get_by_role("cell", name="Border checks 🛂")).to_be_visible()

    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Write a new course").click()
    expect(page.get_by_role("heading", name=re.compile("New:? .*course", re.I))).to_be_visible()


def test_an_administrator_finds_a_certificate_by_its_code_as_printed(live_server, page):
    course = make_course(title="Judges and trafficking")
    CertificateTemplate.objects.create(course=course, enabled=True)
    learner = make_user(full_name="Айгуль Нурланова")
    enrolment_create(learner=learner, course=course)
    complete_lessons(learner, course)
    certificate = certificate_issue(learner=learner, course=course)
    admin = make_user(email="admin-e2e@example.org", is_staff=True)
    admin.groups.add(Group.objects.get(name=ADMINISTRATORS))

    admin_log_in(page, live_server, "admin-e2e@example.org")
    page.goto(live_server.url + "/admin/certificates/issued/")
    search = page.get_by_role("textbox", name="Search term")
    search.fill(certificate.display_code)  # with its hyphens, as printed
    search.press("Enter")
    expect(page.get_by_role("link", name=certificate.display_code)).to_be_visible()
    expect(page.get_by_text("Айгуль Нурланова")).to_be_visible()


def test_no_admin_page_asks_another_host(live_server, page):
    course = make_course(title="Safe migration")
    admin = make_user(email="admin-hosts@example.org", is_staff=True, is_superuser=True)
    assert admin.pk
    admin_log_in(page, live_server, "admin-hosts@example.org")
    lesson = course.get_descendants().live().last()
    addresses = [
        "/admin/",
        f"/admin/pages/{course.pk}/",
        f"/admin/pages/{course.pk}/edit/",
        f"/admin/pages/{lesson.pk}/edit/",
        "/admin/certificates/issued/",
        "/admin/users/",
        "/admin/account/",
    ]
    assert other_hosts(page, live_server, addresses) == set()


def test_a_new_course_whose_address_a_draft_holds_names_the_draft_on_the_visible_tab(
    live_server, page
):
    from django.utils.text import slugify

    from tests.factories import catalogue

    title = "Торговля людьми: «мифы» и факты"
    # A forgotten, half-built course at the address the title makes.
    draft = make_course(title=title, slug=slugify(title, allow_unicode=True), live=False)
    make_user(email="root-e2e@example.org", is_staff=True, is_superuser=True)

    admin_log_in(page, live_server, "root-e2e@example.org")
    page.goto(f"{live_server.url}/admin/pages/add/courses/coursepage/{catalogue().pk}/")
    # The slug follows the title as one types.
    page.get_by_role("textbox", name="Title*").fill(title)
    page.locator("#id_summary").fill("The same course again")
    page.get_by_role("button", name="Save draft").click()

    # The message is on the Content tab, the one in front of the trainer, not on Promote.
    message = page.locator("#panel-child-content-child-title-errors")
    expect(message).to_be_visible()
    expect(message).to_contain_text(f"A draft page called “{title}” already uses this address.")
    message.get_by_role("link", name="Open the draft").click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/{draft.pk}/edit/$"))
    expect(page.locator("#id_title")).to_have_value(title)
