from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from rosters.importer import LOG_ACTION
from rosters.viewsets import RosterImportViewSet


@hooks.register("register_admin_viewset")
def register_roster_import_viewset():
    """ "Import roster" at the end of the Cohorts menu, for those who may use it."""
    return RosterImportViewSet()


@hooks.register("register_log_actions")
def register_roster_log_actions(actions):
    @actions.register_action(LOG_ACTION)
    class RosterImportFormatter(LogFormatter):
        label = _("Import roster")

        def format_message(self, log_entry):
            try:
                return _(
                    "Imported the roster %(file)s: %(people_created)s people "
                    "created, %(people_matched)s matched; %(enrollments_created)s "
                    "enrollments created, %(enrollments_unchanged)s unchanged."
                ) % {"file": log_entry.label, **log_entry.data}
            except (KeyError, TypeError):
                return _("Imported a roster")
