from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from curriculum.models import ModuleMaterialsPage
from curriculum.privacy import restrict_to_program_groups
from curriculum.rollover import ROLLOVER_ACTION, SESSIONS_ACTION
from curriculum.viewsets import CurriculumViewSetGroup, RolloverViewSet

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
@hooks.register("register_admin_viewset")
def register_rollover_viewset():
    return RolloverViewSet()


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
