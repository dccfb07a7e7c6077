"""Learner progress: who is where in the trainer's courses, and nothing about others."""

import io
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import Enrolment
from tests.reports.conftest import ask_export, enrol
from tests.reports.test_course_overview import table

URL = "/admin/training-reports/learners/"


def test_a_trainer_sees_each_learner_of_their_courses(client, cohort):
    client.force_login(cohort["trainer"])
    response = client.get(URL)
    assert response.status_code == 200
    rows = table(response)
    assert rows[0] == [
        "Learner",
        "Organisation",
        "Course",
        "Training group",
        "Complete (%)",
        "Last activity",
        "Best final assessment (%)",
        "Certificate",
    ]
    assert len(rows) == 9  # the eight learners of our course
    assert all(row[2] == "Our course" for row in rows[1:])
    in_group = [row for row in rows[1:] if row[3] == "Almaty cohort"]
    assert len(in_group) == 6
    page = response.content.decode()
    assert "Female" not in page and "female" not in page  # never beside a name


def test_a_learners_row_links_to_their_courses_and_no_one_elses(client, cohort):
    client.force_login(cohort["trainer"])
    mine = Enrolment.objects.filter(course=cohort["ours"]).first().learner
    theirs = Enrolment.objects.get(course=cohort["theirs"]).learner
    assert f"?learner={mine.pk}" in client.get(URL).content.decode()
    rows = table(client.get(URL, {"learner": mine.pk}))
    assert len(rows) == 2 and mine.email in rows[1][0]
    assert client.get(URL, {"learner": theirs.pk}).status_code == 400
    assert client.get(URL, {"group": cohort["other_group"].pk}).status_code == 400


def test_the_page_costs_the_same_queries_for_eight_learners_or_forty(client, cohort):
    client.force_login(cohort["trainer"])
    client.get(URL)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    before = count()
    for _ in range(32):
        enrol(cohort["ours"], completed=True, group=cohort["group"])
    assert count() == before
    export = ask_export(client, URL, "csv", follow=True).getvalue().decode("utf-8-sig")
    assert export.count("\n") == 41  # a heading and forty learners


def test_the_spreadsheet_keeps_what_people_typed_and_reads_dates_as_dates(client, cohort):
    client.force_login(cohort["trainer"])
    learner = enrol(
        cohort["ours"],
        completed=True,
        full_name="Айгерим «Нұр» 🙂",
        organisation='=HYPERLINK("http://example.org","x")',
    )
    xlsx = ask_export(client, URL, "xlsx", {"learner": learner.pk}, follow=True)
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    heading, row = list(sheet.iter_rows(values_only=True))
    cells = dict(zip(heading, row, strict=True))
    assert cells["Learner"] == "Айгерим «Нұр» 🙂"
    # Text that looks like a formula stays text: the spreadsheet does not run it.
    assert cells["Organisation"] == '=HYPERLINK("http://example.org","x")'
    assert sheet.cell(row=2, column=3).data_type == "s"
    enrolment = Enrolment.objects.get(learner=learner)
    local = timezone.localtime(enrolment.completed_at).replace(tzinfo=None)
    assert abs(cells["Completed"] - local) < timedelta(minutes=1)
    assert cells["Complete (%)"] == 25  # a number: one of the four required steps
