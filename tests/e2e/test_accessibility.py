"""axe-core in a real browser on every public page a learner meets, in English and Russian.

axe-core (bundled by axe-playwright-python, nothing downloaded at run time) runs its
WCAG 2.0-2.2 A/AA and best-practice rules, and the 24 px target-size rule that it leaves
off by default. Any violation, whatever its impact, fails: the report names each rule,
the elements and what to fix.
"""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.base import ContentFile
from playwright.sync_api import expect
from wagtail.documents.models import Document

from certificates.models import CertificateTemplate
from certificates.services import certificate_issue
from courses.services import enrolment_create, step_complete
from quizzes.services import attempt_start, attempt_submit
from tests.factories import (
    BODY,
    in_language,
    lessons_of,
    make_course,
    make_quiz,
    make_resource,
    make_user,
    sync_trees,
    translate_tree,
    wrong_answers,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-test-password"
AXE_OPTIONS = {"rules": {"target-size": {"enabled": True}}}

# Every kind of block a lesson may hold (but media, which needs uploads or the network).
RICH_BODY = [
    *json.loads(BODY),
    {"type": "warning", "value": {"title": "Stay safe", "text": "<p>Do not confront.</p>"}},
    {
        "type": "case_study",
        "value": {
            "title": "A job abroad",
            "content_note": "Describes coercion.",
            "body": "<p>She was promised work in a hotel.</p>",
            "questions": ["Which indicators do you see?"],
        },
    },
    {"type": "checklist", "value": {"title": "Indicators", "items": ["Papers taken", "Debt"]}},
]


def build_site():
    """A course of two modules (a quiz closing each), a lesson citing two e-library
    resources, a learner part-way through with a failed attempt and an open one, and a
    certificate of another course; in English and Russian (the course translated, the
    rest aliases). Returns the addresses to check, in English."""
    course = make_course(title="Identifying victims", modules=2, lessons=2, featured=True)
    quiz = make_quiz(course, module=1, title="Myth or reality?", role="required")
    final = make_quiz(course, title="Final assessment", role="required")
    lesson = lessons_of(course)[0]
    handbook = make_resource(
        "Border guard handbook", languages=["ru"], countries=["kz"], topics=["migration"]
    )
    content = b"%PDF-1.4 " + b"x" * 2450
    handbook.document = Document.objects.create(
        title="Handbook PDF", file=ContentFile(content, name="handbook.pdf"), file_size=len(content)
    )
    handbook.save()
    report = make_resource("Labour exploitation report", kind="report", topics=["migration"])
    cited = [
        {"type": "resource", "value": {"resource": r.pk, "note": ""}} for r in (handbook, report)
    ]
    lesson.body = json.dumps([*RICH_BODY, *cited])
    lesson.save_revision().publish()

    learner = make_user(email="reader@example.org", password=PASSWORD)
    enrolment_create(learner=learner, course=course)
    step_complete(learner=learner, step=lesson)
    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt_submit(learner=learner, attempt_id=attempt.pk, answers=wrong_answers(attempt))
    open_attempt = attempt_start(learner=learner, quiz=final)
    closed = make_course(title="Closed course", modules=1, lessons=2)

    finished = make_course(title="Safe migration", modules=1, lessons=1)
    CertificateTemplate.objects.create(
        course=finished,
        issuing_organisation="OSCE Training Unit",
        signatory_name="Signatory Person",
        signatory_title="Head of Training",
    )
    enrolment_create(learner=learner, course=finished)
    for step in lessons_of(finished):
        step_complete(learner=learner, step=step)
    administrator = make_user(email="admin@example.org", is_staff=True, is_superuser=True)
    certificate = certificate_issue(learner=learner, course=finished, issued_by=administrator)

    sync_trees()
    translate_tree(course, "ru")
    return {
        "course": course.url,
        "lesson": lesson.url,
        "quiz": quiz.url,
        "result": f"/en/quizzes/attempts/{attempt.pk}/",
        "attempt": f"/en/quizzes/attempts/{open_attempt.pk}/",
        # Not enrolled: sent to the course page, with a message saying why.
        "message": lessons_of(closed)[1].url,
        "resource": f"/en/library/{handbook.slug}/",
        "verified": f"/en/certificates/verify/{certificate.code}/",
    }


def violations_report(address: str, violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{address}: {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(
            f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}"
            for node in violation["nodes"]
        )
    return "\n".join(lines)


def check(page, axe, address: str) -> list[str]:
    response = page.goto(address)
    assert response.status == 200, address
    assert page.locator("html").get_attribute("lang") == address.split("/")[3]
    result = axe.run(page, options=AXE_OPTIONS)
    violations = result.response["violations"]
    return [violations_report(address, violations)] if violations else []


def log_in(page, url, email):
    page.goto(url + "/en/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_no_axe_violation_on_any_public_page(live_server, page, language):
    found = build_site()
    axe = Axe()
    visitor_pages = [
        "/en/",
        "/en/courses/",
        found["course"],
        "/en/library/",
        found["resource"],
        "/en/certificates/verify/",
        found["verified"],
        "/en/accounts/signup/",
        "/en/accounts/login/",
    ]
    learner_pages = [
        found["course"],
        found["lesson"],
        found["quiz"],
        found["result"],
        found["attempt"],
        found["message"],
        "/en/dashboard/",
        "/en/accounts/profile/",
        "/en/",
    ]
    reports = []
    for address in visitor_pages:
        reports += check(page, axe, live_server.url + in_language(address, language))
    log_in(page, live_server.url, "reader@example.org")
    for address in learner_pages:
        reports += check(page, axe, live_server.url + in_language(address, language))
        if address == found["message"]:
            expect(page.locator(".messages")).to_be_visible()  # checked with its message
    assert not reports, "\n".join(reports)


FOCUS_STYLE = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        tag: el.tagName, text: (el.textContent || '').trim().slice(0, 40),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        visible: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0,
    };
}"""


def test_keyboard_user_skips_to_the_content_and_always_sees_the_focus(live_server, page):
    """The first Tab shows the skip link; every control after it shows where focus is."""
    found = build_site()
    page.goto(live_server.url + found["course"])
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.goto(live_server.url + found["course"])
    unseen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        if focused["tag"] == "BODY":
            break
        if not (focused["outline"] and focused["visible"]):
            unseen.append(focused)
    assert not unseen, unseen
