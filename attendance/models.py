"""Attendance per session and manual hours adjustments: the hours ledger's entries.

A cohort's sessions are the live sessions of its track's modules dated between the
cohort's start and graduation (`sessions_for_cohort`). Each `Attendance` row is one
enrollment at one session; the hours it earns are stored on the row (all of the
session's hours, the partial hours recorded, or none), so the ledger is a sum.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from attendance.choices import EARNING, AttendanceStatus


class Attendance(models.Model):
    """One enrollment's attendance at (or completion of) one session."""

    session = models.ForeignKey(
        "curriculum.ModuleSession",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    enrollment = models.ForeignKey(
        "people.Enrollment",
        verbose_name=_("enrollment"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AttendanceStatus.choices
    )
    hours = models.DecimalField(
        _("hours earned"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "For a partial attendance, the hours the person was there. Otherwise "
            "set from the status: all of the session's hours, or none."
        ),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        ordering = ["session__starts_at", "enrollment__person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrollment"], name="unique_attendance_per_session"
            )
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        permissions = [
            (
                "record_all_attendance",
                _("Can record attendance for every cohort (the Program Director)"),
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.enrollment.person} at {self.session}: {self.get_status_display()}"
        )

    def earned_hours(self, session_hours: Decimal) -> Decimal:
        """The hours this status earns at a session of `session_hours` hours."""
        if self.status == AttendanceStatus.PARTIAL:
            return self.hours
        return session_hours if self.status in EARNING else Decimal("0")

    def clean(self) -> None:
        if self.status != AttendanceStatus.PARTIAL or self.session_id is None:
            return
        if not self.hours or self.hours <= 0:
            raise ValidationError({"hours": _("Enter the hours the person attended.")})
        if self.hours >= self.session.hours:
            raise ValidationError(
                {
                    "hours": _(
                        "Partial hours must be fewer than the session's %(hours)s; "
                        "choose Present for the whole session."
                    )
                    % {"hours": self.session.hours}
                }
            )


class HoursAdjustment(models.Model):
    """Hours added to (or taken from) an enrollment by hand, always with a reason."""

    enrollment = models.ForeignKey(
        "people.Enrollment",
        verbose_name=_("enrollment"),
        on_delete=models.CASCADE,
        related_name="hours_adjustments",
    )
    topic_area = models.ForeignKey(
        "curriculum.TopicArea",
        verbose_name=_("topic area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The competency the hours count towards, if any."),
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[
            MinValueValidator(Decimal("-240")),
            MaxValueValidator(Decimal("240")),
        ],
        help_text=_("Negative to correct an earlier credit."),
    )
    reason = models.CharField(
        _("reason"),
        max_length=300,
        help_text=_(
            "Shown on the ledger, e.g. 'Make-up session for Risk Management' or "
            "'Credit for prior learning: CGCIO 2019'."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("hours adjustment")
        verbose_name_plural = _("hours adjustments")

    def __str__(self) -> str:
        return f"{self.hours:+} h for {self.enrollment.person}: {self.reason}"

    def clean(self) -> None:
        if self.hours == 0:
            raise ValidationError(
                {"hours": _("An adjustment of 0 hours changes nothing.")}
            )
        if not (self.reason or "").strip():
            raise ValidationError({"reason": _("Say why the hours are adjusted.")})
