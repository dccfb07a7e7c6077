"""Demo training groups and their learners, so that every report shows real-looking figures.

Five groups in four countries, 70 learners with profiles (organisation, country,
profession, gender, age band), lessons completed, pre-tests and post-tests taken (so
knowledge gain and "which myths persist" have answers), final assessments passed and
certificates issued. One group is small on purpose: its figures are hidden in the
breakdowns. Everything is drawn from one fixed seed, so every fresh ``load_demo`` makes the
same figures, and a second run changes nothing (groups already there are kept).

The learners cannot sign in (no password): they exist for the reports only.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_revoke
from courses.models import CoursePage, Enrolment, LessonPage, StepCompletion, TrainingGroup
from courses.services import course_team_add, group_join, step_complete
from quizzes.models import Attempt, QuizPage
from quizzes.services import attempt_start, attempt_submit

from .learners import answers
from .pages import source_pages
from .report import Report

# The demo trainer trains these courses (the administrator sees every course).
TRAINER_COURSES = [
    "identifying-victims-at-the-border",
    "safe-migration-know-your-rights",
    "peacekeepers-zero-tolerance",
]
# name, course, country, place, start (a date, or days before today), size, profession,
# share of women, organisation
GROUPS = [
    (
        "Border officers, Almaty region, spring 2026",
        "identifying-victims-at-the-border",
        "kz",
        "Almaty",
        date(2026, 3, 16),
        22,
        "border_migration",
        0.3,
        "Border Service, Almaty region",
    ),
    (
        # Started a few weeks before the demo is loaded: its learners are still active.
        "Border and migration officers, Osh",
        "identifying-victims-at-the-border",
        "kg",
        "Osh",
        -25,
        14,
        "border_migration",
        0.4,
        "State Border Service, Osh",
    ),
    (
        "Youth seminar, Shymkent, 2026",
        "safe-migration-know-your-rights",
        "kz",
        "Shymkent",
        date(2026, 4, 6),
        18,
        "general_public",
        0.6,
        "Shymkent youth centre",
    ),
    (
        "Migrant workers, Dushanbe, 2026",
        "safe-migration-know-your-rights",
        "tj",
        "Dushanbe",
        date(2026, 5, 11),
        13,
        "general_public",
        0.5,
        "Migration information centre, Dushanbe",
    ),
    (
        # Small on purpose: the reports hide its figures in breakdowns.
        "Pre-deployment briefing, Tashkent, 2026",
        "peacekeepers-zero-tolerance",
        "uz",
        "Tashkent",
        date(2026, 6, 1),
        3,
        "peacekeepers",
        0.0,
        "Peacekeeping training centre",
    ),
]
AGE_BANDS = ["18_24", "25_34", "25_34", "35_44", "35_44", "45_54", "55_plus"]
YOUTH_AGE_BANDS = ["under_18", "18_24", "18_24", "25_34"]
FIRST_NAMES = {
    "female": ["Aizhan", "Gulnara", "Madina", "Nargiza", "Saule", "Dilfuza", "Zarina", "Aida"],
    "male": ["Arman", "Bakyt", "Daniyar", "Farrukh", "Nurlan", "Rustam", "Timur", "Azamat"],
}
SEED = 2026


def _take(learner, quiz: QuizPage, rng: random.Random, right_share: float) -> Attempt:
    attempt = attempt_start(learner=learner, quiz=quiz)
    return attempt_submit(
        learner=learner,
        attempt_id=attempt.pk,
        answers=answers(attempt, right_share=right_share, rng=rng),
    )


def _learner(rng: random.Random, n: int, *, group_spec) -> object:
    name, _course, country, _place, _start, _size, audience, women, organisation = group_spec
    gender = "female" if rng.random() < women else "male"
    bands = YOUTH_AGE_BANDS if name.startswith("Youth") else AGE_BANDS
    first = rng.choice(FIRST_NAMES[gender])
    user = get_user_model().objects.create_user(
        email=f"cohort-learner-{n:03d}@example.org",
        password=None,  # unusable: these learners exist for the reports
        full_name=f"{first} Demo-Learner {n:03d}",
        organisation=organisation,
        country=country,
        audience=audience,
        gender=gender if rng.random() < 0.9 else "",  # some prefer not to say
        age_band=rng.choice(bands),
    )
    return user


def _backdate(learner, course: CoursePage, start: date, rng: random.Random) -> None:
    """Spread the records over the group's weeks, as a real cohort's would be."""
    joined = timezone.make_aware(datetime.combine(start, time(9))) + timedelta(
        hours=rng.randint(0, 30)
    )
    enrolment = Enrolment.objects.get(learner=learner, course=course)
    finished = joined + timedelta(days=rng.randint(5, 40)) if enrolment.completed_at else None
    Enrolment.objects.filter(pk=enrolment.pk).update(
        enrolled_at=joined,
        last_activity_at=finished or joined + timedelta(days=rng.randint(1, 20)),
        completed_at=finished,
    )
    StepCompletion.objects.filter(learner=learner, step__path__startswith=course.path).update(
        completed_at=joined + timedelta(days=rng.randint(1, 5))
    )
    if finished:
        Certificate.objects.filter(learner=learner, course=course).update(
            completed_on=finished.date(), issued_at=finished + timedelta(days=2)
        )


def ensure_demo_cohorts(report: Report, *, trainer, admin) -> None:
    """The trainer's courses, the demo groups and their learners' records (once)."""
    courses = {c.slug: c for c in source_pages(CoursePage).filter(slug__in=TRAINER_COURSES)}
    for slug in TRAINER_COURSES:
        if slug in courses:
            course_team_add(course=courses[slug], trainer=trainer)
    if TrainingGroup.objects.filter(name=GROUPS[0][0]).exists():
        report.kept.append("training groups")
        return
    rng = random.Random(SEED)  # noqa: S311 - demo figures, not secrets
    n = 0
    for spec in GROUPS:
        name, slug, country, place, start, size, _audience, _women, _org = spec
        course = courses.get(slug)
        if course is None:
            continue
        if isinstance(start, int):
            start = timezone.localdate() + timedelta(days=start)
        # Open while its learners join (as they did then); its end date is set after.
        group = TrainingGroup.objects.create(
            course=course, name=name, country=country, place=place, starts_on=start
        )
        group.trainers.add(trainer)
        quizzes = {q.role: q for q in QuizPage.objects.live().descendant_of(course)}
        lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
        for _ in range(size):
            n += 1
            learner = _learner(rng, n, group_spec=spec)
            group_join(learner=learner, group=group)
            knows = rng.uniform(0.35, 0.75)
            if "pre_test" in quizzes:
                _take(learner, quizzes["pre_test"], rng, knows)
            reached = rng.choice([0.2, 0.5, 0.8, 1.0, 1.0, 1.0])
            for lesson in lessons[: round(len(lessons) * reached)]:
                step_complete(learner=learner, step=lesson)
            if reached == 1.0:
                learned = min(0.98, knows + rng.uniform(0.15, 0.35))
                if "post_test" in quizzes:
                    _take(learner, quizzes["post_test"], rng, learned)
                if "required" in quizzes:
                    final = _take(learner, quizzes["required"], rng, learned)
                    if not final.passed:
                        _take(learner, quizzes["required"], rng, 1.0)
                if not Certificate.objects.filter(learner=learner, course=course).exists():
                    certificate_issue(learner=learner, course=course, issued_by=admin)
            _backdate(learner, course, start, rng)
        TrainingGroup.objects.filter(pk=group.pk).update(ends_on=start + timedelta(days=4))
        report.created.append(f"group: {name} ({size} learners)")
    # One certificate withdrawn, as happens (issued by mistake to the wrong person).
    first = Certificate.objects.filter(learner__email__startswith="cohort-learner-").first()
    if first is not None:
        certificate_revoke(
            certificate_id=first.pk, revoked_by=admin, reason="Issued to the wrong person."
        )
