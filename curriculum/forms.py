"""The module editor's form: contact hours checked against the sessions."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


def sessions_hours(formset):
    """Hours of the sessions the editor kept in the form, or None without any."""
    hours = [
        form.cleaned_data["hours"]
        for form in formset.forms
        if getattr(form, "cleaned_data", None)
        and not form.cleaned_data.get("DELETE")
        and form.cleaned_data.get("hours") is not None
    ]
    return sum(hours, Decimal(0)) if hours else None


class ModulePageForm(WagtailAdminPageForm):
    """Refuses to publish (or submit for review) a module whose contact hours
    disagree with the hours of its sessions.

    The hours are validated, not derived: the contact hours are what the tracks'
    required hours (240 and 20) are checked against, and a module planned before
    its sessions are dated must still count on the curriculum map. A draft may
    disagree while faculty work on the schedule: the Teaching tab then shows a
    warning (`HoursCheckPanel`), and the check bites when the module goes live.
    """

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("sessions")
        contact_hours = cleaned_data.get("contact_hours")
        if formset is None or contact_hours is None or not formset.is_valid():
            return cleaned_data
        total = sessions_hours(formset)
        if total is None or total == contact_hours or self.is_deferred_validation:
            return cleaned_data
        self.add_error(
            "contact_hours",
            _(
                "The sessions add up to %(sessions)s hours but the contact hours "
                "say %(contact)s. Set the contact hours to %(sessions)s, or correct "
                "the sessions' hours on the Teaching tab."
            )
            % {
                "sessions": f"{total.normalize():f}",
                "contact": f"{contact_hours.normalize():f}",
            },
        )
        return cleaned_data
