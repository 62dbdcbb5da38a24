"""Where curriculum pages may live."""

import pytest

from applicants.models import InterestFormPage
from case_studies.models import BestPracticeIndexPage, CaseStudyIndexPage
from curriculum.models import CurriculumIndexPage, ModuleMaterialsPage, ModulePage
from home.models import ContentPage, HomePage, TagIndexPage, TopicIndexPage
from news.models import NewsIndexPage
from people.models import CohortIndexPage, PeopleIndexPage
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModuleMaterialsPageFactory,
    ModulePageFactory,
)

pytestmark = pytest.mark.django_db


def test_home_holds_the_sections_of_the_site():
    assert set(HomePage.allowed_subpage_models()) == {
        ContentPage,
        CurriculumIndexPage,
        CaseStudyIndexPage,
        BestPracticeIndexPage,
        PeopleIndexPage,
        CohortIndexPage,
        TopicIndexPage,
        TagIndexPage,
        InterestFormPage,
        NewsIndexPage,
    }


def test_curriculum_index_holds_only_modules():
    assert set(CurriculumIndexPage.allowed_subpage_models()) == {ModulePage}
    assert set(CurriculumIndexPage.allowed_parent_page_models()) == {HomePage}


def test_module_lives_only_under_the_curriculum_and_holds_only_materials():
    assert set(ModulePage.allowed_parent_page_models()) == {CurriculumIndexPage}
    assert set(ModulePage.allowed_subpage_models()) == {ModuleMaterialsPage}
    assert set(ModuleMaterialsPage.allowed_subpage_models()) == set()


def test_section_indexes_exist_once(home_page):
    CurriculumIndexPageFactory(parent=home_page)
    assert not CurriculumIndexPage.can_create_at(home_page)
    assert CaseStudyIndexPage.can_create_at(home_page)


def test_a_module_has_at_most_one_materials_page(home_page):
    index = CurriculumIndexPageFactory(parent=home_page)
    module = ModulePageFactory(parent=index)
    assert ModuleMaterialsPage.can_create_at(module)
    ModuleMaterialsPageFactory(parent=module)
    assert not ModuleMaterialsPage.can_create_at(module)
