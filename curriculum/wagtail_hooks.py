import copy

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.snippets.models import register_snippet

from curriculum import rollover_views
from curriculum.models import ModuleMaterialsPage
from curriculum.privacy import restrict_to_program_groups
from curriculum.rollover import ROLLOVER_ACTION, SESSIONS_ACTION
from curriculum.viewsets import CurriculumViewSetGroup

register_snippet(CurriculumViewSetGroup)


@hooks.register("after_create_page")
def make_new_materials_pages_private(request, page):
    if isinstance(page.specific, ModuleMaterialsPage):
        restrict_to_program_groups(page)


@hooks.register("register_log_actions")
def register_curriculum_log_actions(actions):
    actions.register_action(
        "curriculum.calendar_feed.reset",
        _("Reset calendar address"),
        _("Personal calendar address reset"),
    )


# Roll-over to next year (curriculum/rollover_views.py), in the Cohorts menu.
hooks.register("register_admin_urls", rollover_views.rollover_urls)


@hooks.register("construct_main_menu")
def add_rollover_to_cohorts_menu(request, menu_items):
    """ "Roll over to next year" under Cohorts, for those who may."""
    if not rollover_views.may_roll_over(request.user):
        return
    rollover = rollover_views.rollover_menu_item()
    for index, item in enumerate(menu_items):
        if item.name == "cohorts" and isinstance(item, SubmenuMenuItem):
            # A copy with its own menu: the registered one is shared by every request.
            group = copy.copy(item)
            group.menu = Menu(items=[*item.menu.registered_menu_items, rollover])
            menu_items[index] = group
            return
    menu_items.append(rollover)


@hooks.register("register_log_actions")
def register_rollover_log_actions(actions):
    actions.register_action(
        ROLLOVER_ACTION, _("Roll-over"), _("Created by rolling over the year")
    )
    actions.register_action(
        SESSIONS_ACTION,
        _("Roll-over sessions"),
        _("Sessions copied from the year before"),
    )
