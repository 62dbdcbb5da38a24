"""Helpers for the e-mail queue's tests: the database backend, a worker run in the
test's transaction, and a real SMTP server (aiosmtpd) on a free local port. The
fixtures that use them (`db_queue`, `smtp`) are in the test modules."""

import socket

from aiosmtpd.controller import Controller
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

DATABASE_BACKEND = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


def run_worker():
    """Run every e-mail task that is due, as `db_worker --backend email` would
    (without its connection recycling, which a test's transaction forbids).
    Returns the number of tasks run."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="email",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    while task := DBTaskResult.objects.ready().filter(backend_name="email").first():
        task.claim(worker.worker_id)
        worker.run_task(task)
        ran += 1
    return ran


def pending_tasks():
    return DBTaskResult.objects.filter(backend_name="email", status="READY")


def let_time_pass():
    """Every scheduled retry becomes due, as if its back-off had passed."""
    return DBTaskResult.objects.filter(status="READY").update(
        run_after="2000-01-01T00:00:00Z"
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self):
        return [envelope.content.decode() for envelope in self.envelopes]


class SMTPServer:
    """A real SMTP server on 127.0.0.1, down until started."""

    def __init__(self):
        self.port = free_port()
        self.inbox = Inbox()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
