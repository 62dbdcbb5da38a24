"""The applicant's admin form and the enroll confirmation."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from applicants.choices import ALLOWED_TRANSITIONS, INITIAL_STATUSES, ApplicantStatus
from people.models import Cohort


class ApplicantForm(WagtailAdminModelForm):
    """Offers only the statuses the applicant may move to (never "Enrolled", which
    the Enroll action sets); the model's clean() refuses anything else."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("status")
        if field is None:
            return
        current = self.instance.saved_status
        if current is None:
            allowed = INITIAL_STATUSES
        else:
            allowed = [
                status
                for status in ApplicantStatus
                if status == current or status in ALLOWED_TRANSITIONS[current]
            ]
        field.choices = [(s.value, s.label) for s in allowed]
        if current == ApplicantStatus.ENROLLED:
            field.disabled = True
            field.help_text = _(
                "Enrolled through the Enroll action; change their enrollment under "
                "Cohorts > Enrollments."
            )


class EnrollForm(forms.Form):
    """Which cohort to enroll the applicant in."""

    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.select_related("track").order_by(
            "-year", "track__sort_order"
        ),
        empty_label=_("Choose a cohort..."),
        help_text=_(
            "Chosen for you when a cohort matches the track and year they asked for."
        ),
    )
