from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from credentials.viewsets import credential_viewset


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
