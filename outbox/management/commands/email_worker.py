"""`manage.py email_worker`: django-tasks-db's `db_worker` for the e-mail queue.

The same worker, with the e-mail backend chosen and no autoreloader (which would
leave an orphan behind when `make run` stops it), and three additions for an
unattended process: it rides out a database restart (waits and reconnects where
`db_worker` would exit); and when it starts, and every few minutes after, it queues
again any e-mail whose attempt was interrupted, left "sending" by a worker killed
mid-send, or still queued with no task left to run it (a worker killed, or the
database lost, between claiming the task and starting the attempt).
https://github.com/RealOrangeOne/django-tasks-db (management/commands/db_worker.py)
"""

import logging
import threading
import time

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from outbox.models import OutgoingEmail
from outbox.queue import TASK_BACKEND, retry_now, stale_after

logger = logging.getLogger(__name__)

Status = OutgoingEmail.Status


def requeue_stuck_emails() -> int:
    """Queue again the e-mails whose attempt never finished. Returns how many."""
    cutoff = timezone.now() - stale_after()
    interrupted = OutgoingEmail.objects.filter(
        status=Status.SENDING, last_attempt_at__lt=cutoff
    )
    waiting = OutgoingEmail.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lt=cutoff),
        status=Status.QUEUED,
        created_at__lt=cutoff,
    )
    ready = {
        str(task_id)
        for task_id in DBTaskResult.objects.filter(
            backend_name=TASK_BACKEND, status="READY"
        ).values_list("id", flat=True)
    }
    orphans = [email for email in waiting if email.task_id not in ready]
    return sum(retry_now(email) for email in [*interrupted, *orphans])


def recover_periodically(seconds: float, stop: threading.Event) -> None:
    """In a thread beside the worker: requeue interrupted e-mails now and then."""
    while not stop.wait(seconds):
        try:
            if requeued := requeue_stuck_emails():
                logger.warning("Queued %d interrupted e-mail(s) again", requeued)
        except DatabaseError as error:
            logger.warning("Could not look for interrupted e-mails: %s", error)
        finally:
            connections.close_all()  # this thread's own connections


class Command(db_worker.Command):
    help = "Deliver queued e-mails (db_worker --backend email that survives outages)"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(backend_name=TASK_BACKEND, reload=False)
        parser.add_argument(
            "--database-retry-seconds",
            type=float,
            default=5,
            help="Pause before reconnecting when the database is away (default 5).",
        )
        parser.add_argument(
            "--recover-every",
            type=float,
            default=300,
            help="Seconds between looks for interrupted e-mails (default 300).",
        )

    def handle(self, *args, database_retry_seconds, recover_every, **options):
        stop = threading.Event()
        if not options["batch"]:
            threading.Thread(
                target=recover_periodically, args=(recover_every, stop), daemon=True
            ).start()
        try:
            while True:
                try:
                    if requeued := requeue_stuck_emails():
                        logger.warning(
                            "Queued %d interrupted e-mail(s) again", requeued
                        )
                    return super().handle(*args, **options)
                except (OperationalError, InterfaceError) as error:
                    logger.warning(
                        "Database unavailable (%s); the e-mail worker retries in %ss",
                        error,
                        database_retry_seconds,
                    )
                    connections.close_all()
                    time.sleep(database_retry_seconds)
        finally:
            stop.set()  # the periodic look ends with the worker
