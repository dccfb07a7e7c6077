"""The demo accounts, and the trainee's progress, quiz attempts and certificates."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from certificates import codes
from certificates.models import Certificate, CertificateTemplate
from certificates.services import certificate_issue, certificate_revoke
from courses.models import CoursePage, LessonPage
from courses.services import enrolment_create, step_complete
from home.groups import ADMINISTRATORS, TRAINERS
from quizzes.models import Attempt, QuizPage
from quizzes.services import attempt_start, attempt_submit

from .pages import source_pages
from .report import Report

# Local demo accounts only; the README documents them. Never created by settings.
DEMO_PASSWORD = "learn-safely-2026"  # noqa: S105
DEMO_USERS = [
    {
        "email": "trainee@example.org",
        "full_name": "Aigerim Demo-Trainee",
        "organisation": "Regional Police Academy",
        "country": "kz",
        "audience": "police_investigators",
    },
    {
        "email": "trainer@example.org",
        "full_name": "Timur Demo-Trainer",
        "organisation": "Training Centre",
        "country": "kg",
        "audience": "social_workers",
        "group": TRAINERS,
        "is_staff": True,
    },
    {
        "email": "admin@example.org",
        "full_name": "Dilnoza Demo-Admin",
        "organisation": "Platform team",
        "country": "uz",
        "audience": "general_public",
        "group": ADMINISTRATORS,
        "is_staff": True,
        "is_superuser": True,
    },
]
# The trainee is part-way through one course and has finished another.
TRAINEE_PROGRESS = {
    "peacekeepers-zero-tolerance": 5,
    "safe-migration-know-your-rights": None,  # None: every lesson
    "identifying-victims-at-the-border": None,
}
# The demo trainee's valid certificate has this fixed code, so that the README can
# offer it for the verification page; every other code is random.
DEMO_CERTIFICATE_CODE = codes.code_from_bits(0x2026_C0DE_5AFE_0000_0001)
CERTIFICATE_SETTINGS = {
    "issuing_organisation": "Counter-Trafficking Learning (demonstration)",
    "signatory_name": "Dilnoza Demo-Admin",
    "signatory_title": "Training coordinator",
}


def answers(attempt: Attempt, *, right_share: float = 1.0, rng=None) -> dict[str, set[str]]:
    """Answers to an attempt's items by a learner who knows about ``right_share`` of
    them (1: all right, 0: all wrong); ``rng`` draws which, when it is in between."""
    answers = {}
    for item in attempt.items:
        right = (rng.random() if rng else 0.5) < right_share
        options = [o["id"] for o in item["options"] if o["correct"] == right]
        keep = options if right and item["kind"] == "multiple" else options[:1]
        answers[item["id"]] = set(keep)
    return answers


def ensure_trainee_quiz_results(trainee) -> None:
    """One failed and one passed attempt at the peacekeepers' myth-or-reality quiz."""
    course = source_pages(CoursePage).filter(slug="peacekeepers-zero-tolerance").first()
    quiz = course and QuizPage.objects.descendant_of(course).filter(slug="myth-or-reality").first()
    if quiz is None or Attempt.objects.filter(learner=trainee, quiz=quiz).exists():
        return
    for right in (False, True):
        attempt = attempt_start(learner=trainee, quiz=quiz)
        attempt_submit(
            learner=trainee,
            attempt_id=attempt.pk,
            answers=answers(attempt, right_share=float(right)),
        )


def ensure_certificate_settings() -> None:
    """Every demo course issues certificates; the safe-migration one automatically."""
    for course in source_pages(CoursePage):  # a course's certificate is one in every language
        CertificateTemplate.objects.get_or_create(
            course=course,
            defaults={
                **CERTIFICATE_SETTINGS,
                "auto_issue": course.slug == "safe-migration-know-your-rights",
                "validity_months": 24 if course.slug == "peacekeepers-zero-tolerance" else None,
            },
        )


def ensure_trainee_certificates(trainee, admin) -> None:
    """One valid certificate (with the README's code) and one revoked."""
    if Certificate.objects.filter(learner=trainee, revoked_at__isnull=False).exists():
        return  # done before
    slugs = ["safe-migration-know-your-rights", "identifying-victims-at-the-border"]
    courses = {c.slug: c for c in source_pages(CoursePage).filter(slug__in=slugs)}
    if len(courses) < 2:
        return  # the courses were not loaded (no catalogue page)
    # The safe-migration certificate may exist already: that course issues automatically.
    valid = certificate_issue(
        learner=trainee, course=courses["safe-migration-know-your-rights"], issued_by=admin
    )
    Certificate.objects.filter(pk=valid.pk).update(code=DEMO_CERTIFICATE_CODE)
    revoked = certificate_issue(
        learner=trainee, course=courses["identifying-victims-at-the-border"], issued_by=admin
    )
    certificate_revoke(
        certificate_id=revoked.pk,
        revoked_by=admin,
        reason="Issued to the wrong account (demonstration of revocation).",
    )


def ensure_demo_users(report: Report) -> dict[str, object]:
    User = get_user_model()
    users = {}
    for spec in DEMO_USERS:
        spec = dict(spec)
        group = spec.pop("group", None)
        user = User.objects.filter(email=spec["email"]).first()
        if user is None:
            user = User.objects.create_user(password=DEMO_PASSWORD, **spec)
            if group:
                user.groups.add(Group.objects.get(name=group))
            report.created.append(spec["email"])
        else:
            report.kept.append(spec["email"])
        users[spec["email"]] = user
    return users


def ensure_trainee_progress(trainee) -> None:
    """Enrol the trainee and complete lessons, unless they are already enrolled."""
    for slug, count in TRAINEE_PROGRESS.items():
        course = source_pages(CoursePage).filter(slug=slug).first()
        if course is None or course.enrolments.filter(learner=trainee).exists():
            continue
        enrolment_create(learner=trainee, course=course)
        lessons = LessonPage.objects.live().descendant_of(course).order_by("path")
        for lesson in lessons[:count] if count is not None else lessons:
            step_complete(learner=trainee, step=lesson)
        if count is None:
            # The whole course: its required quizzes (the final assessment) passed too.
            required = QuizPage.objects.live().descendant_of(course).filter(role="required")
            for quiz in required.order_by("path"):
                attempt = attempt_start(learner=trainee, quiz=quiz)
                attempt_submit(learner=trainee, attempt_id=attempt.pk, answers=answers(attempt))
