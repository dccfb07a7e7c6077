"""Learners who deleted their accounts: still counted, anonymously, and never named."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.services import account_delete
from certificates.models import CertificateTemplate
from certificates.services import certificate_issue, certificate_revoke
from courses.models import Enrolment
from tests.reports.conftest import ask_export, enrol
from tests.reports.test_breakdowns import REACH, sections
from tests.reports.test_course_overview import table

pytestmark = pytest.mark.django_db

OVERVIEW = "/admin/training-reports/courses/"
LEARNERS = "/admin/training-reports/learners/"


def _delete_the_men(course):
    for enrolment in Enrolment.objects.filter(course=course, learner__gender="male"):
        account_delete(user=enrolment.learner)


def _queries(client, url) -> int:
    client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_course_overview_is_the_same_after_learners_delete_their_accounts(client, cohort):
    client.force_login(cohort["trainer"])
    before = table(client.get(OVERVIEW))
    queries = _queries(client, OVERVIEW)
    _delete_the_men(cohort["ours"])  # one completed, one did not
    assert Enrolment.objects.filter(course=cohort["ours"], learner=None).count() == 2
    # Enrolled, started (the one who completed), active, completed, median days.
    assert table(client.get(OVERVIEW)) == before
    assert _queries(client, OVERVIEW) == queries


def test_the_reach_summary_still_counts_them_under_not_stated(client, cohort, admin_user):
    ours = cohort["ours"]
    for _ in range(5):
        enrol(ours, gender="male", country="kg", completed=True)
    CertificateTemplate.objects.create(
        course=ours, issuing_organisation="OSCE", signatory_name="S", signatory_title="T"
    )
    done = ours.enrolments.filter(completed_at__isnull=False).order_by("pk")
    issued = [certificate_issue(learner=e.learner, course=ours) for e in done]
    certificate_revoke(certificate_id=issued[0].pk, revoked_by=admin_user, reason="Mistake")
    client.force_login(cohort["trainer"])
    queries = _queries(client, REACH)
    _delete_the_men(ours)  # seven men, six of them certified
    # A certificate of a deleted account can still be revoked, and counts as such.
    certificate_revoke(certificate_id=issued[-1].pk, revoked_by=admin_user, reason="Fraud")
    found = sections(table(client.get(REACH)))
    assert found["By country"][-1][:4] == ["Total", "13", "10", "8"]
    assert [row[:3] for row in found["By gender"]] == [
        ["Not stated", "7", "—"],  # the men's gender went with their accounts
        ["Female", "6", "—"],
        ["Total", "13", "10"],
    ]
    assert _queries(client, REACH) == queries
    # Not stated and no longer known are one row, not two.
    enrol(ours)
    by_gender = sections(table(client.get(REACH)))["By gender"]
    assert [row[:2] for row in by_gender if row[0] == "Not stated"] == [["Not stated", "8"]]


def test_the_course_overview_counts_their_certificates(client, cohort, admin_user):
    ours = cohort["ours"]
    CertificateTemplate.objects.create(
        course=ours, issuing_organisation="OSCE", signatory_name="S", signatory_title="T"
    )
    for enrolment in ours.enrolments.filter(completed_at__isnull=False):
        certificate_issue(learner=enrolment.learner, course=ours)
    client.force_login(cohort["trainer"])
    before = table(client.get(OVERVIEW))[1]
    assert before[7:] == ["5", "0"]
    _delete_the_men(ours)
    assert table(client.get(OVERVIEW))[1] == before


def test_learner_progress_names_nobody_for_a_deleted_account(client, cohort):
    client.force_login(cohort["trainer"])
    queries = _queries(client, LEARNERS)
    _delete_the_men(cohort["ours"])
    rows = table(client.get(LEARNERS))
    assert len(rows) == 1 + 6  # the six women
    assert all(row[0] for row in rows[1:])
    export = ask_export(client, LEARNERS, "csv", follow=True).getvalue().decode("utf-8-sig")
    assert export.count("\n") == 1 + 6
    assert _queries(client, LEARNERS) == queries
