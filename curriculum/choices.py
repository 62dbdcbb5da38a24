"""Fixed vocabularies of the curriculum app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryMode(models.TextChoices):
    FACE_TO_FACE = "face-to-face", _("Face to face")
    SYNCHRONOUS = "synchronous", _("Synchronous online")
    ASYNCHRONOUS = "asynchronous", _("Asynchronous online")


class SessionKind(models.TextChoices):
    SESSION = "session", _("Module session")
    JOINT = "joint", _("Joint meeting of both tracks")
    GRADUATION = "graduation", _("Graduation ceremony")
