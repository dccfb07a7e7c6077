"""Lessons cite e-library resources; the resource's page lists the lessons citing it."""

import json

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document

from courses.models import CoursePage, LessonPage
from tests.courses.test_queries import LESSON_ENROLLED
from tests.factories import BODY, lessons_of, make_course, make_resource

pytestmark = pytest.mark.django_db

# Pinned: rendering a lesson's resources, however many it cites: the resources, their
# languages, and the e-library's address (cached until content next changes).
RESOURCE_BLOCKS = 3
RESOURCE_DETAIL = 14  # routing 2, view restrictions 2, resource 5, related 1, citations 4


def cite(lesson, *resources, publish=True):
    """Give ``lesson`` a body that ends with a resource block per resource."""
    blocks = [{"type": "resource", "value": {"resource": r.pk, "note": ""}} for r in resources]
    lesson.body = json.dumps([*json.loads(BODY), *blocks])
    revision = lesson.save_revision()
    if publish:
        revision.publish()
    return lesson


@pytest.fixture
def handbook(db):
    resource = make_resource(
        "Border guard handbook", languages=["ru", "kk"], countries=["kz"], topics=["migration"]
    )
    content = b"%PDF-1.4 " + b"x" * 2450
    resource.document = Document.objects.create(  # as the admin's upload form stores it
        title="Handbook PDF", file=ContentFile(content, name="handbook.pdf"), file_size=len(content)
    )
    resource.save()
    return resource


def test_lesson_shows_type_language_and_size_before_the_download(
    learner_client, enrolled, lessons, handbook
):
    cite(lessons[0], handbook)
    html = learner_client.get(lessons[0].url).content.decode()
    assert "Border guard handbook" in html
    assert "Handbook" in html and "Russian" in html and "Kazakh" in html
    assert "PDF, 2.4\xa0KB" in html  # format and size, shown before the click
    assert f'href="/en/library/{handbook.slug}/"' in html
    assert f'href="{handbook.document.url}"' in html


def test_lesson_resources_load_in_fixed_queries_however_many(lessons, handbook):
    def render(lesson):
        body = LessonPage.objects.get(pk=lesson.pk).body
        with CaptureQueriesContext(connection) as ctx:
            html = "".join(block.render() for block in body)
        return html, len(ctx.captured_queries)

    cite(lessons[1], handbook)
    html, queries = render(lessons[1])
    assert handbook.title in html and queries == RESOURCE_BLOCKS
    more = [make_resource(f"Report {n}", kind="report", languages=["en"]) for n in range(6)]
    cite(lessons[1], handbook, *more)
    html, queries = render(lessons[1])
    assert all(r.title in html for r in more) and queries == RESOURCE_BLOCKS


def test_lesson_page_with_citations_keeps_its_query_count(
    learner_client, enrolled, lessons, handbook, django_assert_num_queries
):
    # The rendered body is cached, so a steady lesson view costs no library query.
    cite(lessons[1], handbook, make_resource("Report"))
    learner_client.get(lessons[1].url)
    with django_assert_num_queries(LESSON_ENROLLED):
        assert learner_client.get(lessons[1].url).status_code == 200


def test_editing_a_resource_updates_the_lessons_citing_it(learner_client, enrolled, lessons):
    guide = make_resource("Screening guide")
    cite(lessons[0], guide)
    assert "Screening guide" in learner_client.get(lessons[0].url).content.decode()
    guide.title = "Screening guide, second edition"
    guide.save()
    assert "second edition" in learner_client.get(lessons[0].url).content.decode()


def test_a_deleted_resource_leaves_the_lesson_working(learner_client, enrolled, lessons):
    gone = make_resource("Withdrawn guide")
    cite(lessons[0], gone)
    gone.delete()
    response = learner_client.get(lessons[0].url)
    assert response.status_code == 200
    assert "Withdrawn guide" not in response.content.decode()


def test_resource_page_lists_the_live_lessons_citing_it(client, handbook):
    course = make_course(modules=1, lessons=3, title="Border course")
    first, second, third = lessons_of(course)
    cite(first, handbook)
    cite(second, handbook)
    cite(third, handbook, publish=False)  # a draft: not shown until published
    html = client.get(f"/en/library/{handbook.slug}/").content.decode()
    assert "Cited in these courses" in html
    assert "Border course" in html and f'href="{course.url}"' in html
    assert first.title in html and second.title in html and third.title not in html
    second.unpublish()
    html = client.get(f"/en/library/{handbook.slug}/").content.decode()
    assert first.title in html and second.title not in html


def test_resource_page_query_count_is_pinned(client, handbook):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/en/library/{handbook.slug}/").status_code == 200
        return len(ctx.captured_queries)

    client.get(f"/en/library/{handbook.slug}/")
    assert count() == RESOURCE_DETAIL - 3  # not cited: no lookup of steps or courses
    for n in range(3):
        course = make_course(modules=2, lessons=2)
        for lesson in lessons_of(course):
            cite(lesson, handbook)
        make_resource(f"Related {n}", topics=["migration"])
    html = client.get(f"/en/library/{handbook.slug}/").content.decode()
    assert html.count("Lesson 2.2") == 3 and "Related 2" in html
    assert count() == RESOURCE_DETAIL


def test_trainer_edits_a_lesson_citing_a_resource_in_the_admin(client, lessons, handbook):
    from tests.factories import make_trainer

    cite(lessons[0], handbook)
    course = CoursePage.objects.ancestor_of(lessons[0]).get()
    client.force_login(make_trainer(courses=[course]))
    response = client.get(f"/admin/pages/{lessons[0].pk}/edit/")
    assert response.status_code == 200
    assert "E-library resource" in response.content.decode()  # the block in the editor
    usage = client.get(f"/admin/snippets/library/resource/usage/{handbook.pk}/")
    assert usage.status_code == 200 and lessons[0].title in usage.content.decode()


def test_a_block_value_made_one_at_a_time_shows_the_same_card(lessons, handbook):
    """An editor's preview builds the block's value from the form, not in bulk."""
    from library.blocks import ResourceBlock

    cite(lessons[0], handbook)
    in_bulk = LessonPage.objects.get(pk=lessons[0].pk).body[-1]
    block = ResourceBlock()
    alone = block.to_python({"resource": handbook.pk, "note": "Chapter 2"})
    assert alone["resource"] == handbook and alone.card == in_bulk.value.card
    html = block.render(alone)
    assert "Border guard handbook" in html and "Chapter 2" in html and "PDF, 2.4" in html
    assert block.get_prep_value(alone) == {"resource": handbook.pk, "note": "Chapter 2"}
