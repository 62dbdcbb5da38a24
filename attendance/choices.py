"""Fixed vocabularies of the attendance app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AttendanceStatus(models.TextChoices):
    """How a person took part in a session.

    Face-to-face and synchronous sessions are attended (present, partial, absent,
    excused); asynchronous sessions and assignments are completed or not.
    """

    PRESENT = "present", _("Present")
    PARTIAL = "partial", _("Partial")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")
    COMPLETED = "completed", _("Completed")
    NOT_COMPLETED = "not-completed", _("Not completed")


# The statuses that earn hours: all of the session's, or (partial) the hours recorded.
EARNING = {
    AttendanceStatus.PRESENT,
    AttendanceStatus.PARTIAL,
    AttendanceStatus.COMPLETED,
}
