"""Fill a database with synthetic learners and their records, for report benchmarks.

Five courses (four modules of five lessons, a pre-test, a post-test and a final
assessment each), 50 training groups, 10,000 learners with profiles, about 15,000
enrolments, 200,000 step completions, pre-test and post-test attempts with their answers,
knowledge gains and certificates. Written in bulk (not through the services, which would
take an hour), with one fixed seed. Never for a real site: the learners cannot sign in.
"""

from __future__ import annotations

import json
import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from certificates import codes
from certificates.models import Certificate, CertificateTemplate
from core.vocabularies import AUDIENCE_CODES, COUNTRY_CODES
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    GroupMembership,
    LessonPage,
    ModulePage,
    StepCompletion,
    TrainingGroup,
)
from quizzes.models import Attempt, AttemptAnswer, KnowledgeGain, QuizPage
from quizzes.snapshot import build_snapshot

GENDERS = ["female", "male", "female", "male", "other", ""]
AGE_BANDS = ["under_18", "18_24", "25_34", "35_44", "45_54", "55_plus", ""]
STATEMENTS = [
    ("Only women and girls are trafficked.", "myth"),
    ("A person who agreed to the job cannot be a victim.", "myth"),
    ("Most victims cross borders with valid documents.", "reality"),
    ("Trafficking needs a border crossing.", "myth"),
    ("Children can be trafficked without any force or deception.", "reality"),
    ("Victims usually report to the police.", "myth"),
    ("Debt is a common means of control.", "reality"),
    ("Recruiters are often people the victim knows.", "reality"),
]
ADMIN_EMAIL = "bench-admin@example.org"


def _questions() -> str:
    return json.dumps(
        [
            {
                "type": "myth_reality",
                "value": {
                    "statement": text,
                    "answer": answer,
                    "explanation": "Synthetic question for the report benchmark.",
                    "source": "None: synthetic",
                },
            }
            for text, answer in STATEMENTS
        ]
    )


class Command(BaseCommand):
    help = (
        "Add synthetic courses, groups, learners, completions, attempts and certificates "
        "for the report benchmark (bench/reports.py). Never for real sites."
    )

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=10_000)
        parser.add_argument("--courses", type=int, default=5)
        parser.add_argument("--groups", type=int, default=50)
        parser.add_argument("--completions", type=int, default=200_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *, learners, courses, groups, completions, seed, **options):
        if not (0 < learners <= 100_000 and 0 < courses <= 20 and 0 < groups <= 1000):
            raise CommandError("Use at most 100000 learners, 20 courses and 1000 groups.")
        rng = random.Random(seed)  # noqa: S311 (repeatable test data, not secrets)
        index = CourseIndexPage.objects.filter(locale__language_code="en").first()
        if index is None:
            raise CommandError("The site has no course catalogue: run migrate first.")
        made = [self._course(index, n) for n in range(1, courses + 1)]
        with transaction.atomic():
            self._records(rng, made, learners=learners, groups=groups, completions=completions)
        self.stdout.write(
            f"{learners} learners, {courses} courses, {groups} groups, "
            f"{StepCompletion.objects.count()} step completions, "
            f"{AttemptAnswer.objects.count()} quiz answers, "
            f"{Certificate.objects.count()} certificates"
        )

    def _course(self, index, n: int) -> dict:
        course = CoursePage(
            title=f"Benchmark course {n}",
            slug=f"benchmark-course-{n}",
            summary="Synthetic course for the report benchmark.",
            description="<p>Synthetic.</p>",
        )
        index.add_child(instance=course)
        CertificateTemplate.objects.create(
            course=course, issuing_organisation="Bench", signatory_name="B", signatory_title="B"
        )
        lessons, quizzes = [], {}
        for m in range(1, 5):
            module = course.add_child(instance=ModulePage(title=f"Module {m}", slug=f"m{m}"))
            if m == 1:
                quizzes["pre"] = self._quiz(module, "pre-test", "pre_test")
            for i in range(1, 6):
                lesson = LessonPage(title=f"Lesson {m}.{i}", slug=f"l{m}-{i}", body="[]")
                lessons.append(module.add_child(instance=lesson))
            if m == 4:
                quizzes["final"] = self._quiz(module, "final", "required")
                quizzes["post"] = self._quiz(module, "post-test", "post_test")
        return {"course": course, "lessons": lessons, "quizzes": quizzes}

    def _quiz(self, module, slug: str, role: str) -> QuizPage:
        quiz = QuizPage(
            title=slug, slug=slug, role=role, pass_mark=0 if role != "required" else 70,
            questions=_questions(), shuffle=False,
        )  # fmt: skip
        module.add_child(instance=quiz)
        return QuizPage.objects.get(pk=quiz.pk)

    def _records(self, rng, made, *, learners, groups, completions):
        now = timezone.now()
        users = get_user_model().objects.bulk_create(
            get_user_model()(
                email=f"bench-learner-{n:05d}@example.org",
                password=UNUSABLE_PASSWORD_PREFIX,  # nobody signs in as them
                full_name=f"Learner {n:05d}",
                organisation=f"Organisation {rng.randint(1, 200)}",
                country=rng.choice(sorted(COUNTRY_CODES)),
                audience=rng.choice(sorted(AUDIENCE_CODES)),
                gender=rng.choice(GENDERS),
                age_band=rng.choice(AGE_BANDS),
            )
            for n in range(1, learners + 1)
        )
        admin = get_user_model().objects.filter(email=ADMIN_EMAIL).first()
        if admin is None:
            admin = get_user_model().objects.create_superuser(
                email=ADMIN_EMAIL, password=None, full_name="Bench Admin"
            )
        cohort = TrainingGroup.objects.bulk_create(
            TrainingGroup(
                course=made[g % len(made)]["course"],
                name=f"Group {g + 1}",
                country=rng.choice(sorted(COUNTRY_CODES)),
                code=f"BENCH{g:03d}",
                starts_on=(now - timedelta(days=rng.randint(10, 400))).date(),
            )
            for g in range(groups)
        )
        by_course = {}
        for group in cohort:
            by_course.setdefault(group.course_id, []).append(group)
        enrolments, memberships = [], []
        for user in users:
            for entry in rng.sample(made, rng.choice([1, 1, 2])):
                course = entry["course"]
                enrolments.append((user, entry, now - timedelta(days=rng.randint(1, 400))))
                memberships.append(
                    GroupMembership(group=rng.choice(by_course[course.pk]), learner=user)
                )
        GroupMembership.objects.bulk_create(memberships, ignore_conflicts=True)
        # Prefixes of a course's lessons; those past its length are cut, hence the margin.
        steps_per = 1.12 * completions / len(enrolments)
        rows, done_rows, attempts, gains, certificates = [], [], [], [], []
        for user, entry, enrolled in enrolments:
            steps = entry["lessons"]
            reach = min(len(steps), max(0, round(rng.gauss(steps_per, steps_per / 2))))
            done = reach == len(steps)
            rows.append(
                Enrolment(
                    learner=user,
                    course=entry["course"],
                    enrolled_at=enrolled,
                    last_activity_at=enrolled + timedelta(days=rng.randint(0, 30)),
                    started_at=enrolled if reach else None,
                    completed_at=enrolled + timedelta(days=rng.randint(1, 60)) if done else None,
                )
            )
            done_rows += [
                StepCompletion(learner=user, step=step, completed_at=enrolled)
                for step in steps[:reach]
            ]
            pre = rng.uniform(20, 80)
            attempts.append((user, entry["quizzes"]["pre"], pre, enrolled))
            if done:
                post = min(100, pre + rng.uniform(0, 40))
                attempts.append((user, entry["quizzes"]["post"], post, enrolled))
                gains.append(
                    KnowledgeGain(
                        learner=user, course=entry["course"], pre_percent=pre, post_percent=post
                    )
                )
                certificates.append(
                    Certificate(
                        code=codes.new_code(),
                        learner=user,
                        enrolment=rows[-1],
                        course=entry["course"],
                        holder_name=user.full_name,
                        title="Certificate",
                        course_title=entry["course"].title,
                        hours=1,
                        completed_on=(enrolled + timedelta(days=30)).date(),
                        issuing_organisation="Bench",
                        signatory_name="B",
                        signatory_title="B",
                        issued_by=admin,
                        **(
                            {"revoked_at": now, "revoked_by": admin, "revocation_reason": "Bench"}
                            if rng.random() < 0.02
                            else {}
                        ),
                    )
                )
        Enrolment.objects.bulk_create(rows, batch_size=2000)
        StepCompletion.objects.bulk_create(done_rows, batch_size=5000, ignore_conflicts=True)
        KnowledgeGain.objects.bulk_create(gains, batch_size=2000)
        Certificate.objects.bulk_create(certificates, batch_size=2000)
        self._attempts(rng, attempts)

    def _attempts(self, rng, attempts):
        snapshots = {}
        made = []
        for user, quiz, percent, when in attempts:
            items = snapshots.setdefault(
                quiz.pk, build_snapshot(quiz.questions, seed=0, shuffle=False, pool_size=0)
            )
            made.append(
                Attempt(
                    learner=user, quiz=quiz, number=1, seed=0, items=items, pass_mark=0,
                    started_at=when, submitted_at=when, points=0, percent=percent, passed=True,
                )
            )  # fmt: skip
        Attempt.objects.bulk_create(made, batch_size=2000)
        answers = []
        for attempt, (_user, _quiz, percent, _when) in zip(made, attempts, strict=True):
            for item in attempt.items:
                right = rng.random() * 100 < percent
                option = next(o for o in item["options"] if o["correct"] == right)
                answers.append(
                    AttemptAnswer(
                        attempt=attempt,
                        question_id=item["id"],
                        option_id=option["id"],
                        correct_option=right,
                    )
                )
        AttemptAnswer.objects.bulk_create(answers, batch_size=5000)
