"""Report exports as background tasks: at once in the embedded default, by the worker
in production, and only ever to the user who asked."""

import csv
import io
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from courses.services import course_team_set
from reports.models import ExportStatus, ReportExport
from reports.services import MAX_WAITING
from tests.factories import make_trainer, make_user
from tests.reports.conftest import ask_export, enrol
from tests.tasks import QUEUED, WORKER_DB, run_worker

LEARNERS = "/admin/training-reports/learners/"
OVERVIEW = "/admin/training-reports/courses/"
EXPORTS = "/admin/training-reports/exports/"


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def _download_url(export: ReportExport) -> str:
    return f"{EXPORTS}{export.pk}/download/"


REPORTS = [
    OVERVIEW,
    LEARNERS,
    "/admin/training-reports/reach/",
    "/admin/training-reports/knowledge-gain/",
    "/admin/training-reports/myths/",
]


class ExportForm(HTMLParser):
    """The forms of a page holding an ``export`` button: their method, action, hidden
    fields and buttons (value, text)."""

    def __init__(self, html: str):
        super().__init__()
        self.forms, self._form, self._button = [], None, None
        self.feed(html)
        self.forms = [form for form in self.forms if form["buttons"]]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"method": attrs.get("method"), "action": attrs.get("action")}
            self._form |= {"hidden": {}, "buttons": []}
            self.forms.append(self._form)
        elif tag == "input" and self._form is not None and attrs.get("type") == "hidden":
            self._form["hidden"][attrs["name"]] = attrs.get("value")
        elif tag == "button" and self._form is not None and attrs.get("name") == "export":
            self._button = [attrs.get("value"), ""]

    def handle_data(self, data):
        if self._button is not None:
            self._button[1] += data

    def handle_endtag(self, tag):
        if tag == "button" and self._button is not None:
            self._form["buttons"].append((self._button[0], self._button[1].strip()))
            self._button = None
        elif tag == "form":
            self._form = None


def _export_form(response) -> dict:
    (form,) = ExportForm(response.content.decode()).forms
    return form


def test_in_the_embedded_default_a_click_sends_the_file(client, cohort):
    client.force_login(cohort["trainer"])
    response = ask_export(client, LEARNERS, "csv")
    export = ReportExport.objects.get()
    assert response.status_code == 302 and response["Location"] == _download_url(export)
    assert export.status == ExportStatus.READY and export.user == cohort["trainer"]
    assert not DBTaskResult.objects.exists()  # nothing waits for a worker

    download = client.get(response["Location"])
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    day = timezone.localdate().isoformat()
    assert download["Content-Disposition"] == f'attachment; filename="learner-progress-{day}.csv"'
    assert "no-store" in download["Cache-Control"]
    rows = _csv(download)
    assert rows[0][:3] == ["Learner", "Email", "Organisation"]
    assert len(rows) == 1 + 8 and all(row[3] == "Our course" for row in rows[1:])


@pytest.mark.parametrize("url", REPORTS)
def test_the_report_screen_asks_for_exports_with_a_post_form_keeping_its_filters(
    client, cohort, url
):
    client.force_login(cohort["trainer"])
    query = {"course": str(cohort["ours"].pk), "country": "kz", "p": "1"}
    if url.endswith("/myths/"):
        query = {"country": "kz"}  # no quiz, no rows: no export to offer
        assert ExportForm(client.get(url, query).content.decode()).forms == []
        return
    page = client.get(url, query)
    html = page.content.decode()
    # Wagtail's header links asked for an export by GET: they are gone.
    assert "export=csv" not in html and "export=xlsx" not in html
    form = _export_form(page)
    assert form["method"] == "post" and form["hidden"]["csrfmiddlewaretoken"]
    assert form["buttons"] == [("csv", "Download CSV"), ("xlsx", "Download XLSX")]
    action = urlsplit(form["action"])
    # The filters shown, without the page number: the file holds every page.
    assert action.path == url
    assert parse_qs(action.query) == {"course": [query["course"]], "country": ["kz"]}
    # Refreshed with the filters (Wagtail's results fragment), the form follows them.
    results = client.get(f"{url}results/", {"country": "kg"})
    assert _export_form(results)["action"] == f"{url}?country=kg"
    assert not ReportExport.objects.exists()  # looking records nothing


def test_the_download_buttons_read_in_the_admins_language(client, cohort):
    profile = UserProfile.get_for_user(cohort["trainer"])
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(cohort["trainer"])
    with translation.override("ru"):
        expected = [translation.gettext("Download CSV"), translation.gettext("Download XLSX")]
    buttons = [text for _value, text in _export_form(client.get(OVERVIEW))["buttons"]]
    assert buttons == expected != ["Download CSV", "Download XLSX"]


@pytest.mark.parametrize("url", REPORTS)
def test_an_export_address_opened_by_get_records_nothing(client, cohort, url):
    """An old bookmark of Wagtail's ``?export=csv`` link, or a prefetching browser."""
    client.force_login(cohort["trainer"])
    for fmt in ("csv", "xlsx", "pdf"):
        for address in (url, f"{url}results/"):
            response = client.get(address, {"export": fmt, "country": "kz"})
            assert response.status_code == 400, (address, fmt)
        # The screen, saying how to ask; its own links (filters, pages) leave it out.
        page = client.get(url, {"export": fmt, "country": "kz"}).content.decode()
        assert "exported with its Download CSV and Download XLSX buttons" in page
        assert "export=" not in page
    # The results fragment (filters refreshed) leaves no stale message for the next page.
    client.get(f"{url}results/", {"export": "csv"})
    assert "exported with its" not in client.get(url).content.decode()
    assert not ReportExport.objects.exists() and not DBTaskResult.objects.exists()


def test_an_export_posted_without_its_csrf_token_is_refused(cohort):
    client = Client(enforce_csrf_checks=True)  # as a browser meets the site
    client.force_login(cohort["trainer"])
    assert ask_export(client, LEARNERS, "csv").status_code == 403
    assert not ReportExport.objects.exists()
    # With the token of the report's own form, as the Download button sends it.
    form = _export_form(client.get(LEARNERS, {"group": cohort["group"].pk}))
    response = client.post(form["action"], {**form["hidden"], "export": "csv"})
    export = ReportExport.objects.get()
    assert response.status_code == 302 and response["Location"] == _download_url(export)
    assert export.query == f"group={cohort['group'].pk}"


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        (OVERVIEW, "Course"),
        (LEARNERS, "Learner"),
        ("/admin/training-reports/reach/", "Breakdown"),
        ("/admin/training-reports/knowledge-gain/", "Breakdown"),
        ("/admin/training-reports/myths/", "Question or statement"),
    ],
)
def test_every_report_exports_both_formats(client, cohort, url, heading):
    client.force_login(cohort["trainer"])
    assert _csv(ask_export(client, url, "csv", follow=True))[0][0] == heading
    xlsx = ask_export(client, url, "xlsx", follow=True)
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert sheet.cell(row=1, column=1).value == heading
    assert set(ReportExport.objects.values_list("status", flat=True)) == {ExportStatus.READY}


def test_an_xlsx_export_keeps_the_filters_of_the_screen(client, cohort):
    client.force_login(cohort["trainer"])
    response = ask_export(client, LEARNERS, "xlsx", {"group": cohort["group"].pk}, follow=True)
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == 1 + 6  # the six learners of the Almaty group
    export = ReportExport.objects.get()
    assert export.query == f"group={cohort['group'].pk}"
    assert export.filters == "Training group: Almaty cohort"


@QUEUED
@WORKER_DB
def test_in_production_the_worker_makes_the_file_and_the_page_offers_it(client, cohort):
    client.force_login(cohort["trainer"])
    response = ask_export(client, LEARNERS, "csv")
    assert response.status_code == 302 and response["Location"] == EXPORTS
    page = client.get(EXPORTS).content.decode()
    assert "Your file is being prepared" in page
    assert "Being prepared… refresh in a moment" in page
    assert '<meta http-equiv="refresh" content="10">' in page
    assert "/download/" not in page
    export = ReportExport.objects.get()
    assert client.get(_download_url(export)).status_code == 404  # not made yet

    run_worker()

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    page = client.get(EXPORTS).content.decode()
    assert "Being prepared" not in page and 'http-equiv="refresh"' not in page
    assert f'href="{_download_url(export)}"' in page and "Learner progress" in page
    rows = _csv(client.get(_download_url(export)))
    # The trainer's course only, as the trainer's screen shows it.
    assert len(rows) == 1 + 8
    assert {row[3] for row in rows[1:]} == {"Our course"}


@QUEUED
@WORKER_DB
def test_a_queued_export_holds_the_trainers_courses_only(client, cohort):
    """Made by the worker, with no request: the scope is the stored user's."""
    administrator = make_user(is_staff=True, is_superuser=True)
    for user in (cohort["trainer"], administrator):
        client.force_login(user)
        ask_export(client, OVERVIEW, "csv")
    run_worker()
    courses = {}
    for user in (cohort["trainer"], administrator):
        client.force_login(user)
        export = ReportExport.objects.get(user=user)
        courses[user] = [row[0] for row in _csv(client.get(_download_url(export)))[1:]]
    assert courses[cohort["trainer"]] == ["Our course"]
    assert courses[administrator] == ["Our course", "Their course"]


@QUEUED
@WORKER_DB
def test_a_trainer_who_lost_the_course_meanwhile_gets_a_failed_export(client, cohort):
    client.force_login(cohort["trainer"])
    ask_export(client, LEARNERS, "csv", {"course": cohort["ours"].pk})
    course_team_set(course=cohort["ours"], trainers=[])
    run_worker()
    export = ReportExport.objects.get()
    assert export.status == ExportStatus.FAILED and not export.file_name
    page = client.get(EXPORTS).content.decode()
    assert "Failed:" in page and "You no longer see these figures" in page
    assert client.get(_download_url(export)).status_code == 404


@QUEUED
@WORKER_DB
def test_the_file_is_made_in_the_language_the_user_reads_the_admin_in(client, cohort):
    profile = UserProfile.get_for_user(cohort["trainer"])
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(cohort["trainer"])
    ask_export(client, OVERVIEW, "csv")
    run_worker()  # the worker itself runs in English
    rows = _csv(client.get(_download_url(ReportExport.objects.get())))
    with translation.override("ru"):
        assert rows[0][0] == translation.gettext("Course") != "Course"


def test_an_export_that_breaks_says_so_and_keeps_no_file(client, cohort, monkeypatch, caplog):
    from reports.views import CourseOverviewView

    def broken(self, file_format):
        raise RuntimeError("disk full")

    monkeypatch.setattr(CourseOverviewView, "export_file", broken)
    client.force_login(cohort["trainer"])
    response = ask_export(client, OVERVIEW, "csv")
    assert response.status_code == 302 and response["Location"] == EXPORTS
    export = ReportExport.objects.get()
    assert export.status == ExportStatus.FAILED and not export.file_name
    assert "Something went wrong while the file was made" in client.get(EXPORTS).content.decode()
    assert "Report export" in caplog.text and "disk full" in caplog.text


def test_only_the_user_who_asked_downloads_the_file(client, cohort):
    client.force_login(cohort["trainer"])
    url = ask_export(client, OVERVIEW, "csv")["Location"]
    assert client.get(url).status_code == 200
    other_trainer = make_trainer(courses=[cohort["ours"]])
    administrator = make_user(is_staff=True, is_superuser=True)
    for user in (other_trainer, administrator):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert "/download/" not in client.get(EXPORTS).content.decode()
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in
    client.force_login(make_user())  # a learner reaches no admin page
    assert client.get(url).status_code == 302
    assert client.get(EXPORTS).status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        f"{EXPORTS}999999/download/",
        f"{EXPORTS}99999999999999999999999999/download/",
        f"{EXPORTS}abc/download/",
        f"{EXPORTS}%D0%96/download/",
    ],
)
def test_a_forged_export_id_is_not_found(client, cohort, url):
    client.force_login(cohort["trainer"])
    assert client.get(url).status_code == 404


def test_an_unknown_format_answers_400(client, cohort):
    client.force_login(cohort["trainer"])
    for fmt in ("pdf", "", "CSV", "😀"):
        response = ask_export(client, LEARNERS, fmt)
        assert response.status_code == 400, fmt
        assert "exported as CSV or XLSX" in response.content.decode()
    assert client.post(LEARNERS).status_code == 400  # no format at all
    assert not ReportExport.objects.exists()
    assert client.post(EXPORTS).status_code == 405


def test_filters_typed_in_any_script_reach_the_file(client, cohort):
    client.force_login(cohort["trainer"])
    typed = 'Жол «Нұр» "x" 🙂 <b>'
    learner = enrol(cohort["ours"], organisation=f"ОО {typed}", full_name="Айгерим")
    response = ask_export(client, LEARNERS, "csv", {"organisation": typed}, follow=True)
    assert response.status_code == 200
    rows = _csv(response)
    assert len(rows) == 2 and rows[1][1] == learner.email
    page = client.get(EXPORTS).content.decode()
    assert "&lt;b&gt;" in page and "<b>" not in page  # the filters shown, escaped
    # A filter too long for the form is refused as on the screen, and nothing recorded.
    long = ask_export(client, LEARNERS, "csv", {"organisation": "Ж" * 201})
    assert long.status_code == 400 and ReportExport.objects.count() == 1


@QUEUED
def test_asking_again_while_it_is_prepared_gives_the_same_export(client, cohort):
    client.force_login(cohort["trainer"])
    for _ in range(3):  # a double click, a reload
        ask_export(client, LEARNERS, "csv", {"course": cohort["ours"].pk, "p": "2"})
    assert ReportExport.objects.count() == 1 and DBTaskResult.objects.count() == 1
    # Another format or other filters are another export; past the limit, 429.
    ask_export(client, LEARNERS, "xlsx", {"course": cohort["ours"].pk})
    for country in ("kz", "kg", "tj"):
        ask_export(client, LEARNERS, "csv", {"country": country})
    assert ReportExport.objects.count() == MAX_WAITING
    refused = ask_export(client, LEARNERS, "csv", {"country": "uz"})
    assert refused.status_code == 429 and "exports being prepared" in refused.content.decode()
    assert ReportExport.objects.count() == MAX_WAITING


@QUEUED
def test_an_export_the_worker_never_made_is_not_waited_for_forever(client, cohort):
    client.force_login(cohort["trainer"])
    ask_export(client, LEARNERS, "csv")
    ReportExport.objects.update(created_at=timezone.now() - timedelta(hours=1))
    page = client.get(EXPORTS).content.decode()
    assert "the background worker may be stopped" in page
    assert 'http-equiv="refresh"' not in page
    ask_export(client, LEARNERS, "csv")  # and it may be asked for again
    assert ReportExport.objects.count() == 2


@QUEUED
def test_the_page_can_stop_refreshing(client, cohort):
    client.force_login(cohort["trainer"])
    ask_export(client, LEARNERS, "csv")
    assert 'href="?refresh=off"' in client.get(EXPORTS).content.decode()
    page = client.get(EXPORTS, {"refresh": "off"}).content.decode()
    assert 'http-equiv="refresh"' not in page and "Check again" in page


def test_exports_older_than_a_week_go_with_their_files_when_a_new_one_is_made(
    client, cohort, django_capture_on_commit_callbacks
):
    storage = storages["exports"]
    client.force_login(cohort["trainer"])
    other = make_trainer(courses=[cohort["theirs"]])
    old = []
    for user in (cohort["trainer"], other):
        export = ReportExport.objects.create(
            user=user,
            report="course-overview",
            format="csv",
            status=ExportStatus.READY,
            file_name=storage.save("course-overview-old.csv", ContentFile(b"x")),
            language="en",
            time_zone="UTC",
            created_at=timezone.now() - timedelta(days=ReportExport.KEPT_DAYS, minutes=1),
        )
        old.append(export.file_name)
    with django_capture_on_commit_callbacks(execute=True):
        ask_export(client, OVERVIEW, "csv")
    assert list(ReportExport.objects.values_list("user", flat=True)) == [cohort["trainer"].pk]
    assert not any(storage.exists(name) for name in old)


def test_a_deleted_account_takes_its_exports_files_along(
    client, cohort, django_capture_on_commit_callbacks
):
    client.force_login(cohort["trainer"])
    ask_export(client, OVERVIEW, "csv")
    name = ReportExport.objects.get().file_name
    assert storages["exports"].exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        cohort["trainer"].delete()
    assert not ReportExport.objects.exists() and not storages["exports"].exists(name)


def test_the_exports_page_costs_the_same_queries_for_one_export_or_ten(client, cohort):
    client.force_login(cohort["trainer"])
    ask_export(client, OVERVIEW, "csv")
    client.get(EXPORTS)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(EXPORTS).status_code == 200
        return len(queries)

    before = count()
    for n in range(9):
        ask_export(client, OVERVIEW, "xlsx", {"organisation": f"Ministry {n}"})
    assert ReportExport.objects.count() == 10
    assert count() == before


def test_the_reports_menu_leads_to_your_exports(client, cohort):
    client.force_login(cohort["trainer"])
    page = client.get("/admin/").content.decode()
    assert EXPORTS in page and "Your exports" in page
    assert "No export yet" in client.get(EXPORTS).content.decode()
