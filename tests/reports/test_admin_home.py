"""The admin's first screen shows a trainer their courses, learners, groups and reports."""

import pytest

from courses.models import LessonPage
from tests.factories import lessons_of, make_trainer


def test_a_trainer_sees_their_courses_first(client, cohort):
    client.force_login(cohort["trainer"])
    html = client.get("/admin/").content.decode()
    panel = html.split('id="your-courses-section"')[1].split("</section>")[0]
    assert "Our course" in panel and "Their course" not in panel
    ours = cohort["ours"].pk
    assert f"/admin/training-reports/courses/?course={ours}" in panel
    assert f"/admin/training/groups/?course={ours}" in panel
    # Enrolled, active in the last 30 days, completed.
    assert "<td>8</td>" in panel and "<td>7</td>" in panel and "<td>5</td>" in panel
    assert "Write a new course" in panel


def test_a_trainer_with_no_course_is_told_who_assigns_them(client, cohort):
    client.force_login(make_trainer())
    html = client.get("/admin/").content.decode()
    assert "No course is assigned to you yet" in html


def _section(html, name):
    return html.split(f'id="{name}-section"')[1].split("</section>")[0]


def test_the_pages_a_trainer_left_unfinished_are_listed_with_a_link(client, cohort):
    ours, theirs = cohort["ours"], cohort["theirs"]
    module = ours.get_children().first()
    draft = module.add_child(
        instance=LessonPage(title="Полузаписанный урок «Ч. 2» 📝", slug="half", live=False)
    )
    draft.save_revision()
    changed = lessons_of(ours)[0].specific
    changed.title = "Edited, not published"
    changed.save_revision()
    theirs_draft = (
        theirs.get_children()
        .first()
        .add_child(instance=LessonPage(title="Someone else's draft", slug="other", live=False))
    )
    theirs_draft.save_revision()
    client.force_login(cohort["trainer"])

    panel = _section(client.get("/admin/").content.decode(), "unfinished-pages")

    assert "Полузаписанный урок «Ч. 2» 📝" in panel
    assert f"/admin/pages/{draft.pk}/edit/" in panel
    assert "Draft, never published" in panel
    assert "Edited, not published" in panel
    assert "Published, with changes not yet published" in panel
    assert "Someone else&#x27;s draft" not in panel and "Someone else's draft" not in panel


def test_nothing_unfinished_says_so(client, cohort):
    client.force_login(cohort["trainer"])
    panel = _section(client.get("/admin/").content.decode(), "unfinished-pages")
    assert "Nothing left unfinished in your courses" in panel


def test_the_dashboard_no_longer_counts_pages_and_images(client, cohort):
    client.force_login(cohort["trainer"])
    html = client.get("/admin/").content.decode()
    assert "w-summary" not in html


@pytest.mark.parametrize("issuer", [True, False])
def test_who_issues_certificates_sees_who_awaits_one(client, cohort, issuer, django_user_model):
    from certificates.models import CertificateTemplate

    CertificateTemplate.objects.create(course=cohort["ours"], enabled=True)
    if issuer:
        user = django_user_model.objects.create_superuser(
            email="root@example.org", password="a-long-test-password"
        )
    else:
        user = cohort["trainer"]
    client.force_login(user)
    panel = _section(client.get("/admin/").content.decode(), "your-courses")
    shown = "5 learners have completed a course and await a certificate." in panel
    assert shown is issuer


def test_the_first_screen_costs_the_same_queries_with_more_courses(client, cohort):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses.services import course_team_add
    from tests.factories import make_course

    trainer = cohort["trainer"]
    client.force_login(trainer)
    client.get("/admin/")  # warm: the site and the menu

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/").status_code == 200
        return len(captured)

    before = queries()
    for n in range(3):
        course = make_course(title=f"More {n}")
        course_team_add(course=course, trainer=trainer)
        module = course.get_children().first()
        module.add_child(instance=LessonPage(title=f"Draft {n}", slug=f"d{n}", live=False))
    client.get("/admin/")  # publishing emptied the site's caches: warm them again
    assert queries() == before


def test_a_trainer_sees_their_running_and_coming_groups_with_the_code(client, cohort):
    import datetime

    from courses.models import TrainingGroup

    today = datetime.date.today()
    ours = cohort["ours"]
    TrainingGroup.objects.create(
        course=ours,
        name="Судьи «Бишкек» 2027 ⚖️",
        starts_on=today + datetime.timedelta(days=30),
        place="Бишкек",
        country="kg",
    )
    TrainingGroup.objects.create(
        course=ours,
        name="Ended last year",
        starts_on=today - datetime.timedelta(days=400),
        ends_on=today - datetime.timedelta(days=390),
    )
    client.force_login(cohort["trainer"])

    panel = _section(client.get("/admin/").content.decode(), "training-groups")

    assert "Almaty cohort" in panel and "Судьи «Бишкек» 2027 ⚖️" in panel
    assert "Бишкек, Kyrgyzstan" in panel
    assert cohort["group"].display_code in panel
    assert f"/admin/training/groups/inspect/{cohort['group'].pk}/" in panel
    assert "Ended last year" not in panel  # past groups are in the full list
    assert "Bishkek cohort" not in panel  # another trainer's course
    # Undated groups come after dated ones: the soonest first.
    assert panel.index("Судьи") < panel.index("Almaty cohort")
    assert "/admin/training/groups/new/" in panel


def test_a_trainer_without_groups_is_told_and_offered_a_new_one(client, cohort):
    from courses.models import TrainingGroup

    TrainingGroup.objects.filter(course=cohort["ours"]).delete()
    client.force_login(cohort["trainer"])
    panel = _section(client.get("/admin/").content.decode(), "training-groups")
    assert "No training group of your courses is running or planned." in panel
    assert "New training group" in panel
