"""Every e-mail the portal sends goes through one durable queue (this module).

`send_email()` writes an `OutgoingEmail` row and enqueues `send_email_task` on the
"email" task backend (django-tasks-db: a row in the same database), both in the
caller's transaction: a rolled-back request leaves neither, and nothing committed
can lose its e-mail between the commit and the enqueue. The worker
(`manage.py db_worker --backend email`) delivers it with `EMAIL_DELIVERY_BACKEND`
(SMTP in production). On an SMTP or connection error the task enqueues its own
next attempt with `run_after` (exponential back-off: `EMAIL_RETRY_BASE_SECONDS`
doubled each time, capped at `EMAIL_RETRY_MAX_SECONDS`) until `EMAIL_MAX_ATTEMPTS`;
then the e-mail is "failed" and listed under Reports > Undelivered e-mails, where
"Retry now" queues it again.

Each task carries the attempt it is for, and claims the row only while the row
still expects that attempt, so a stale task (a back-off overtaken by "Retry now")
or a second worker never sends an e-mail twice.

`outbox.backends.QueuedEmailBackend` is `EMAIL_BACKEND`: e-mail sent through Django's
mail API by code we do not own (Wagtail's admin password reset and comment
notifications, `mail_admins`) joins the same queue.

With a backend that runs tasks in the process (django-tasks' ImmediateBackend, the
tests' setting) the e-mail is sent at once and a failure cannot be retried later:
it is marked failed straight away.
"""

import logging
import smtplib
import time
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import InterfaceError, OperationalError, connection
from django.utils import timezone
from django.utils.functional import Promise
from django_tasks import TaskResult, task

from outbox.models import OutgoingEmail

logger = logging.getLogger(__name__)

TASK_BACKEND = "email"
ERROR_LENGTH = 2000
# EMAIL_BACKEND (outbox/backends.py); EMAIL_DELIVERY_BACKEND must not be this one.
QUEUED_BACKEND = "outbox.backends.QueuedEmailBackend"

Status = OutgoingEmail.Status


def send_email(
    subject: str | Promise,
    body: str | Promise,
    to: Iterable[str],
    *,
    html_body: str = "",
    from_email: str | None = None,
    cc: Iterable[str] = (),
    bcc: Iterable[str] = (),
    reply_to: Iterable[str] = (),
    headers: Mapping[str, str] | None = None,
) -> OutgoingEmail:
    """Queue one e-mail and return its `OutgoingEmail`.

    Every argument is plain text or a list of addresses, so the queue holds
    nothing but data.
    """
    email = OutgoingEmail.objects.create(
        subject=" ".join(str(subject).split()),
        body=str(body),
        html_body=html_body or "",
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        cc=list(cc),
        bcc=list(bcc),
        reply_to=list(reply_to),
        headers=dict(headers or {}),
    )
    enqueue(email)
    return email


def enqueue(email: OutgoingEmail, run_after: datetime | None = None) -> TaskResult:
    """Enqueue the e-mail's next attempt, now or at `run_after`."""
    email_task = send_email_task
    if run_after is not None:
        email_task = email_task.using(run_after=run_after)
    result = email_task.enqueue(email.pk, email.attempts + 1)
    # update(): with a backend that ran the task already, the row has moved on.
    OutgoingEmail.objects.filter(pk=email.pk).update(task_id=str(result.id))
    return result


def retry_now(email: OutgoingEmail) -> bool:
    """Queue an undelivered e-mail for one more attempt, at once. Returns whether
    it was queued (a sent e-mail, or one being sent right now, is left alone)."""
    updated = (
        OutgoingEmail.objects.filter(pk=email.pk)
        .exclude(status=Status.SENT)
        .exclude(
            status=Status.SENDING,
            last_attempt_at__gt=timezone.now() - stale_after(),
        )
        .update(status=Status.QUEUED, next_attempt_at=None)
    )
    if not updated:
        return False
    email.refresh_from_db()
    enqueue(email)
    return True


def stale_after() -> timedelta:
    """How long an attempt may take before the e-mail counts as stuck (the worker
    was killed while sending): its timeout, and a margin."""
    return timedelta(seconds=max(60, 3 * (settings.EMAIL_TIMEOUT or 60)))


def retry_delay(attempt: int) -> int:
    """Seconds to wait after failed attempt number `attempt` (1, 2, 4, 8... times
    the base, capped)."""
    delay = settings.EMAIL_RETRY_BASE_SECONDS * 2 ** (attempt - 1)
    return min(delay, settings.EMAIL_RETRY_MAX_SECONDS)


def is_permanent(error: BaseException) -> bool:
    """A refusal no retry will change: every recipient refused with a 5xx code."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    return False


def delivery_connection(**kwargs: Any) -> BaseEmailBackend:
    """A connection to `EMAIL_DELIVERY_BACKEND`, the backend that really sends."""
    backend = settings.EMAIL_DELIVERY_BACKEND
    if backend == QUEUED_BACKEND:
        raise ImproperlyConfigured(
            "EMAIL_DELIVERY_BACKEND must deliver (SMTP, console...), not queue again."
        )
    return get_connection(backend, **kwargs)


def as_message(
    email: OutgoingEmail, connection: BaseEmailBackend | None = None
) -> EmailMultiAlternatives:
    """The Django e-mail for an `OutgoingEmail`."""
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email,
        to=email.to,
        cc=email.cc,
        bcc=email.bcc,
        reply_to=email.reply_to,
        headers=email.headers,
        connection=connection,
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    return message


@task(backend=TASK_BACKEND)
def send_email_task(email_id: int, attempt: int) -> str:
    """Deliver the queued e-mail `email_id`, as its attempt number `attempt`."""
    now = timezone.now()
    claimed = OutgoingEmail.objects.filter(
        pk=email_id, status=Status.QUEUED, attempts=attempt - 1
    ).update(
        status=Status.SENDING,
        attempts=attempt,
        last_attempt_at=now,
        next_attempt_at=None,
    )
    if not claimed:
        # Sent already, or this attempt was overtaken (retried by hand, or run by
        # another worker): never send twice.
        return "skipped"
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        with delivery_connection() as connection:
            as_message(email, connection).send()
    except (smtplib.SMTPException, OSError) as error:
        if is_permanent(error):
            _give_up(email, error)
            return "failed"
        return _retry_or_give_up(email, error)
    except Exception as error:
        # Not the mail server: a bug or a bad message, which a retry will not fix.
        _give_up(email, error)
        raise
    record_outcome(
        email.pk,
        status=Status.SENT,
        sent_at=timezone.now(),
        last_error="",
        body="",
        html_body="",
    )
    return "sent"


# Pauses, in seconds, before recording an outcome again while the database is away.
RECORD_PAUSES = (1, 2, 4, 8, 15, 30)


def record_outcome(email_id: int, **fields: Any) -> int:
    """Save an attempt's outcome, waiting out a database restart (about a minute):
    an e-mail delivered but left "sending" would be delivered again."""
    for pause in (*RECORD_PAUSES, None):
        try:
            return OutgoingEmail.objects.filter(pk=email_id).update(**fields)
        except (OperationalError, InterfaceError) as error:
            if pause is None or connection.in_atomic_block:
                raise
            logger.warning(
                "Could not record the e-mail %s as %s (%s); trying again in %ss",
                email_id,
                fields.get("status"),
                error,
                pause,
            )
            connection.close()  # the next query opens a fresh connection
            time.sleep(pause)
    return 0


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:ERROR_LENGTH]


def _retry_or_give_up(email: OutgoingEmail, error: BaseException) -> str:
    backend = send_email_task.get_backend()
    if email.attempts >= settings.EMAIL_MAX_ATTEMPTS or not backend.supports_defer:
        _give_up(email, error)
        return "failed"
    run_after = timezone.now() + timedelta(seconds=retry_delay(email.attempts))
    record_outcome(
        email.pk,
        status=Status.QUEUED,
        last_error=_describe(error),
        next_attempt_at=run_after,
    )
    logger.warning(
        "Could not send the e-mail %r to %s (attempt %d of %d: %s); trying again at %s",
        email.subject,
        email.recipients,
        email.attempts,
        settings.EMAIL_MAX_ATTEMPTS,
        _describe(error),
        run_after.isoformat(),
    )
    enqueue(email, run_after=run_after)
    return "retrying"


def _give_up(email: OutgoingEmail, error: BaseException) -> None:
    record_outcome(
        email.pk,
        status=Status.FAILED,
        last_error=_describe(error),
        next_attempt_at=None,
    )
    logger.error(
        "Could not send the e-mail %r to %s (attempt %d: %s); given up, listed "
        "under Reports > Undelivered e-mails",
        email.subject,
        email.recipients,
        email.attempts,
        _describe(error),
    )
