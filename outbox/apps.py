from django.apps import AppConfig


class OutboxConfig(AppConfig):
    """The durable e-mail queue: every e-mail is a row, delivered by a worker."""

    name = "outbox"
    verbose_name = "E-mail outbox"
