"""The demo command builds a real training site, and running it twice changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.utils.html import escape
from wagtail.models import Page, Revision

from certificates.models import Certificate
from courses.models import (
    CoursePage,
    Enrolment,
    GroupMembership,
    LessonPage,
    ModulePage,
    StepCompletion,
    TrainingGroup,
)
from courses.outline import course_outline
from courses.selectors import courses_managed_by
from demo.content import (
    check_citations,
    check_course,
    course_files,
    lesson_word_count,
    quizzes_for,
    read_toml,
)
from demo.learners import DEMO_CERTIFICATE_CODE
from demo.loader import load_demo
from library.models import Resource
from quizzes.models import Attempt, KnowledgeGain, QuizPage

FLAGSHIPS = [
    "peacekeepers-zero-tolerance",
    "reporting-on-trafficking",
    "trafficking-cases-in-court",
]
# Full courses besides the flagships (featured on the home page): the same bar.
FULL_COURSES = [
    *FLAGSHIPS,
    "investigating-trafficking-cases",
    "assisting-and-referring-victims",
    "identifying-victims-at-the-border",
    "safe-migration-know-your-rights",
]


def test_every_demo_file_is_well_formed():
    files = course_files()
    assert len(files) >= 5
    for path in files:
        assert check_course(read_toml(path), quizzes_for(path.stem)) == [], path.name
    assert check_citations() == []


def _course(slug="investigating-trafficking-cases"):
    return read_toml(next(p for p in course_files() if p.stem == slug)), quizzes_for(slug)


def test_the_checker_refuses_a_description_that_promises_more_than_the_course_has():
    data, quizzes = _course()
    assert check_course(data, quizzes) == []
    # Five content modules and a final assessment: a learner sees six.
    data["description"] = data["description"].replace(
        "five modules, followed by a final assessment", "five modules"
    )
    assert check_course(data, quizzes) == [
        "course: the description says 5 modules, a learner sees 6"
    ]
    data["description"] += "<p>It has twenty lessons.</p>"
    assert "course: the description says 20 lessons, the course has 14" in check_course(
        data, quizzes
    )


def test_the_checker_refuses_a_duration_far_from_the_sum_of_the_steps():
    data, quizzes = _course()
    minutes = sum(ls["minutes"] for m in data["modules"] for ls in m["lessons"])
    minutes += sum(q["minutes"] for q in quizzes["quizzes"])
    data["estimated_hours"] = round(minutes / 60 * 0.8)
    assert check_course(data, quizzes) == [
        f"course: estimated_hours is {data['estimated_hours']}, its steps take {minutes} "
        f"minutes ({minutes / 60:.1f} h)"
    ]


def test_the_checker_refuses_a_lesson_or_an_explanation_without_sources():
    data, quizzes = _course()
    del data["modules"][0]["lessons"][1]["sources"]
    myth = next(q for q in quizzes["quizzes"] if q["slug"] == "myth-or-reality")
    del myth["questions"][2]["source"]
    final = next(q for q in quizzes["quizzes"] if q["slug"] == "final-assessment")
    scenario = next(q for q in final["questions"] if q["type"] == "scenario")
    scenario["questions"][0]["source"] = ""
    number = final["questions"].index(scenario) + 1
    assert check_course(data, quizzes) == [
        "module 1 lesson 2 (sources-of-information): missing sources",
        "quiz myth-or-reality question 3: an explanation without a source",
        f"quiz final-assessment question {number}: an explanation without a source",
    ]


def test_the_checker_counts_the_questions_a_learner_answers():
    data, quizzes = _course()
    final = next(q for q in quizzes["quizzes"] if q["slug"] == "final-assessment")
    # Eleven questions and one case in three parts: fourteen to answer, not twelve.
    final["intro"] = "Twelve questions, including one short case."
    assert check_course(data, quizzes) == [
        "quiz final-assessment: the introduction says 12 questions, a learner answers 14"
    ]
    post = next(q for q in quizzes["quizzes"] if q["role"] == "post_test")
    post["questions"][0]["statement"] += " (edited)"
    assert "quiz post-test: its questions are not the pre-test's, word for word" in (
        check_course(data, quizzes)
    )


def test_the_checker_refuses_an_audience_the_site_does_not_know():
    data = read_toml(course_files()[0])
    assert check_course(data) == []
    data["audiences"] = [*data["audiences"], "astronauts"]
    assert check_course(data) == ["course: unknown audiences ['astronauts']"]


def test_the_checker_runs_without_django():
    """Writers check a file before the project is installed: only the standard library."""
    import subprocess
    import sys
    from pathlib import Path

    code = "import sys, demo.content; assert 'django' not in sys.modules; print('ok')"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-S", "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "ok", result.stderr


def test_flagship_courses_are_full_courses():
    for slug in FULL_COURSES:
        data = read_toml(next(p for p in course_files() if p.stem == slug))
        lessons = [lesson for m in data["modules"] for lesson in m["lessons"]]
        assert len(data["modules"]) >= 4
        assert len(lessons) >= 12
        assert sum(map(lesson_word_count, lessons)) / len(lessons) >= 300


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_load_demo_twice_duplicates_nothing(client):
    load_demo()
    models = [Page, Revision, get_user_model(), Enrolment, StepCompletion, Attempt]
    models += [Certificate, Resource, TrainingGroup, GroupMembership, KnowledgeGain]

    def counts():
        return {model.__name__: model.objects.count() for model in models}

    before = counts()
    assert_demo_pages_are_translated_with_wagtail_localize()
    assert_demo_resource_page_lists_the_lessons_that_cite_it(client)
    load_demo()
    assert counts() == before
    english = {"locale__language_code": "en"}
    assert CoursePage.objects.live().filter(**english).count() == 7
    # The catalogue shows the seven courses; the home page features the three flagships.
    catalogue = client.get("/en/courses/").content.decode()
    assert catalogue.count('<li class="card">') == 7
    home = client.get("/en/").content.decode()
    featured = home.split('id="featured-heading"')[1].split("</section>")[0]
    titles = {c.title for c in CoursePage.objects.filter(slug__in=FLAGSHIPS, **english)}
    assert featured.count('<li class="card">') == 3
    assert all(escape(title) in featured for title in titles)
    # Certificate settings are set once per course, on its English version.
    from certificates.models import CertificateTemplate

    assert CertificateTemplate.objects.count() == 7
    assert not CertificateTemplate.objects.exclude(course__locale__language_code="en").exists()
    assert ModulePage.objects.filter(**english).count() >= 14
    assert LessonPage.objects.filter(**english).count() >= 48

    trainee = get_user_model().objects.get(email="trainee@example.org")
    peacekeepers = CoursePage.objects.get(slug="peacekeepers-zero-tolerance", **english)
    outline = course_outline(course=peacekeepers, learner=trainee)
    assert 0 < outline.percent < 100
    assert Enrolment.objects.filter(learner=trainee, completed_at__isnull=False).count() == 2
    statuses = sorted(c.status for c in Certificate.objects.filter(learner=trainee))
    assert statuses == ["revoked", "valid"]
    assert Certificate.objects.get(learner=trainee, revoked_at=None).code == DEMO_CERTIFICATE_CODE
    # The taxonomy has a name in every site language (shared audiences and countries are
    # named by the interface catalogue).
    from library.models import Term, TermName

    own = Term.objects.exclude(facet__in=["audience", "country"])
    for language in ("ru", "kk", "ky", "tg", "uz"):
        named = TermName.objects.filter(language=language, term__in=own).count()
        assert named == own.count(), language
    trainer = get_user_model().objects.get(email="trainer@example.org")
    assert trainer.groups.filter(name="Trainers").exists()
    # The trainer trains three courses, with five groups whose learners fill the reports,
    # a small group among them (hidden in breakdowns).
    assert courses_managed_by(trainer).count() == 3
    assert TrainingGroup.objects.count() == 5
    assert GroupMembership.objects.count() == 70
    assert KnowledgeGain.objects.count() >= 20
    client.force_login(trainer)
    reach = client.get("/admin/training-reports/reach/").content.decode()
    assert "Uzbekistan" in reach and "—" in reach
    overview = client.get("/admin/training-reports/courses/").content.decode()
    assert "Identifying victims at the border" in overview
    assert "Reporting on trafficking" not in overview

    # Quizzes: every flagship has a myth-vs-reality quiz of 12+ statements and a required
    # final assessment with a scenario.
    for slug in FULL_COURSES:
        course = CoursePage.objects.get(slug=slug, **english)
        quizzes = QuizPage.objects.live().descendant_of(course)
        myth = quizzes.get(slug="myth-or-reality")
        assert sum(1 for q in myth.questions if q.block_type == "myth_reality") >= 12
        final = quizzes.get(slug="final-assessment", role="required")
        assert final.required
        assert any(q.block_type == "scenario" for q in final.questions)
    # Five courses pair a pre-test, taken before the first module's lessons, with a
    # post-test at the end.
    pre_tests = QuizPage.objects.filter(role="pre_test", **english)
    assert pre_tests.count() == 5
    assert QuizPage.objects.filter(role="post_test", **english).count() == 5
    assert all(quiz.get_prev_sibling() is None for quiz in pre_tests)
    safe = CoursePage.objects.get(slug="safe-migration-know-your-rights", **english)
    # The seminars' own myth-or-reality quiz, before and after.
    seminar = pre_tests.descendant_of(safe).get()
    assert "2014" in seminar.intro and "70 per cent" in seminar.intro
    assert Resource.objects.count() >= 60
    assert not Resource.objects.exclude(document=None).exists()  # links only, no hosted files
    results = set(Attempt.objects.filter(learner=trainee).values_list("passed", flat=True))
    assert results == {True, False}

    # Every flagship lesson ends with the e-library resources its facts come from.
    for slug in FULL_COURSES:
        course = CoursePage.objects.get(slug=slug, **english)
        for lesson in LessonPage.objects.live().descendant_of(course):
            cited = [b.value["resource"] for b in lesson.body if b.block_type == "resource"]
            assert cited and all(cited), lesson.slug


def test_content_notes_are_not_labelled_twice():
    from demo.pages import _content_note

    assert _content_note({"content_note": "Content note: this case describes abuse."}) == (
        "this case describes abuse."
    )
    assert _content_note({"content_note": "Describes abuse."}) == "Describes abuse."


def assert_demo_pages_are_translated_with_wagtail_localize():
    """The peacekeepers' course whole in Russian, the journalists' course page and first
    module; the site skeleton in every language; the rest as aliases of English.

    Called by the load test above: loading the demo takes minutes on PostgreSQL, once.
    """
    from django.conf import settings
    from wagtail_localize.models import Translation

    from home.models import HomePage

    for code, _name in settings.LANGUAGES:
        home = HomePage.objects.get(locale__language_code=code)
        assert home.alias_of_id is None and home.live
        assert all(child.alias_of_id is None for child in home.get_children()[:2])
    russian = Page.objects.filter(locale__language_code="ru")
    peacekeepers = russian.get(slug="peacekeepers-zero-tolerance")
    assert peacekeepers.title == "Миротворцы: нулевая терпимость к торговле людьми"
    tree = russian.filter(path__startswith=peacekeepers.path)
    source = Page.objects.get(
        translation_key=peacekeepers.translation_key, locale__language_code="en"
    )
    assert tree.count() == Page.objects.filter(path__startswith=source.path).count()
    assert not tree.filter(alias_of__isnull=False).exists()
    assert all(page.live for page in tree)
    journalists = russian.get(slug="reporting-on-trafficking")
    modules = list(journalists.get_children())
    assert journalists.alias_of_id is None and modules[0].alias_of_id is None
    assert all(step.alias_of_id is None for step in modules[0].get_children())
    later_steps = [step for module in modules[1:] for step in module.get_children()]
    assert later_steps and all(step.alias_of_id is not None for step in later_steps)
    # Made as a trainer makes them: wagtail-localize translations, editable segment by
    # segment in its editor (and as PO files).
    assert Translation.objects.filter(target_locale__language_code="ru").count() >= 35


def assert_demo_resource_page_lists_the_lessons_that_cite_it(client):
    """The Protocol's page in the e-library lists the demo lessons citing it (called by
    the load test)."""
    protocol = Resource.objects.get(
        title="Protocol to Prevent, Suppress and Punish Trafficking in Persons, "
        "Especially Women and Children"
    )
    html = client.get(f"/en/library/{protocol.slug}/").content.decode()
    assert "Cited in these courses" in html
    assert "Peacekeepers: zero tolerance for trafficking" in html
    assert "Act, means, purpose: the legal definition" in html
    # The demo has it in Russian too, with the taxonomy's Russian names.
    html = client.get(f"/ru/library/{protocol.slug}/")
    html = html.content.decode()
    assert "Протокол о предупреждении и пресечении торговли людьми" in html
    assert "Закон или международный договор" in html
    # ... cited by the lesson in its Russian translation, linked in Russian.
    assert "Действие, способ, цель: правовое определение" in html
    assert 'href="/ru/courses/peacekeepers-zero-tolerance/' in html
