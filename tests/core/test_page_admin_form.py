"""core.admin_forms.PageAdminForm: what only the editor's round trip changed is not an
edit (so a reviewer's Approve in the editor does not restart the review step)."""

import pytest

from core.admin_forms import PageAdminForm
from curriculum.models import ModulePage
from tests.factories.curriculum import CurriculumIndexPageFactory, ModulePageFactory

pytestmark = pytest.mark.django_db

STORED = "<ul><li>Map the decision rights.</li><li>Draft a charter.</li></ul>"


class ModuleTextForm(PageAdminForm):
    class Meta:
        model = ModulePage
        fields = ["title", "learning_objectives", "competencies"]


def _post(page, objectives_html, competencies):
    form = ModuleTextForm(instance=page)
    contentstate = form.fields["learning_objectives"].widget.converter
    return ModuleTextForm(
        instance=page,
        data={
            "title": page.title,
            # What Draftail posts: its contentstate, which it stores with block keys.
            "learning_objectives": contentstate.from_database_format(objectives_html),
            "competencies": competencies,
        },
    )


@pytest.fixture
def module(home_page):
    return ModulePageFactory(
        parent=CurriculumIndexPageFactory(parent=home_page),
        learning_objectives=STORED,
        competencies="Decision rights\nPortfolio management",
    )


def test_untouched_text_written_outside_the_editor_is_not_a_change(module):
    form = _post(module, STORED, "Decision rights\r\nPortfolio management")
    assert 'data-block-key="' in form["learning_objectives"].data
    assert not form.has_changed()


def test_an_edited_text_is_a_change(module):
    edited = STORED.replace("a charter", "a committee charter")
    form = _post(module, edited, "Decision rights\r\nPortfolio management")
    assert form.changed_data == ["learning_objectives"]
    form = _post(module, STORED, "Decision rights\r\nProject portfolio management")
    assert form.changed_data == ["competencies"]
