"""core.privacy: the private sections read once per content version, for every
`public()` and for Wagtail's check before serving a page."""

import pytest
from wagtail.models import PageViewRestriction

from home.models import ContentPage
from tests.factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(home_page):
    section = ContentPageFactory(parent=home_page, title="Section", slug="section")
    child = ContentPageFactory(parent=section, title="Inside", slug="inside")
    return section, child


def public_titles():
    return set(ContentPage.objects.live().public().values_list("title", flat=True))


def test_public_follows_a_restriction_added_and_removed(section):
    top, _child = section
    assert {"Section", "Inside"} <= public_titles()

    restriction = PageViewRestriction.objects.create(
        page=top, restriction_type=PageViewRestriction.LOGIN
    )
    assert not {"Section", "Inside"} & public_titles()
    assert set(ContentPage.objects.not_public().values_list("title", flat=True)) == {
        "Section",
        "Inside",
    }

    restriction.delete()
    assert {"Section", "Inside"} <= public_titles()


def test_public_reads_the_restrictions_once_per_content_version(
    section, django_assert_num_queries
):
    public_titles()  # reads the private sections
    with django_assert_num_queries(2):  # the two listings only
        public_titles()
        public_titles()


def test_a_public_pages_restrictions_need_no_query(section, django_assert_num_queries):
    _top, child = section
    child.get_view_restrictions()  # the private sections, read once
    with django_assert_num_queries(0):
        assert list(child.get_view_restrictions()) == []


def test_a_private_pages_restrictions_are_wagtails(client, section):
    top, child = section
    PageViewRestriction.objects.create(
        page=top, restriction_type=PageViewRestriction.LOGIN
    )
    assert [r.page_id for r in child.get_view_restrictions()] == [top.pk]
    response = client.get("/section/inside/")
    assert response.status_code == 302
    assert "login" in response["Location"]
