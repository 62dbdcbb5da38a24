"""`manage.py email_worker`: django-tasks-db's `db_worker` for the e-mail queue.

The same worker, with the e-mail backend chosen, no autoreloader (which would leave
an orphan behind when `make run` stops it), and two additions for an unattended
process: it rides out a database restart (waits and reconnects where `db_worker`
would exit), and on each start it queues again any e-mail left "sending" by a
worker that was killed mid-send.
https://github.com/RealOrangeOne/django-tasks-db (management/commands/db_worker.py)
"""

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from core.email import TASK_BACKEND, retry_now, stale_after
from core.models import OutgoingEmail

logger = logging.getLogger(__name__)


def requeue_stuck_emails():
    """Queue again the e-mails whose attempt never finished. Returns how many."""
    stuck = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENDING,
        last_attempt_at__lt=timezone.now() - stale_after(),
    )
    return sum(retry_now(email) for email in stuck)


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

    def handle(self, *args, database_retry_seconds, **options):
        while True:
            try:
                if requeued := requeue_stuck_emails():
                    logger.warning("Queued %d interrupted e-mail(s) again", requeued)
                return super().handle(*args, **options)
            except (OperationalError, InterfaceError) as error:
                logger.warning(
                    "Database unavailable (%s); the e-mail worker retries in %ss",
                    error,
                    database_retry_seconds,
                )
                connections.close_all()
                time.sleep(database_retry_seconds)
