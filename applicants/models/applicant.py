"""Applicants: people who asked to join a future course, up to their enrollment."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applicants.choices import ALLOWED_TRANSITIONS, ApplicantSource, ApplicantStatus

# The fields whose changes the history records (old and new value of each).
TRACKED_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "lea",
    "district_other",
    "job_title",
    "track",
    "year",
    "status",
    "notes",
]


class ApplicantQuerySet(models.QuerySet):
    def for_listing(self):
        """What the admin listing and export show, without a query per row."""
        return self.select_related("lea", "track")


class Applicant(models.Model):
    """Someone who asked to join a future course (the join form, or added by hand)."""

    first_name = models.CharField(
        _("first name"),
        max_length=80,
        help_text=_("As the person gave it."),
    )
    last_name = models.CharField(
        _("last name"),
        max_length=80,
        blank=True,
        help_text=_("Blank if the join form gave a single name."),
    )
    email = models.EmailField(
        _("e-mail"),
        help_text=_(
            "Their sign-in is made from this address when they are enrolled; an "
            "account or person with the same address is linked, not copied."
        ),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("Optional: a number staff can call."),
    )
    lea = models.ForeignKey(
        "people.LEA",
        verbose_name=_("LEA"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applicants",
        help_text=_("Their school district, if it is in the list of LEAs."),
    )
    district_other = models.CharField(
        _("other district or organization"),
        max_length=255,
        blank=True,
        help_text=_("Where they work if it is not in the list of LEAs."),
    )
    job_title = models.CharField(
        _("job title"),
        max_length=150,
        blank=True,
        help_text=_("For example: Technology Director or Superintendent."),
    )
    track = models.ForeignKey(
        "curriculum.Track",
        verbose_name=_("track"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applicants",
        help_text=_("The track they asked for; blank if they were not sure."),
    )
    year = models.PositiveSmallIntegerField(
        _("cohort year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2010), MaxValueValidator(2100)],
        help_text=_(
            "The class they asked to join, by its graduation year (for example 2027)."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicantStatus.choices,
        default=ApplicantStatus.NEW,
        help_text=_(
            "Where the request stands. “Enrolled” is set by the Enroll action, "
            "which creates the person, their sign-in and their enrollment."
        ),
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("For program staff only: calls, e-mails, decisions."),
    )
    message = models.TextField(
        _("their message"),
        blank=True,
        help_text=_("What they wrote on the join form, as they wrote it."),
    )
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=ApplicantSource.choices,
        default=ApplicantSource.BY_HAND,
        editable=False,
        help_text=_("How the request reached the program."),
    )
    form_submission = models.OneToOneField(
        "wagtailforms.FormSubmission",
        verbose_name=_("join form submission"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="applicant",
        help_text=_("The join form submission this applicant came from."),
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="applications",
        help_text=_("Their person record, once enrolled."),
    )
    enrollment = models.ForeignKey(
        "people.Enrollment",
        verbose_name=_("enrollment"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="applications",
        help_text=_("Their enrollment, once enrolled."),
    )
    created_at = models.DateTimeField(
        _("received"), auto_now_add=True, help_text=_("When the request arrived.")
    )
    updated_at = models.DateTimeField(
        _("updated"), auto_now=True, help_text=_("When the record last changed.")
    )

    objects = ApplicantQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "year"])]
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")

    def __str__(self):
        return self.full_name or self.email

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.remember_saved_values()
        return instance

    def remember_saved_values(self):
        """Keep the values as saved, to validate status changes and log changes."""
        # Only what was loaded: reading a deferred field here would cost a query.
        attnames = {name: self._meta.get_field(name).attname for name in TRACKED_FIELDS}
        self._saved_values = {
            name: self.__dict__[attname]
            for name, attname in attnames.items()
            if attname in self.__dict__
        }

    @property
    def saved_status(self):
        """The status in the database; None for an applicant not saved yet."""
        return getattr(self, "_saved_values", {}).get("status")

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def received_on(self):
        """The day the request arrived (local time), for exports."""
        return timezone.localdate(self.created_at)

    @property
    def district(self):
        """The LEA's name, or the district or organization they typed."""
        return self.lea.name if self.lea_id else self.district_other

    def clean(self):
        errors = {}
        if self.lea_id and self.district_other:
            errors["district_other"] = _(
                "Leave this empty when an LEA is chosen, or clear the LEA."
            )
        old, new = self.saved_status, self.status
        if new == ApplicantStatus.ENROLLED and old != ApplicantStatus.ENROLLED:
            errors["status"] = _(
                "Use the Enroll action to enroll an accepted applicant: it creates "
                "their person record, sign-in and enrollment."
            )
        elif old and old != new and new not in ALLOWED_TRANSITIONS[old]:
            if old == ApplicantStatus.ENROLLED:
                errors["status"] = _(
                    "This applicant is enrolled; change their enrollment instead."
                )
            else:
                errors["status"] = _(
                    "An applicant who is “%(old)s” cannot be set to “%(new)s”."
                ) % {
                    "old": ApplicantStatus(old).label,
                    "new": ApplicantStatus(new).label,
                }
        if errors:
            raise ValidationError(errors)

    def changes(self):
        """{field: (old, new)} of the tracked fields changed since loading, as text."""
        saved = getattr(self, "_saved_values", None)
        if saved is None:
            return {}
        changed = {}
        for name in TRACKED_FIELDS:
            if name not in saved:
                continue
            field = self._meta.get_field(name)
            old, new = saved[name], getattr(self, field.attname)
            if old != new:
                changed[name] = (
                    _describe(field, old),
                    _describe(field, new),
                )
        return changed


def _describe(field, value):
    """A stored value as staff read it: a choice's label, a related record's name."""
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        obj = field.related_model._default_manager.filter(pk=value).first()
        return str(obj) if obj else str(value)
    return str(value)
