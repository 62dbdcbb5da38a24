from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """Backup sets (database and every file storage) and their restore."""

    name = "backups"
    verbose_name = "Backups"
