"""Trainers author in Wagtail's admin; the page tree is pinned."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage, StepPage
from courses.services import course_team_add
from home.models import HomePage
from library.models import LibraryIndexPage
from quizzes.models import QuizPage
from tests.factories import lessons_of, make_course, make_user


class TestPageTree(WagtailPageTestCase):
    def test_tree_is_pinned(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {CourseIndexPage, LibraryIndexPage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage, QuizPage})
        self.assertAllowedParentPageTypes(QuizPage, {ModulePage})
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertCanNotCreateAt(ModulePage, StepPage)

    def test_pages_are_routable_and_previewable(self):
        course = make_course()
        lesson = lessons_of(course)[0]
        # Wagtail's assertPageIsRoutable routes the whole address, language prefix
        # (/en/) included, from the home page, so it cannot find pages under
        # i18n_patterns: ask for them as a browser does instead.
        assert self.client.get(course.url).status_code == 200
        assert self.client.get(lesson.url).status_code == 200  # the open preview
        self.assertPageIsPreviewable(
            course,
            post_data=nested_form_data(
                {
                    "title": "Previewed course",
                    "slug": course.slug,
                    "summary": "Summary",
                    "description": rich_text("<p>About</p>"),
                    "objectives": streamfield([("objective", "Explain the three elements")]),
                    "estimated_hours": 2,
                }
            ),
        )
        self.assertPageIsPreviewable(
            lesson,
            post_data=nested_form_data(
                {
                    "title": "Previewed lesson",
                    "slug": lesson.slug,
                    "summary": "",
                    "required": "on",
                    "estimated_minutes": 10,
                    "body": streamfield([("text", rich_text("<p>Preview body</p>"))]),
                    "sources": rich_text(""),
                }
            ),
        )


@pytest.mark.django_db
def test_trainer_can_open_admin_and_edit_a_lesson_of_their_course(client, trainer):
    course = make_course()
    lesson = lessons_of(course)[0]
    client.force_login(trainer)
    assert client.get("/admin/").status_code == 200
    # Not one of their courses yet: Wagtail refuses the editor.
    assert client.get(f"/admin/pages/{lesson.pk}/edit/").status_code in (302, 403)
    course_team_add(course=course, trainer=trainer)
    response = client.get(f"/admin/pages/{lesson.pk}/edit/")
    assert response.status_code == 200
    assert "Mark as complete" not in response.content.decode()


@pytest.mark.django_db
def test_trainer_can_open_the_add_lesson_form(client, trainer):
    course = make_course(modules=1, lessons=1)
    course_team_add(course=course, trainer=trainer)
    module = ModulePage.objects.child_of(course).get()
    client.force_login(trainer)
    response = client.get(f"/admin/pages/add/courses/lessonpage/{module.pk}/")
    assert response.status_code == 200
    assert "Open to visitors" in response.content.decode()


@pytest.mark.django_db
def test_learner_cannot_open_admin(client):
    client.force_login(make_user())
    response = client.get("/admin/")
    assert response.status_code == 302
