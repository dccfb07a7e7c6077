"""The admin's first screen shows a trainer their courses, learners, groups and reports."""

from tests.factories import make_trainer


def test_a_trainer_sees_their_courses_first(client, cohort):
    client.force_login(cohort["trainer"])
    html = client.get("/admin/").content.decode()
    panel = html.split('id="your-courses-section"')[1].split("</section>")[0]
    assert "Our course" in panel and "Their course" not in panel
    ours = cohort["ours"].pk
    assert f"/admin/training-reports/courses/?course={ours}" in panel
    assert f"/admin/training/groups/?course={ours}" in panel
    assert "<td>8</td>" in panel and "<td>5</td>" in panel  # enrolled, completed
    assert "Write a new course" in panel


def test_a_trainer_with_no_course_is_told_who_assigns_them(client, cohort):
    client.force_login(make_trainer())
    html = client.get("/admin/").content.decode()
    assert "No course is assigned to you yet" in html
