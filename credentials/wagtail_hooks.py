from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from credentials import graduation_views
from credentials.graduation import GRADUATE_ACTION, REINSTATE_ACTION, UNDO_ACTION
from credentials.viewsets import GraduationViewSet, credential_viewset


@hooks.register("register_admin_viewset")
def register_credential_viewset():
    return credential_viewset


@hooks.register("register_log_actions")
def register_credential_log_actions(actions):
    """Readable history entries for issuing, revoking and the graduate's choices."""

    @actions.register_action("credentials.issue")
    class IssuedCredential(LogFormatter):
        label = _("Issue credential")

        def format_message(self, log_entry):
            return _("Issued on %(date)s.") % {
                "date": log_entry.data.get("issued_on", "")
            }

    @actions.register_action("credentials.revoke")
    class RevokedCredential(LogFormatter):
        label = _("Revoke credential")

        def format_message(self, log_entry):
            return _("Revoked: %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }

    @actions.register_action("credentials.public_display")
    class ChangedPublicDisplay(LogFormatter):
        label = _("Change what the public page shows")

        def format_message(self, log_entry):
            data = log_entry.data
            if not data.get("show_name"):
                return _("The public page shows the credential without the name.")
            if data.get("show_affiliation"):
                return _("The public page shows the name and the district.")
            return _("The public page shows the name.")


# Graduation (credentials/graduation_views.py): the cohorts' completion, graduating
# and undoing it, and the completion rules.
@hooks.register("register_admin_viewset")
def register_graduation_viewset():
    return GraduationViewSet()


@hooks.register("register_admin_viewset")
def register_completion_rules_viewset():
    return graduation_views.CompletionRulesViewSet()


@hooks.register("register_log_actions")
def register_graduation_log_actions(actions):
    """Readable history entries for graduating, undoing and reinstating."""

    @actions.register_action(GRADUATE_ACTION)
    class Graduated(LogFormatter):
        label = _("Graduate")

        def format_message(self, log_entry):
            data = log_entry.data
            message = _("Graduated on %(date)s.") % {"date": data.get("graduated_on")}
            if data.get("reason"):
                message += " " + _("Rules not met: %(unmet)s. Reason: %(reason)s") % {
                    "unmet": "; ".join(data.get("unmet", [])),
                    "reason": data["reason"],
                }
            return message

    @actions.register_action(UNDO_ACTION)
    class GraduationUndone(LogFormatter):
        label = _("Undo graduation")

        def format_message(self, log_entry):
            return _("Graduation undone; the credential is revoked.")

    @actions.register_action(REINSTATE_ACTION)
    class Reinstated(LogFormatter):
        label = _("Reinstate credential")

        def format_message(self, log_entry):
            return _("Reinstated on graduating again, issued on %(date)s.") % {
                "date": log_entry.data.get("issued_on", "")
            }
