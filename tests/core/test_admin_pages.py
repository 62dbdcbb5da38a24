"""Every page type opens in the editor, previews, and can be created where allowed."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils.html import escape
from wagtail.models import Page

from case_studies.models import BestPracticePage, CaseStudyPage
from curriculum.models import ModuleMaterialsPage, ModulePage
from home.models import TagIndexPage, TopicIndexPage
from people.models import CohortIndexPage, PeopleIndexPage
from tests.factories.case_studies import (
    BestPracticeIndexPageFactory,
    BestPracticePageFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
)
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModuleMaterialsPageFactory,
    ModulePageFactory,
)
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    curriculum = CurriculumIndexPageFactory(parent=home_page)
    module = ModulePageFactory(parent=curriculum)
    cases = CaseStudyIndexPageFactory(parent=home_page)
    practices = BestPracticeIndexPageFactory(parent=home_page)
    pages = [
        curriculum,
        module,
        ModuleMaterialsPageFactory(parent=module),
        cases,
        CaseStudyPageFactory(parent=cases),
        practices,
        BestPracticePageFactory(parent=practices),
    ]
    for model, slug in [
        (PeopleIndexPage, "people"),
        (CohortIndexPage, "cohorts"),
        (TopicIndexPage, "topics"),
        (TagIndexPage, "tags"),
    ]:
        page = model(title=slug.title(), slug=slug)
        home_page.add_child(instance=page)
        pages.append(page)
    return pages


def test_every_page_type_opens_in_the_editor_and_previews(client, admin_user, tree):
    sign_in_verified(client, admin_user)
    for page in tree:
        edit = client.get(f"/admin/pages/{page.pk}/edit/")
        assert edit.status_code == 200, page
        revision = page.save_revision(user=admin_user)
        preview = client.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/")
        assert preview.status_code == 200, page
        html = preview.content.decode()
        assert "Preview not available" not in html, page
        assert html.count("<h1") == 1 and escape(page.title) in html, page


@pytest.mark.parametrize(
    ("model", "parent_index"),
    [
        (ModulePage, 0),
        (ModuleMaterialsPage, 1),
        (CaseStudyPage, 3),
        (BestPracticePage, 5),
    ],
)
def test_create_forms_open_under_their_parents(
    client, admin_user, tree, model, parent_index
):
    sign_in_verified(client, admin_user)
    parent = tree[parent_index]
    if model is ModuleMaterialsPage:
        parent = ModulePageFactory(parent=tree[0])
    content_type = ContentType.objects.get_for_model(model)
    url = f"/admin/pages/add/{content_type.app_label}/{content_type.model}/{parent.pk}/"
    assert client.get(url).status_code == 200


def test_module_without_a_delivery_mode_is_refused_with_a_clear_message(
    client, admin_user, tree
):
    module = tree[1]
    module.face_to_face = False
    with pytest.raises(Exception, match="Choose at least one way"):
        module.full_clean()
    assert Page.objects.filter(pk=module.pk).exists()
