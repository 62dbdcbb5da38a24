"""Tags on drafts and private pages are not public: /tags/, tag pages, filters, sitemap."""

import pytest
from wagtail.models import PageViewRestriction

from core.tags import public_tags
from home.models import TagIndexPage
from tests.factories.case_studies import (
    BestPracticeIndexPageFactory,
    BestPracticePageFactory,
    CaseStudyIndexPageFactory,
)
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModulePageFactory,
    TopicAreaFactory,
)
from tests.querycount import MAX_QUERIES, count_queries
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db


def tag(page, *names):
    page.tags.add(*names)
    page.save()
    return page


@pytest.fixture
def tree(home_page):
    home_page.add_child(instance=TagIndexPage(title="Tags", slug="tags"))
    topic = TopicAreaFactory(name="Security", slug="security")
    practices = BestPracticeIndexPageFactory(parent=home_page)
    cases = CaseStudyIndexPageFactory(parent=home_page)
    curriculum = CurriculumIndexPageFactory(parent=home_page)
    tag(
        BestPracticePageFactory(parent=practices, title="Published practice"),
        "ransomware",
    )
    # A participant's draft: saved with its tags before anyone reviewed it.
    tag(
        BestPracticePageFactory(parent=practices, title="Draft practice", draft=True),
        "buy-cheap-pills",
        "ransomware",
    )
    # A module inside a private section of the curriculum.
    private_section = CurriculumIndexPageFactory(
        parent=home_page, title="Staff only", slug="staff-only"
    )
    PageViewRestriction.objects.create(
        page=private_section, restriction_type=PageViewRestriction.LOGIN
    )
    tag(
        ModulePageFactory(parent=private_section, topic_area=topic),
        "staff-secret",
    )
    return {
        "practices": practices,
        "cases": cases,
        "curriculum": curriculum,
        "topic": topic,
    }


def test_tag_index_lists_only_tags_of_live_public_pages(client, tree):
    html = client.get("/tags/").content.decode()
    assert "/tags/ransomware/" in html
    assert "buy-cheap-pills" not in html
    assert "staff-secret" not in html


def test_a_tag_only_drafts_carry_is_not_found(client, tree):
    assert client.get("/tags/buy-cheap-pills/").status_code == 404


def test_a_tag_only_private_pages_carry_is_not_found(client, tree):
    assert client.get("/tags/staff-secret/").status_code == 404


def test_a_tag_on_no_page_at_all_is_not_found(client, tree):
    from taggit.models import Tag

    Tag.objects.create(name="Orphan", slug="orphan")
    assert client.get("/tags/orphan/").status_code == 404


def test_a_published_tag_page_lists_only_published_pages(client, tree):
    response = client.get("/tags/ransomware/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Published practice" in html
    assert "Draft practice" not in html


def test_publishing_the_draft_makes_its_tag_public(client, tree):
    from case_studies.models import BestPracticePage

    draft = BestPracticePage.objects.get(title="Draft practice")
    draft.save_revision().publish()
    assert client.get("/tags/buy-cheap-pills/").status_code == 200
    assert "/tags/buy-cheap-pills/" in client.get("/tags/").content.decode()


def test_unpublishing_takes_the_tag_away(client, tree):
    from case_studies.models import BestPracticePage

    BestPracticePage.objects.get(title="Published practice").unpublish()
    assert client.get("/tags/ransomware/").status_code == 404


def test_the_sitemap_lists_published_tags_and_no_others(client, tree):
    xml = sitemap_text(client)
    assert "/tags/ransomware/" in xml
    assert "buy-cheap-pills" not in xml
    assert "staff-secret" not in xml


def test_listing_filter_refuses_a_tag_only_drafts_carry(client, tree):
    html = client.get("/best-practices/?tag=buy-cheap-pills").content.decode()
    assert "tagged &ldquo;buy-cheap-pills&rdquo;" not in html
    assert "No published page carries this tag." in html
    published = client.get("/best-practices/?tag=ransomware").content.decode()
    assert "tagged &ldquo;ransomware&rdquo;" in published
    assert "Published practice" in published


def test_public_tags_is_one_query_after_reading_the_restrictions(
    tree, django_assert_num_queries
):
    with django_assert_num_queries(2):  # the view restrictions, then the tags
        assert [t.slug for t in public_tags()] == ["ransomware"]


def test_tag_pages_queries_do_not_grow_with_tags(client, tree):
    few_index = count_queries(client, "/tags/")
    few_tag = count_queries(client, "/tags/ransomware/")
    for n in range(10):
        tag(
            BestPracticePageFactory(parent=tree["practices"], title=f"More {n}"),
            f"extra-{n}",
            "ransomware",
        )
    assert count_queries(client, "/tags/") == few_index <= MAX_QUERIES
    assert count_queries(client, "/tags/ransomware/") == few_tag <= MAX_QUERIES
