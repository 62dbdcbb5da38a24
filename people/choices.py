"""Fixed vocabularies of the people app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """North Carolina's education regions (the State Board's eight districts)."""

    NORTHEAST = "northeast", _("Northeast")
    SOUTHEAST = "southeast", _("Southeast")
    NORTH_CENTRAL = "north-central", _("North Central")
    SANDHILLS = "sandhills", _("Sandhills")
    PIEDMONT_TRIAD = "piedmont-triad", _("Piedmont-Triad")
    SOUTHWEST = "southwest", _("Southwest")
    NORTHWEST = "northwest", _("Northwest")
    WESTERN = "western", _("Western")


class PersonRole(models.TextChoices):
    """What a person does in the program. A person may hold several roles."""

    FACULTY = "faculty", _("Faculty")
    STAFF = "staff", _("Program staff")
    PARTICIPANT = "participant", _("Participant")
    SUPERINTENDENT = "superintendent", _("Superintendent")
    PARTNER_CONTACT = "partner-contact", _("Partner contact")


class EnrollmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled (candidate)")
    COMPLETED = "completed", _("Completed (certified)")
    WITHDRAWN = "withdrawn", _("Withdrawn")
