from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    """Credentials: certificates, public verification and Open Badges 3.0."""

    name = "credentials"
    verbose_name = "Credentials"

    def ready(self):
        from django.db.models.signals import post_save

        from caching import track
        from credentials import checks  # noqa: F401 - registers the deploy check
        from credentials.completion import track_saved
        from credentials.models import Credential

        # The "Class of" rosters link graduates' credentials; verification shows them.
        track(Credential)

        # A new track gets its completion rules (credentials/completion.py).
        post_save.connect(track_saved, sender="curriculum.Track", dispatch_uid="rules")
