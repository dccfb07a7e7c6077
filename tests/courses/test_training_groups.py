"""Training groups: a learner joins with the trainer's code; trainers see only their own."""

from datetime import date, timedelta

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import CourseIndexPage, CoursePage, Enrolment, GroupMembership, TrainingGroup
from courses.selectors import courses_managed_by
from tests.factories import make_course, make_trainer, make_user

pytestmark = pytest.mark.django_db

JOIN = "/en/groups/join/"


def make_group(course, **fields):
    fields.setdefault("name", "Border officers, Almaty region")
    return TrainingGroup.objects.create(course=course, **fields)


def test_a_learner_joins_with_the_link_and_is_enrolled(client):
    course = make_course()
    group = make_group(course, place="Almaty", country="KZ", starts_on=date(2027, 3, 1))
    learner = make_user()
    client.force_login(learner)
    # The code as people type it: lower case, a space instead of the hyphen.
    typed = f"{group.code[:4].lower()} {group.code[4:]}"
    page = client.get(JOIN, {"code": typed})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Border officers, Almaty region" in html and course.title in html
    assert "Join this group and enrol" in html

    response = client.post(JOIN, {"code": group.display_code})
    assert response.status_code == 302 and response["Location"] == course.url
    assert GroupMembership.objects.filter(group=group, learner=learner).exists()
    assert Enrolment.objects.filter(course=course, learner=learner).exists()
    client.post(JOIN, {"code": group.display_code})  # twice: nothing more
    assert GroupMembership.objects.filter(learner=learner).count() == 1
    assert Enrolment.objects.filter(learner=learner).count() == 1


def test_a_visitor_is_asked_to_sign_in_first(client):
    group = make_group(make_course())
    page = client.get(JOIN, {"code": group.code}).content.decode()
    assert "Sign in" in page and "create an account" in page
    response = client.post(JOIN, {"code": group.code})
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/")
    assert not GroupMembership.objects.exists()


@pytest.mark.parametrize(
    ("code", "status", "message"),
    [
        ("", 400, "This field is required."),
        ("abc", 400, "An invitation code has eight letters and digits"),
        ("КОД-ГРУППЫ", 400, "An invitation code has eight letters and digits"),
        ("🙂🙂🙂🙂-🙂🙂🙂🙂", 400, "An invitation code has eight letters and digits"),
        ("ABCD-EFG²", 400, "An invitation code has eight letters and digits"),
        ('"><script>', 400, "An invitation code has eight letters and digits"),
        ("ZZZZ-ZZZZ", 404, "No training group has this code"),
    ],
)
def test_a_bad_code_gets_a_sentence_and_writes_nothing(client, code, status, message):
    make_group(make_course(), code="ABCDEFGH")
    client.force_login(make_user())
    response = client.post(JOIN, {"code": code})
    assert response.status_code == status
    assert message in response.content.decode()
    assert not GroupMembership.objects.exists() and not Enrolment.objects.exists()


def test_an_ended_group_or_an_unpublished_course_cannot_be_joined(client):
    ended = make_group(make_course(), ends_on=date.today() - timedelta(days=1))
    closed = make_group(make_course(live=False))
    client.force_login(make_user())
    for group, message in ((ended, "has ended"), (closed, "not open for enrolment")):
        response = client.post(JOIN, {"code": group.code})
        assert response.status_code == 400 and message in response.content.decode()
    assert not GroupMembership.objects.exists() and not Enrolment.objects.exists()
    assert client.put(JOIN).status_code == 405


def test_the_join_page_reads_in_the_learners_language(client):
    group = make_group(make_course())
    client.force_login(make_user())
    page = client.get("/ru/groups/join/", {"code": group.code}).content.decode()
    assert "Присоединиться к группе и записаться на курс" in page


# The admin ------------------------------------------------------------------------


@pytest.fixture
def two_courses():
    return make_course(title="Ours"), make_course(title="Theirs")


def test_a_trainer_sees_and_changes_only_the_groups_of_their_courses(client, two_courses):
    ours, theirs = two_courses
    mine = make_group(ours, name="Our cohort")
    other = make_group(theirs, name="Their cohort")
    trainer = make_trainer(courses=[ours])
    client.force_login(trainer)
    listing = client.get("/admin/training/groups/").content.decode()
    assert "Our cohort" in listing and "Their cohort" not in listing
    inspect = client.get(f"/admin/training/groups/inspect/{mine.pk}/").content.decode()
    link = f"http://testserver/groups/join/?code={mine.display_code}"
    assert link in inspect  # no language in it: it opens in the learner's
    followed = client.get(link, HTTP_ACCEPT_LANGUAGE="ru")
    assert followed.status_code == 302
    assert followed["Location"] == f"/ru/groups/join/?code={mine.display_code}"
    # Another course's group by its id: not found, whatever the action.
    for action in ("edit", "inspect", "delete"):
        url = f"/admin/training/groups/{action}/{other.pk}/"
        assert client.get(url).status_code == 404, action
    assert client.post(f"/admin/training/groups/delete/{other.pk}/").status_code == 404
    assert TrainingGroup.objects.filter(pk=other.pk).exists()
    # Nor can they create a group for it.
    form = {"name": "Sneaky", "course": theirs.pk, "trainers": []}
    response = client.post("/admin/training/groups/new/", form)
    assert response.status_code == 200 and not TrainingGroup.objects.filter(name="Sneaky").exists()
    form["course"] = ours.pk
    form["starts_on"], form["ends_on"] = "2027-05-02", "2027-05-01"
    response = client.post("/admin/training/groups/new/", form)
    assert "cannot end before it starts" in response.content.decode()
    form["ends_on"] = "2027-05-03"
    assert client.post("/admin/training/groups/new/", form).status_code == 302
    assert TrainingGroup.objects.get(name="Sneaky").course == ours


def test_a_learner_reaches_no_training_screen(client, two_courses):
    group = make_group(two_courses[0])
    client.force_login(make_user())
    for url in ("/admin/training/groups/", f"/admin/training/groups/inspect/{group.pk}/"):
        assert client.get(url).status_code == 302  # to the admin's sign-in


def test_an_administrator_assigns_trainers_who_may_then_publish_the_course(
    client, admin_user, two_courses
):
    ours, _theirs = two_courses
    trainer = make_trainer()
    assert not courses_managed_by(trainer).exists()
    client.force_login(admin_user)
    response = client.post(
        "/admin/training/trainers/new/", {"course": ours.pk, "trainers": [trainer.pk]}
    )
    assert response.status_code == 302
    trainer = type(trainer).objects.get(pk=trainer.pk)  # Wagtail caches permissions on it
    assert list(courses_managed_by(trainer)) == [ours]
    client.force_login(trainer)
    assert client.get(f"/admin/pages/{ours.pk}/edit/").status_code == 200
    # Another course, and the home page, stay closed to them.
    assert client.get(f"/admin/pages/{_theirs.pk}/edit/").status_code != 200
    assert client.get(f"/admin/pages/{ours.get_parent().get_parent().pk}/edit/").status_code != 200
    # Trainers do not assign trainers.
    assert client.get("/admin/training/trainers/").status_code != 200


def test_a_trainer_who_creates_a_course_becomes_its_trainer(client):
    trainer = make_trainer()
    client.force_login(trainer)
    catalogue = CourseIndexPage.objects.get(locale__language_code="en")
    data = nested_form_data(
        {
            "title": "Working with interpreters",
            "slug": "working-with-interpreters",
            "summary": "How to work with an interpreter.",
            "description": rich_text("<p>About</p>"),
            "objectives": streamfield([("objective", "Brief an interpreter")]),
            "estimated_hours": 1,
            "audiences": [],
        }
    )
    response = client.post(f"/admin/pages/add/courses/coursepage/{catalogue.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    course = CoursePage.objects.get(slug="working-with-interpreters", locale__language_code="en")
    assert list(courses_managed_by(trainer)) == [course]
    # Now theirs: they publish it from the editor.
    data["action-publish"] = "action-publish"
    response = client.post(f"/admin/pages/{course.pk}/edit/", data)
    course.refresh_from_db()
    assert course.live


def test_the_trainers_of_a_course_may_publish_it_in_every_language():
    """Each language's version of a course is its own page: the team's permissions
    cover those that exist when trainers are assigned and those made later."""
    from wagtail.models import GroupPagePermission

    from tests.factories import sync_trees

    ours = make_course(title="Ours")
    sync_trees()  # the other languages' versions of "ours" exist first
    later = make_course(title="Later")  # English only, for now
    trainer = make_trainer(courses=[ours, later])
    sync_trees()
    for course in (ours, later):
        versions = CoursePage.objects.filter(translation_key=course.translation_key)
        assert versions.count() == 6
        granted = GroupPagePermission.objects.filter(
            group__user=trainer, page__in=versions, permission__codename="publish_page"
        )
        assert granted.count() == 6, course.title
