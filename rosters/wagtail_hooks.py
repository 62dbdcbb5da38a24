from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.log_actions import LogFormatter

from rosters.importer import LOG_ACTION
from rosters.views import PreviewView, UploadView, can_import_rosters

COHORTS_MENU = "cohorts"  # the name of people's "Cohorts" ViewSetGroup menu item


class ImportRosterMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import_rosters(request.user)


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


@hooks.register("construct_main_menu")
def add_import_roster_to_the_cohorts_menu(request, menu_items):
    """ "Import roster" at the end of the Cohorts submenu, for those who may use it.

    people's `CohortsViewSetGroup` sets no `submenu_hook` (Wagtail 8's way to add
    to a group from another app), so this builds that submenu anew for the
    request with the item added, leaving the shared menu untouched
    (wagtail/admin/menu.py: `Menu`, `SubmenuMenuItem`).
    """
    item = ImportRosterMenuItem(
        _("Import roster"),
        reverse("rosters_import"),
        name="import-roster",
        icon_name="upload",
        order=1000,
    )
    if not item.is_shown(request):
        return
    for index, menu_item in enumerate(menu_items):
        if isinstance(menu_item, SubmenuMenuItem) and menu_item.name == COHORTS_MENU:
            menu_items[index] = SubmenuMenuItem(
                menu_item.label,
                Menu(items=[*menu_item.menu.registered_menu_items, item]),
                name=menu_item.name,
                classname=menu_item.classname,
                icon_name=menu_item.icon_name,
                attrs=menu_item.attrs,
                order=menu_item.order,
            )
            return
    menu_items.append(item)


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
