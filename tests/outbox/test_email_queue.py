"""The durable e-mail queue: nothing is lost while the mail server is down."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from outbox import queue as email_queue
from outbox.management.commands import email_worker
from outbox.models import OutgoingEmail
from outbox.queue import retry_delay, retry_now, send_email
from submissions.notifications import Message, send_messages
from tests.factories.applicants import InterestFormPageFactory
from tests.factories.core import UserFactory
from tests.outbox.email_queue import (
    DATABASE_BACKEND,
    SMTPServer,
    let_time_pass,
    pending_tasks,
    run_worker,
)

pytestmark = pytest.mark.django_db

Status = OutgoingEmail.Status


@pytest.fixture
def db_queue(settings):
    """The production set-up: e-mail tasks are rows for a worker to run."""
    settings.TASKS = DATABASE_BACKEND
    settings.EMAIL_RETRY_BASE_SECONDS = 60
    settings.EMAIL_RETRY_MAX_SECONDS = 3600
    settings.EMAIL_MAX_ATTEMPTS = 8


@pytest.fixture
def smtp(settings):
    """Delivery over SMTP to a local server (stopped: start() brings it up)."""
    server = SMTPServer()
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture
def form_page(home_page):
    return InterestFormPageFactory(parent=home_page)


def interest(**overrides):
    return {
        "name": "Dana Reyes",
        "email": "dana@example.org",
        "track_of_interest": "Not sure yet",
        "message": "When does the next cohort start?",
        "website": "",
        **overrides,
    }


def test_a_visitor_is_thanked_while_smtp_is_down_and_staff_get_the_email_once_it_is_back(
    client, form_page, db_queue, smtp, monkeypatch
):
    # This follows the staff e-mail alone; the visitor's confirmation (a second
    # e-mail through the same queue) has its own tests in
    # tests/applicants/test_join_form_as_visitor.py.
    from applicants.models import InterestFormPage

    monkeypatch.setattr(InterestFormPage, "send_confirmation", lambda self, form: None)
    response = client.post("/join/", interest())

    assert response.status_code == 302  # the request succeeds: nothing was sent yet
    email = OutgoingEmail.objects.get()
    assert email.status == Status.QUEUED
    assert email.to == ["staff@example.org"]
    assert "dana@example.org" in email.body
    assert pending_tasks().count() == 1

    # The worker finds the mail server down: the e-mail waits for a retry.
    assert run_worker() == 1
    email.refresh_from_db()
    assert email.status == Status.QUEUED
    assert email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error
    retry = pending_tasks().get()
    assert retry.args_kwargs["args"] == [email.pk, 2]
    wait = (retry.run_after - email.last_attempt_at).total_seconds()
    assert 59 <= wait <= 61
    assert email.next_attempt_at == retry.run_after
    assert run_worker() == 0  # not before its time

    smtp.start()
    let_time_pass()
    assert run_worker() == 1

    assert len(smtp.inbox.messages) == 1
    assert "Subject: New interest in the CeCTO program" in smtp.inbox.messages[0]
    assert "dana@example.org" in smtp.inbox.messages[0]
    email.refresh_from_db()
    assert email.status == Status.SENT
    assert email.attempts == 2
    assert email.sent_at is not None
    assert email.body == ""  # delivered: who and what subject remain, not the text
    let_time_pass()
    assert run_worker() == 0
    assert len(smtp.inbox.messages) == 1


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="db_worker closes the test's connection on a server database; "
    "make fault runs the real worker on PostgreSQL.",
)
def test_an_email_is_delivered_over_smtp_by_the_db_worker_command(
    db_queue, smtp, settings
):
    smtp.start()
    send_email(
        "Welcome",
        "Plain text",
        ["ada@example.org"],
        html_body="<p>Rich text</p>",
        reply_to=["office@example.org"],
        headers={"Auto-Submitted": "auto-generated"},
    )

    call_command(
        "db_worker",
        "--batch",
        "--backend=email",
        "--no-reload",
        "--no-startup-delay",
        "--interval=0",
        verbosity=0,
    )

    assert OutgoingEmail.objects.get().status == Status.SENT
    (message,) = smtp.inbox.messages
    assert "Subject: Welcome" in message
    assert "Reply-To: office@example.org" in message
    assert "Auto-Submitted: auto-generated" in message
    assert "Plain text" in message and "<p>Rich text</p>" in message
    assert smtp.inbox.envelopes[0].rcpt_tos == ["ada@example.org"]


def test_retries_back_off_doubling_up_to_the_cap(settings):
    settings.EMAIL_RETRY_BASE_SECONDS = 60
    settings.EMAIL_RETRY_MAX_SECONDS = 3600
    delays = [retry_delay(attempt) for attempt in range(1, 9)]
    assert delays == [60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_after_the_last_attempt_the_email_is_failed_and_no_retry_is_left(
    db_queue, smtp, settings
):
    settings.EMAIL_MAX_ATTEMPTS = 3
    email = send_email("Reminder", "Text", ["ada@example.org"])

    waits = []
    for _attempt in range(3):
        assert run_worker() == 1
        email.refresh_from_db()
        if email.next_attempt_at:
            waits.append(email.next_attempt_at - email.last_attempt_at)
        let_time_pass()

    assert [round(wait.total_seconds()) for wait in waits] == [60, 120]
    assert email.status == Status.FAILED
    assert email.attempts == 3
    assert email.next_attempt_at is None
    assert "ConnectionRefusedError" in email.last_error
    assert not pending_tasks().exists()
    assert email.body == "Text"  # kept for the retry


def test_retry_now_sends_a_failed_email_once_the_server_is_back(
    db_queue, smtp, settings
):
    settings.EMAIL_MAX_ATTEMPTS = 1
    email = send_email("Reminder", "Text", ["ada@example.org"])
    run_worker()
    email.refresh_from_db()
    assert email.status == Status.FAILED

    smtp.start()
    assert retry_now(email)
    assert run_worker() == 1

    email.refresh_from_db()
    assert email.status == Status.SENT
    assert email.attempts == 2
    assert len(smtp.inbox.messages) == 1
    assert not retry_now(email)  # a sent e-mail is never queued again


def test_retry_now_overtakes_a_waiting_back_off_without_sending_twice(db_queue, smtp):
    email = send_email("Reminder", "Text", ["ada@example.org"])
    run_worker()  # refused: a retry waits a minute
    smtp.start()

    assert retry_now(email)
    assert run_worker() == 1  # the retry asked for now
    let_time_pass()
    assert run_worker() == 1  # the old back-off: finds it sent, does nothing

    assert len(smtp.inbox.messages) == 1
    results = DBTaskResult.objects.filter(backend_name="email").order_by("finished_at")
    assert [result.return_value for result in results] == [
        "retrying",
        "sent",
        "skipped",
    ]


def test_a_rolled_back_transaction_queues_nothing(db_queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_email("Never", "Rolled back", ["ada@example.org"])
        raise RuntimeError("the request failed")

    assert not OutgoingEmail.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_a_recipient_refused_for_good_is_failed_without_retrying(db_queue, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPRecipientsRefused(
            {"nobody@example.org": (550, b"No such user")}
        )

    monkeypatch.setattr(email_queue.EmailMultiAlternatives, "send", refuse)
    email = send_email("Hello", "Text", ["nobody@example.org"])

    run_worker()

    email.refresh_from_db()
    assert email.status == Status.FAILED
    assert email.attempts == 1
    assert not pending_tasks().exists()


def test_without_a_worker_backend_a_failure_is_recorded_at_once(monkeypatch, caplog):
    # The tests' ImmediateBackend cannot schedule a retry: the e-mail is failed,
    # listed for "Retry now", and the caller is not interrupted.
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(email_queue.EmailMultiAlternatives, "send", refuse)

    email = send_email("Hello", "Text", ["ada@example.org"])

    email.refresh_from_db()
    assert email.status == Status.FAILED
    assert "SMTPServerDisconnected: gone" in email.last_error
    assert "Could not send the e-mail 'Hello'" in caplog.text
    assert mail.outbox == []


def test_review_emails_go_through_the_queue(db_queue):
    queued = send_messages(
        [Message(to="ada@example.org", subject="[CeCTO] Approved: X", body="Yes")]
    )

    assert queued == 1
    email = OutgoingEmail.objects.get()
    assert email.headers == {"Auto-Submitted": "auto-generated"}
    assert mail.outbox == []
    run_worker()
    assert [message.subject for message in mail.outbox] == ["[CeCTO] Approved: X"]


def test_a_password_reset_asked_for_while_smtp_is_down_arrives_later(
    client, home_page, db_queue, smtp
):
    UserFactory(username="parker", email="parker@example.org")

    response = client.post(
        "/accounts/password-reset/", {"email": "parker@example.org"}, follow=True
    )

    assert "Check your e-mail" in response.content.decode()
    run_worker()
    assert OutgoingEmail.objects.get().status == Status.QUEUED
    smtp.start()
    let_time_pass()
    run_worker()
    (message,) = smtp.inbox.messages
    assert "Subject: Reset your CeCTO Portal password" in message
    assert "/accounts/password-reset/" in message


def test_the_admin_password_reset_is_queued_too(client, db_queue):
    UserFactory(username="director", email="director@example.org", superuser=True)

    response = client.post("/admin/password_reset/", {"email": "director@example.org"})

    assert response.status_code == 302
    email = OutgoingEmail.objects.get()
    assert email.to == ["director@example.org"]
    assert "/admin/password_reset/" in email.body
    run_worker()
    assert len(mail.outbox) == 1


def test_django_mail_api_joins_the_queue_through_the_email_backend(db_queue, settings):
    # What code we do not own sends (Wagtail's comment notifications, mail_admins).
    settings.EMAIL_BACKEND = "outbox.backends.QueuedEmailBackend"

    sent = mail.send_mail("Comment on a page", "A reply", None, ["faculty@example.org"])

    assert sent == 1
    email = OutgoingEmail.objects.get()
    assert email.subject == "Comment on a page"
    assert mail.outbox == []
    run_worker()
    assert [message.to for message in mail.outbox] == [["faculty@example.org"]]


def test_a_message_the_queue_cannot_take_is_sent_at_once(settings):
    settings.EMAIL_BACKEND = "outbox.backends.QueuedEmailBackend"
    message = mail.EmailMessage("Report", "See attached", to=["ada@example.org"])
    message.attach("report.csv", "a,b\n", "text/csv")

    assert message.send() == 1

    assert not OutgoingEmail.objects.exists()
    assert len(mail.outbox) == 1


def test_a_stuck_sending_email_can_be_retried_only_once_it_is_stale(db_queue):
    email = send_email("Hello", "Text", ["ada@example.org"])
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=Status.SENDING, attempts=1, last_attempt_at=timezone.now()
    )
    assert not retry_now(email)  # perhaps still being sent

    OutgoingEmail.objects.filter(pk=email.pk).update(
        last_attempt_at=timezone.now() - timedelta(hours=1)
    )  # the worker was killed while sending
    assert retry_now(email)
    email.refresh_from_db()
    assert email.status == Status.QUEUED


def run_email_worker():
    if connection.vendor != "sqlite":
        # Django closes the test's connection when the worker sees a database error,
        # which ends the test's transaction on a server database (SQLite's in-memory
        # test database survives it); `make fault` runs the real worker on PostgreSQL.
        pytest.skip("runs the worker command on SQLite; make fault covers PostgreSQL")
    call_command(
        "email_worker",
        "--batch",
        "--no-startup-delay",
        "--interval=0",
        "--database-retry-seconds=0",
        verbosity=0,
    )


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="A simulated restart here ends the test's own transaction on a server "
    "database; on PostgreSQL `make fault` stops the server under the real worker.",
)
def test_the_email_worker_rides_out_a_database_restart(db_queue, monkeypatch):
    runs = []
    real_run = db_worker.Worker.run

    def run(worker):
        runs.append(worker)
        if len(runs) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real_run(worker)

    monkeypatch.setattr(db_worker.Worker, "run", run)
    # Reconnecting would end the test's transaction; the real worker closes them.
    monkeypatch.setattr(email_worker.connections, "close_all", lambda: None)
    email = send_email("Hello", "Text", ["ada@example.org"])

    run_email_worker()

    assert len(runs) == 2  # db_worker would have exited after the first
    email.refresh_from_db()
    assert email.status == Status.SENT
    assert len(mail.outbox) == 1


def test_the_email_worker_requeues_an_email_a_killed_worker_left_sending(db_queue):
    email = send_email("Hello", "Text", ["ada@example.org"])
    DBTaskResult.objects.update(status="RUNNING")  # its worker was killed
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=Status.SENDING,
        attempts=1,
        last_attempt_at=timezone.now() - timedelta(hours=1),
    )

    run_email_worker()

    email.refresh_from_db()
    assert email.status == Status.SENT
    assert email.attempts == 2
    assert len(mail.outbox) == 1


def test_the_email_worker_requeues_an_email_whose_task_died_before_its_attempt(
    db_queue,
):
    email = send_email("Hello", "Text", ["ada@example.org"])
    # Claimed by a worker that was killed (or lost the database) before it began.
    DBTaskResult.objects.update(status="RUNNING")
    OutgoingEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - timedelta(hours=1)
    )

    run_email_worker()

    email.refresh_from_db()
    assert email.status == Status.SENT
    assert len(mail.outbox) == 1


def test_a_waiting_email_with_its_task_still_queued_is_left_alone(db_queue):
    email = send_email("Hello", "Text", ["ada@example.org"])
    OutgoingEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - timedelta(hours=1)
    )

    assert email_worker.requeue_stuck_emails() == 0
    assert pending_tasks().count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_delivery_is_recorded_even_if_the_database_blinks_just_after(
    db_queue, monkeypatch
):
    from django.db.models import QuerySet

    real_update = QuerySet.update
    failures = []

    def update(queryset, **fields):
        if fields.get("status") == Status.SENT and not failures:
            failures.append(fields)
            raise OperationalError("the database system is shutting down")
        return real_update(queryset, **fields)

    monkeypatch.setattr(QuerySet, "update", update)
    monkeypatch.setattr(email_queue, "RECORD_PAUSES", (0,))
    email = send_email("Hello", "Text", ["ada@example.org"])

    run_worker()

    email.refresh_from_db()
    assert failures  # the first attempt to record it failed
    assert email.status == Status.SENT
    assert len(mail.outbox) == 1


def test_the_worker_keeps_looking_for_interrupted_emails_while_it_runs(
    db_queue, monkeypatch
):
    """Not only when it starts: an attempt cut off by a database restart is queued
    again by the worker's periodic look, with no restart of the worker."""
    import time

    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    from outbox.management.commands import email_worker

    looks = []
    monkeypatch.setattr(
        email_worker, "requeue_stuck_emails", lambda: looks.append(1) or 0
    )
    monkeypatch.setattr(email_worker.connections, "close_all", lambda: None)
    monkeypatch.setattr(
        db_worker.Command, "handle", lambda self, *args, **options: time.sleep(0.5)
    )
    call_command("email_worker", "--recover-every", "0.05", verbosity=0)
    # One look as it starts, then one every 0.05 s while the worker ran (a thread
    # that died at once, as it did, leaves the first look alone).
    assert len(looks) >= 4
