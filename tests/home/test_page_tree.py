"""The page tree is the information architecture: which page may live where."""

import pytest
from wagtail.models import Page

from home.models import ContentPage, HomePage


def allowed_parents(model):
    return set(model.allowed_parent_page_models())


def allowed_children(model):
    return set(model.allowed_subpage_models())


def test_home_page_lives_only_at_the_tree_root():
    assert allowed_parents(HomePage) == {Page}


def test_content_page_lives_under_home_or_another_content_page():
    assert allowed_parents(ContentPage) == {HomePage, ContentPage}


def test_content_page_holds_only_content_pages():
    assert allowed_children(ContentPage) == {ContentPage}


def test_home_page_accepts_content_pages():
    assert ContentPage in allowed_children(HomePage)


@pytest.mark.django_db
def test_only_one_home_page_can_be_created(home_page, root_page):
    assert not HomePage.can_create_at(root_page)


@pytest.mark.django_db
def test_content_page_can_be_created_under_home(home_page):
    assert ContentPage.can_create_at(home_page)
