"""Reach summary and knowledge gain: breakdowns whose small numbers stay hidden."""

import csv
import io

import pytest

from courses.models import CoursePage
from quizzes.models import KnowledgeGain
from reports.privacy import hidden_cells
from tests.reports.conftest import ask_export, enrol
from tests.reports.test_course_overview import table

REACH = "/admin/training-reports/reach/"
GAIN = "/admin/training-reports/knowledge-gain/"


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        ([10, 20, 30], [False, False, False]),
        ([3, 20, 30], [True, True, False]),  # one small cell: the next smallest goes too
        ([3, 2, 30], [True, True, False]),  # two small cells: already safe
        ([3, 0, 30], [True, True, False]),  # a zero can be the complement
        ([4], [True]),  # a total of 1 to 4 hides everything
        ([0, 0], [False, False]),  # nobody is nobody
    ],
)
def test_small_cells_and_their_complement_are_hidden(counts, hidden):
    assert hidden_cells(counts) == hidden


def sections(rows):
    """{section title: (rows, total row)} from a breakdown table (header row dropped)."""
    found, current = {"": []}, ""
    for row in rows[1:]:
        if all(cell == "" for cell in row[1:]):
            current = row[0]
            found[current] = []
        else:
            found[current].append(row)
    return found


def assert_nothing_recoverable(rows, column):
    """No breakdown shows its total and hides exactly one cell of ``column``."""
    for title, section in sections(rows).items():
        if not section:
            continue
        *cells, total = section
        hidden = [row[column] == "—" for row in cells]
        assert not (total[column] != "—" and hidden.count(True) == 1), (title, section)


def test_the_reach_summary_counts_people_by_country_gender_and_profession(client, cohort):
    client.force_login(cohort["trainer"])
    response = client.get(REACH)
    assert response.status_code == 200
    rows = table(response)
    assert rows[0] == [
        "Breakdown",
        "People who took part",
        "Completed a course",
        "Certified",
        "Training groups held",
    ]
    by_country = sections(rows)["By country"]
    # Six learners from Kazakhstan, two from Kyrgyzstan: the two are hidden, and the six
    # too, or the total (8) would give the two back.
    assert by_country[-1][:2] == ["Total", "8"]
    assert {row[0]: row[1] for row in by_country[:-1]} == {"Kazakhstan": "—", "Kyrgyzstan": "—"}
    assert {row[0]: row[4] for row in by_country} == {
        "Kazakhstan": "1",
        "Kyrgyzstan": "0",
        "Total": "1",
    }
    for column in (1, 2, 3):
        assert_nothing_recoverable(rows, column)
    # Their course's learner is not counted anywhere.
    assert all(section[-1][1] == "8" for section in sections(rows).values() if section)


def test_with_enough_people_the_breakdown_shows_them(client, cohort, admin_user):
    from certificates.models import CertificateTemplate
    from certificates.services import certificate_issue, certificate_revoke

    ours = cohort["ours"]
    for _ in range(5):
        enrol(ours, gender="male", country="kg", completed=True)
    CertificateTemplate.objects.create(
        course=ours, issuing_organisation="OSCE", signatory_name="S", signatory_title="T"
    )
    done = ours.enrolments.filter(completed_at__isnull=False).select_related("learner")
    issued = [certificate_issue(learner=e.learner, course=ours) for e in done]
    certificate_revoke(certificate_id=issued[0].pk, revoked_by=admin_user, reason="Mistake")
    client.force_login(cohort["trainer"])
    totals = sections(table(client.get(REACH)))["By country"][-1]
    assert totals[:4] == ["Total", "13", "10", "9"]  # ten certified, one revoked
    by_gender = sections(table(client.get(REACH)))["By gender"]
    assert [row[:3] for row in by_gender] == [
        ["Male", "7", "—"],  # six completed, hidden: the total minus it would give...
        ["Female", "6", "—"],  # ...the four women who did
        ["Total", "13", "10"],
    ]
    assert_nothing_recoverable(table(client.get(REACH)), 2)


def test_the_knowledge_gain_by_group_and_gender(client, cohort):
    ours = cohort["ours"]
    learners = [e.learner for e in ours.enrolments.order_by("pk")]
    # The six women of the Almaty group: 40 before, 80 after; one man: 50 -> 60.
    for learner in learners[:6]:
        KnowledgeGain.objects.create(learner=learner, course=ours, pre_percent=40, post_percent=80)
    KnowledgeGain.objects.create(learner=learners[6], course=ours, pre_percent=50, post_percent=60)
    client.force_login(cohort["trainer"])
    rows = table(client.get(GAIN))
    assert rows[1] == ["All learners", "7", "41.4", "77.1", "35.7"]
    found = sections(rows)
    assert found["By training group"][0] == ["Almaty cohort", "6", "40.0", "80.0", "40.0"]
    # One man and six women: both hidden, or the total would give the man's scores back.
    assert all(set(row[1:]) == {"—"} for row in found["By gender"])
    chart = client.get(GAIN).content.decode()
    assert "<svg" in chart
    assert '<th scope="row">Almaty cohort</th><td>40.0</td><td>80.0</td>' in chart
    export = ask_export(client, GAIN, "csv", follow=True).getvalue().decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(export))) == rows


def test_a_trainer_without_courses_is_told_so(client, cohort):
    from tests.factories import make_trainer

    client.force_login(make_trainer())
    for url in (REACH, GAIN, "/admin/training-reports/courses/"):
        page = client.get(url).content.decode()
        assert "No course is assigned to you yet" in page
        assert "Our course" not in page
    assert CoursePage.objects.count() >= 2
