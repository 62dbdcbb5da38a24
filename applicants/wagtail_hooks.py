from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from applicants.models import Applicant
from applicants.viewsets import ApplicantViewSet


@hooks.register("register_admin_viewset")
def register_applicant_viewset():
    return ApplicantViewSet()


@hooks.register("register_log_actions")
def register_applicant_log_actions(actions):
    """Readable history entries: what changed, from what to what."""

    @actions.register_action("applicants.change")
    class ChangedApplicant(LogFormatter):
        label = _("Change applicant")

        def format_message(self, log_entry):
            return describe_changes(log_entry.data.get("changes", {}))

    @actions.register_action("applicants.enroll")
    class EnrolledApplicant(LogFormatter):
        label = _("Enroll applicant")

        def format_message(self, log_entry):
            data = log_entry.data
            made = [
                str(label)
                for key, label in (
                    ("created_person", _("person record")),
                    ("created_user", _("sign-in")),
                    ("created_enrollment", _("enrollment")),
                )
                if data.get(key)
            ]
            message = _("Enrolled in %(cohort)s.") % {"cohort": data.get("cohort", "")}
            if made:
                message += " " + _("Created: %(records)s.") % {
                    "records": ", ".join(made)
                }
            else:
                message += " " + _("Linked to their existing records.")
            return message


def describe_changes(changes):
    """'Status: New → Contacted; Notes changed.' from {field: {old, new}}."""
    # In the model's field order: PostgreSQL's JSONB does not keep the keys' order.
    order = {field.name: i for i, field in enumerate(Applicant._meta.fields)}
    parts = []
    for name, values in sorted(changes.items(), key=lambda item: order.get(item[0], 0)):
        label = str(Applicant._meta.get_field(name).verbose_name).capitalize()
        if name in ("notes", "message"):
            parts.append(_("%(field)s changed") % {"field": label})
        else:
            parts.append(
                _("%(field)s: %(old)s → %(new)s")
                % {
                    "field": label,
                    "old": values.get("old") or _("(empty)"),
                    "new": values.get("new") or _("(empty)"),
                }
            )
    return "; ".join(parts) + "." if parts else _("Saved without changes.")
