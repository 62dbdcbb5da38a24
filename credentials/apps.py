from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    """Credentials: certificates, public verification and Open Badges 3.0."""

    name = "credentials"
    verbose_name = "Credentials"

    def ready(self):
        from credentials import checks  # noqa: F401 - registers the deploy check
