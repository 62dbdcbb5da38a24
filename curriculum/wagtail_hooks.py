from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from curriculum.models import ModuleMaterialsPage
from curriculum.privacy import restrict_to_program_groups
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
