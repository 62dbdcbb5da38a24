"""Forms of the attendance screens: a session's attendance, and hours adjustments."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from attendance.choices import AttendanceStatus
from attendance.models import Attendance, HoursAdjustment
from curriculum.choices import DeliveryMode
from people.choices import EnrollmentStatus
from people.models import Enrollment

ATTENDED = [
    AttendanceStatus.PRESENT,
    AttendanceStatus.PARTIAL,
    AttendanceStatus.ABSENT,
    AttendanceStatus.EXCUSED,
]
COMPLETED = [AttendanceStatus.COMPLETED, AttendanceStatus.NOT_COMPLETED]

ROW_FIELD = re.compile(r"^(status|hours|note)-(?P<pk>\d+)$")


def statuses_for(session):
    """Asynchronous sessions (and assignments) are completed; others attended."""
    return COMPLETED if session.mode == DeliveryMode.ASYNCHRONOUS else ATTENDED


def full_status(session):
    """The status 'All present' (or 'All completed') gives."""
    return statuses_for(session)[0]


class SessionAttendanceForm(forms.Form):
    """Every listed person's status, partial hours and note at one session.

    Fields are named by enrollment: `status-<id>`, `hours-<id>`, `note-<id>`. Data
    for any other enrollment (a person not in the session's cohorts, or withdrawn)
    makes the whole form invalid, so nothing is written. A person with no record
    yet may be left unrecorded; a recorded status can be changed, not removed.
    """

    def __init__(self, *args, session, enrollments, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.enrollments = {enrollment.pk: enrollment for enrollment in enrollments}
        self.existing = existing
        self.statuses = statuses_for(session)
        choices = [(status.value, status.label) for status in self.statuses]
        for pk, enrollment in self.enrollments.items():
            record = existing.get(pk)
            name = enrollment.person.full_name
            self.fields[f"status-{pk}"] = forms.ChoiceField(
                label=_("Status of %(name)s") % {"name": name},
                choices=choices if record else [("", _("Not recorded")), *choices],
                required=False,
            )
            self.fields[f"hours-{pk}"] = forms.DecimalField(
                label=_("Hours %(name)s attended") % {"name": name},
                required=False,
                min_value=Decimal("0"),
                max_digits=4,
                decimal_places=1,
            )
            self.fields[f"note-{pk}"] = forms.CharField(
                label=_("Note on %(name)s") % {"name": name},
                required=False,
                max_length=300,
            )
            if record:
                self.initial[f"status-{pk}"] = record.status
                self.initial[f"note-{pk}"] = record.note
                if record.status == AttendanceStatus.PARTIAL:
                    self.initial[f"hours-{pk}"] = record.hours

    def rows(self):
        """(enrollment, its record or None, its three bound fields), in order."""
        for pk, enrollment in self.enrollments.items():
            yield {
                "enrollment": enrollment,
                "record": self.existing.get(pk),
                "status": self[f"status-{pk}"],
                "hours": self[f"hours-{pk}"],
                "note": self[f"note-{pk}"],
            }

    def unknown_enrollments(self):
        """Enrollment ids in the data that are not on this screen."""
        if not self.is_bound:
            return set()
        ids = set()
        for key in self.data:
            if match := ROW_FIELD.match(key):
                pk = int(match["pk"])
                if pk not in self.enrollments:
                    ids.add(pk)
        return ids

    def clean(self):
        cleaned = super().clean()
        if unknown := self.unknown_enrollments():
            raise ValidationError(
                _(
                    "Attendance was sent for someone who is not enrolled in this "
                    "session's cohorts (enrollment %(ids)s). Nothing was saved; "
                    "reload the page and try again."
                )
                % {"ids": ", ".join(str(pk) for pk in sorted(unknown))},
                code="not_in_cohort",
            )
        for pk in self.enrollments:
            status = cleaned.get(f"status-{pk}")
            if status == AttendanceStatus.PARTIAL:
                self._check_partial_hours(pk, cleaned.get(f"hours-{pk}"))
            elif not status and pk in self.existing and self.sent(pk):
                self.add_error(f"status-{pk}", _("Choose a status."))
        return cleaned

    def _check_partial_hours(self, pk, hours):
        if not hours:
            self.add_error(
                f"hours-{pk}", _("Enter the hours the person attended, above 0.")
            )
        elif hours >= self.session.hours:
            self.add_error(
                f"hours-{pk}",
                _(
                    "Partial hours must be fewer than the session's %(hours)s; "
                    "choose Present for the whole session."
                )
                % {"hours": self.session.hours},
            )

    def sent(self, pk):
        """Did the data carry this person's status? (A person enrolled after the
        page was loaded is not on it: their record, if any, is left alone.)"""
        return f"status-{pk}" in self.data

    def wanted(self, fill_status=None):
        """{enrollment id: (status, hours, note)} for every person with a status;
        those with no record and none chosen get `fill_status` when given ('All
        present'); those recorded but not sent keep their record."""
        wanted = {}
        for pk in self.enrollments:
            if pk in self.existing and not self.sent(pk):
                continue
            status = self.cleaned_data.get(f"status-{pk}") or fill_status
            if not status:
                continue
            note = self.cleaned_data.get(f"note-{pk}") or ""
            if status == AttendanceStatus.PARTIAL:
                hours = self.cleaned_data[f"hours-{pk}"]
            else:
                hours = Attendance(status=status).earned_hours(self.session.hours)
            wanted[pk] = (status, hours, note.strip())
        return wanted


class EnrollmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, enrollment):
        return f"{enrollment.person.full_name} — {enrollment.cohort}"


class HoursAdjustmentForm(forms.ModelForm):
    """An adjustment: whose hours, how many, for which topic area, and why."""

    enrollment = EnrollmentChoiceField(
        label=_("Enrollment"),
        queryset=Enrollment.objects.exclude(status=EnrollmentStatus.WITHDRAWN)
        .select_related("person", "cohort__track")
        .order_by("-cohort__year", "person__last_name", "person__first_name"),
    )

    class Meta:
        model = HoursAdjustment
        fields = ["enrollment", "hours", "topic_area", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def clean_reason(self):
        reason = (self.cleaned_data.get("reason") or "").strip()
        if not reason:
            raise ValidationError(
                _("Say why the hours are adjusted, e.g. 'Make-up session'.")
            )
        return reason

    def clean_hours(self):
        hours = self.cleaned_data.get("hours")
        if hours is not None and hours == 0:
            raise ValidationError(_("An adjustment of 0 hours changes nothing."))
        return hours
