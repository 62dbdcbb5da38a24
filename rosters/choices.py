"""Fixed vocabularies of the roster import."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Uploaded, awaiting confirmation")
    IMPORTED = "imported", _("Imported")


class ImportSource(models.TextChoices):
    ADMIN = "admin", _("Admin screen")
    COMMAND = "command", _("manage.py import_roster")


class FileFormat(models.TextChoices):
    CSV = "csv", _("CSV")
    XLSX = "xlsx", _("XLSX")
