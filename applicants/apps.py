from django.apps import AppConfig


class ApplicantsConfig(AppConfig):
    """Applicants: join requests and people added by hand, up to their enrollment."""

    name = "applicants"
    verbose_name = "Applicants"

    def ready(self):
        from applicants import signal_handlers

        signal_handlers.connect()
