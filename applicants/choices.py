"""Fixed vocabularies of the applicants app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantStatus(models.TextChoices):
    """Where an applicant stands, from the first request to a place in a cohort."""

    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    ENROLLED = "enrolled", _("Enrolled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The changes staff may make by editing an applicant. "Enrolled" is reached only
# through the enroll action, which creates the person, account and enrollment;
# once enrolled, the enrollment record (People > Enrollments) carries the story.
ALLOWED_TRANSITIONS = {
    ApplicantStatus.NEW: {
        ApplicantStatus.CONTACTED,
        ApplicantStatus.ACCEPTED,
        ApplicantStatus.DECLINED,
        ApplicantStatus.WITHDRAWN,
    },
    ApplicantStatus.CONTACTED: {
        ApplicantStatus.ACCEPTED,
        ApplicantStatus.DECLINED,
        ApplicantStatus.WITHDRAWN,
    },
    ApplicantStatus.ACCEPTED: {
        ApplicantStatus.CONTACTED,
        ApplicantStatus.DECLINED,
        ApplicantStatus.WITHDRAWN,
    },
    ApplicantStatus.DECLINED: {ApplicantStatus.CONTACTED, ApplicantStatus.ACCEPTED},
    ApplicantStatus.WITHDRAWN: {ApplicantStatus.CONTACTED, ApplicantStatus.ACCEPTED},
    ApplicantStatus.ENROLLED: set(),
}

# What an applicant added by hand may start as (never enrolled: use the action).
INITIAL_STATUSES = [s for s in ApplicantStatus if s != ApplicantStatus.ENROLLED]


class ApplicantSource(models.TextChoices):
    """How the request reached the program."""

    JOIN_FORM = "join-form", _("Join form")
    BY_HAND = "by-hand", _("Added by hand")
