"""Work done after the response, by the task framework Wagtail uses (django-tasks).

The embedded default runs a task at once (``ImmediateBackend``); production stores it
in the database for ``manage.py db_worker`` (django-tasks-db, see the README).
Arguments are plain JSON values: a task may run in another process.
"""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(
    *, subject: str, body: str, to: list[str], from_email: str | None = None, html: str = ""
) -> None:
    """Send one e-mail (a password reset link): a slow or absent mail server then
    delays nobody's page, and the time the page takes no longer tells whether the
    address has an account."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
