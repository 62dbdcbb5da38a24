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
