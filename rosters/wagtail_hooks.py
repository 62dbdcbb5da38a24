from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from rosters.importer import LOG_ACTION
from rosters.permissions import may_import_rosters
from rosters.views import PreviewView, UploadView


class ImportRosterMenuItem(MenuItem):
    def is_shown(self, request):
        return may_import_rosters(request.user)


@hooks.register("register_admin_urls")
def register_roster_import_urls():
    return [
        path("rosters/import/", UploadView.as_view(), name="rosters_import"),
        path(
            "rosters/import/<str:token>/",
            PreviewView.as_view(),
            name="rosters_preview",
        ),
    ]


@hooks.register("register_cohorts_menu_item")
def register_import_roster_menu_item():
    """ "Import roster" at the end of the Cohorts menu, for those who may use it."""
    return ImportRosterMenuItem(
        _("Import roster"),
        reverse("rosters_import"),
        name="import-roster",
        icon_name="upload",
        order=1000,
    )


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
