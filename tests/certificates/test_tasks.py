"""Background tasks in production: queued in the database, done by the worker."""

from django.core.files.storage import storages
from django_tasks_db.models import DBTaskResult

from certificates.services import certificate_issue_many
from tests.tasks import QUEUED, WORKER_DB, run_worker


def _stored_pdfs(certificates):
    storage = storages["certificates"]
    return [storage.exists(f"{c.code}.pdf") for c in certificates]


@QUEUED
@WORKER_DB
def test_a_bulk_issue_leaves_the_pdfs_to_the_worker(
    completed, template, administrator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        issued = certificate_issue_many(
            pairs=[(completed.learner_id, completed.course_id)],
            issued_by=administrator,
            render_pdfs=True,
        )
    assert len(issued) == 1
    # The issue is answered at once; the PDF waits for the worker.
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert _stored_pdfs(issued) == [False]

    run_worker()

    assert _stored_pdfs(issued) == [True]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_in_the_embedded_default_the_pdfs_are_ready_at_once(
    completed, template, administrator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        issued = certificate_issue_many(
            pairs=[(completed.learner_id, completed.course_id)],
            issued_by=administrator,
            render_pdfs=True,
        )
    assert _stored_pdfs(issued) == [True]
    assert not DBTaskResult.objects.exists()


def test_a_certificate_issued_on_completion_renders_nothing_before_it_is_asked_for(
    completed, template, administrator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        issued = certificate_issue_many(
            pairs=[(completed.learner_id, completed.course_id)], issued_by=None
        )
    assert _stored_pdfs(issued) == [False]


@QUEUED
@WORKER_DB
def test_issuing_to_the_awaiting_learners_queues_their_pdfs(
    client, completed, template, administrator
):
    client.force_login(administrator)
    response = client.post(
        "/admin/certificates/awaiting/",
        {"selected": [f"{completed.learner_id}:{completed.course_id}"]},
    )
    assert response.status_code == 302
    issued = list(completed.learner.certificates.all())
    assert len(issued) == 1 and _stored_pdfs(issued) == [False]
    run_worker()
    assert _stored_pdfs(issued) == [True]
