"""The module editor's form: contact hours checked against each year's sessions."""

from django.utils.translation import gettext_lazy as _

from core.admin_forms import PageAdminForm
from curriculum.program_year import cohort_years, hours_by_year


def kept_sessions(formset):
    """(starts_at, hours) of the sessions the editor kept in the form."""
    return [
        (form.cleaned_data["starts_at"], form.cleaned_data["hours"])
        for form in formset.forms
        if getattr(form, "cleaned_data", None)
        and not form.cleaned_data.get("DELETE")
        and form.cleaned_data.get("hours") is not None
        and form.cleaned_data.get("starts_at") is not None
    ]


def _number(value):
    return f"{value.normalize():f}"


class ModulePageForm(PageAdminForm):
    """Refuses to publish (or submit for review) a module whose contact hours
    disagree with the hours of a program year's sessions.

    A module holds the sessions of every year it is taught; each class (a cohort,
    by its dates) must get the module's contact hours, so the check is per year
    (`curriculum.program_year.hours_by_year`): a later year still being planned
    may fall short without blocking a publish.

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
        if self.is_deferred_validation:
            return cleaned_data
        tracks = cleaned_data.get("tracks") or []
        checks = hours_by_year(
            contact_hours,
            kept_sessions(formset),
            cohort_years([track.pk for track in tracks]),
        )
        for check in checks:
            if not check.blocks_publishing:
                continue
            values = {
                "sessions": _number(check.sessions),
                "contact": _number(check.contact),
            }
            if len(checks) == 1:
                message = _(
                    "The sessions add up to %(sessions)s hours but the contact hours "
                    "say %(contact)s. Set the contact hours to %(sessions)s, or "
                    "correct the sessions' hours on the Teaching tab."
                )
            else:
                values["label"] = check.label
                message = _(
                    "%(label)s add up to %(sessions)s hours but the contact hours "
                    "say %(contact)s. Each class must get the module's contact "
                    "hours: correct that year's sessions on the Teaching tab."
                )
            self.add_error("contact_hours", message % values)
        return cleaned_data
