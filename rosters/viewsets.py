"""Admin screens of the roster import."""

from django.utils.translation import gettext_lazy as _

from core.admin_tools import AdminToolViewSet
from rosters.permissions import may_import_rosters
from rosters.views import PreviewView, UploadView


class RosterImportViewSet(AdminToolViewSet):
    """Cohorts > Import roster (rosters/views.py): upload, preview, confirm; for
    the Program Director and superusers (`may_import_rosters`)."""

    name = "rosters_import"
    url_prefix = "rosters/import"
    icon = "upload"
    menu_label = _("Import roster")
    menu_name = "import-roster"
    # At the end of people's Cohorts menu (CohortsViewSetGroup.submenu_hook).
    menu_order = 1000
    menu_hook = "register_cohorts_menu_item"
    views = (
        ("", UploadView, "rosters_import"),
        ("<str:token>/", PreviewView, "rosters_preview"),
    )

    def permission_check(self, user):
        return may_import_rosters(user)
