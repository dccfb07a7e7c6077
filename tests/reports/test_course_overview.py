"""The course overview: a trainer's courses only, filters, small numbers hidden, exports."""

import csv
import io
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from reports.models import ReportExport
from tests.factories import make_user
from tests.reports.conftest import ask_export, enrol

URL = "/admin/training-reports/courses/"


class Table(HTMLParser):
    """The cells of the report's table, as text."""

    def __init__(self):
        super().__init__()
        self.rows, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self._cell = ""

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join(self._cell.split()))
            self._cell = None


def _same(value):
    """A cell as text, numbers compared as numbers (a spreadsheet reads 11.0 as 11)."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return "" if value is None else str(value)


def table(response):
    """The report's own table (the admin page holds others, such as keyboard shortcuts)."""
    html = response.content.decode()
    start = html.index('<table class="listing')
    parser = Table()
    parser.feed(html[start : html.index("</table>", start)])
    return [row for row in parser.rows if row]


def test_a_trainer_sees_the_figures_of_their_courses_only(client, cohort):
    client.force_login(cohort["trainer"])
    response = client.get(URL)
    assert response.status_code == 200
    rows = table(response)
    assert rows[0][:5] == [
        "Course",
        "Enrolled",
        "Started",
        "Active in the last 30 days",
        "Completed",
    ]
    # Active lately: all but the man who last came 30 days ago; median of 10, 11, 11, 12, 20.
    assert rows[1][:7] == ["Our course", "8", "5", "7", "5", "62", "11.0"]
    # The completion funnel above the table, drawn on the server, with its data table.
    html = response.content.decode()
    assert "<svg" in html and "Completion funnel" in html
    assert '<th scope="row">Completed</th><td>5</td>' in html
    assert all("Their course" not in cell for row in rows for cell in row)


@pytest.mark.parametrize(
    "query",
    [
        "course={theirs}",
        "group={other_group}",
        "course=abc",
        "enrolled_from=2027-13-01",
        "enrolled_from=%C2%B2",
        "gender=%F0%9F%99%82",
        "country=%22%3E%3Cscript%3E",
    ],
)
def test_a_forged_or_bad_filter_answers_400_with_a_sentence(client, cohort, query):
    client.force_login(cohort["trainer"])
    url = f"{URL}?{query.format(theirs=cohort['theirs'].pk, other_group=cohort['other_group'].pk)}"
    for response in (client.get(url), client.post(url, {"export": "csv"})):
        assert response.status_code == 400
        page = response.content.decode()
        assert "These filters cannot be used" in page and "Their course" not in page
    assert not ReportExport.objects.exists()


def test_small_numbers_are_hidden_once_the_table_describes_a_group_of_people(client, cohort):
    client.force_login(cohort["trainer"])
    women = table(client.get(URL, {"gender": "female"}))[1]
    # Six women enrolled, four completed: "four" describes fewer than five people.
    assert women[1] == "6" and women[2] == "—" and women[4] == "—" and women[5] == "—"
    page = client.get(URL, {"gender": "female"}).content.decode()
    assert '<th scope="row">Completed</th><td>—</td>' in page  # the funnel hides it too
    men = table(client.get(URL, {"gender": "male"}))[1]
    assert set(men[1:]) == {"—"}
    assert "Figures about fewer than 5 learners are hidden" in client.get(URL).content.decode()


def test_the_export_holds_what_the_screen_shows(client, cohort):
    client.force_login(cohort["trainer"])
    for query in ({}, {"gender": "female"}, {"group": cohort["group"].pk}):
        screen = table(client.get(URL, query))
        export = ask_export(client, URL, "csv", query, follow=True)
        assert export.status_code == 200
        rows = list(csv.reader(io.StringIO(export.getvalue().decode("utf-8-sig"))))
        assert rows == screen, query
        xlsx = ask_export(client, URL, "xlsx", query, follow=True)
        assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
        sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
        cells = [[_same(v) for v in row] for row in sheet.values]
        assert cells == [[_same(v) for v in row] for row in screen], query


def test_the_report_costs_the_same_queries_for_ten_learners_or_forty(client, cohort):
    client.force_login(cohort["trainer"])
    client.get(URL)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"gender": "female"}).status_code == 200
        return len(queries)

    before = count()
    for _ in range(30):
        enrol(cohort["ours"], completed=True, gender="female")
    assert count() == before


def test_a_learner_reaches_no_report(client, cohort):
    client.force_login(make_user())
    assert client.get(URL).status_code == 302
    assert client.get(URL + "?export=csv").status_code == 302
    assert ask_export(client, URL, "csv").status_code == 302
    assert not ReportExport.objects.exists()


REPORTS = [
    "/admin/training-reports/courses/",
    "/admin/training-reports/learners/",
    "/admin/training-reports/reach/",
    "/admin/training-reports/knowledge-gain/",
    "/admin/training-reports/myths/",
]


@pytest.mark.parametrize("url", REPORTS)
def test_no_report_opens_another_trainers_course_or_group(client, cohort, url):
    client.force_login(cohort["trainer"])
    page = client.get(url)
    assert page.status_code == 200 and "Their course" not in table_or_text(page)
    for forged in ({"course": cohort["theirs"].pk}, {"group": cohort["other_group"].pk}):
        for response in (
            client.get(url, forged),
            ask_export(client, url, "csv", forged),
            ask_export(client, url, "xlsx", forged),
        ):
            assert response.status_code == 400, forged
            assert "Their course" not in response.content.decode()
    assert not ReportExport.objects.exists()
    client.force_login(make_user())
    assert client.get(url).status_code == 302
    assert ask_export(client, url, "csv").status_code == 302


def table_or_text(response):
    """The page without its filter form (which names the user's own courses only)."""
    html = response.content.decode()
    return html.split('id="listing-results"')[-1]


def test_started_counts_whoever_completed_a_step_even_after_deleting_the_account(client, cohort):
    from accounts.services import account_delete
    from courses.services import enrolment_create, step_complete
    from tests.factories import lessons_of

    ours = cohort["ours"]
    client.force_login(cohort["trainer"])
    assert table(client.get(URL))[1][:3] == ["Our course", "8", "5"]
    learner = make_user(full_name="Дильноза 🙂")
    enrolment_create(learner=learner, course=ours)
    assert table(client.get(URL))[1][:3] == ["Our course", "9", "5"]  # enrolled only
    first, second = lessons_of(ours)[:2]
    step_complete(learner=learner, step=first)
    step_complete(learner=learner, step=second)
    assert table(client.get(URL))[1][:3] == ["Our course", "9", "6"]
    started = ours.enrolments.get(learner=learner).started_at
    assert started is not None
    account_delete(user=learner)  # their step completions go with the account
    assert table(client.get(URL))[1][:3] == ["Our course", "9", "6"]
    assert ours.enrolments.get(learner=None, started_at=started)
