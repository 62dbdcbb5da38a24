"""/topics/<slug>/ and /tags/<slug>/ list everything under a topic or tag."""

import pytest
from wagtail.models import Page

from case_studies.models import BestPracticePage
from home.models import TagIndexPage, TopicIndexPage
from tests.factories.case_studies import (
    BestPracticeIndexPageFactory,
    BestPracticePageFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
)
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModulePageFactory,
    TopicAreaFactory,
)
from tests.querycount import MAX_QUERIES, count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(home_page):
    home_page.add_child(instance=TopicIndexPage(title="Topics", slug="topics"))
    home_page.add_child(instance=TagIndexPage(title="Tags", slug="tags"))
    security = TopicAreaFactory(name="Security", slug="security")
    legal = TopicAreaFactory(name="Legal and regulatory issues", slug="legal")
    curriculum = CurriculumIndexPageFactory(parent=home_page)
    cases = CaseStudyIndexPageFactory(parent=home_page)
    practices = BestPracticeIndexPageFactory(parent=home_page)
    module = ModulePageFactory(
        parent=curriculum, title="Securing the district", topic_area=security
    )
    module.tags.add("ransomware")
    module.save()
    case = CaseStudyPageFactory(
        parent=cases, title="Ransomware at Alder Creek", topic_areas=[security]
    )
    case.tags.add("ransomware")
    case.save()
    BestPracticePageFactory(
        parent=practices, title="Tabletop exercises", topic_areas=[security]
    )
    BestPracticePageFactory(
        parent=practices, title="FERPA checklists", topic_areas=[legal]
    )
    BestPracticePageFactory(
        parent=practices, title="Draft on security", topic_areas=[security], live=False
    )
    return {"security": security}


def test_topic_page_lists_every_kind_of_content_under_the_topic(client, content):
    response = client.get("/topics/security/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Securing the district" in html
    assert "Ransomware at Alder Creek" in html
    assert "Tabletop exercises" in html
    assert "FERPA checklists" not in html
    assert "Draft on security" not in html


def test_topic_index_lists_topic_areas(client, content):
    html = client.get("/topics/").content.decode()
    assert "/topics/security/" in html and "/topics/legal/" in html


def test_tag_page_lists_tagged_content_of_every_kind(client, content):
    html = client.get("/tags/ransomware/").content.decode()
    assert "Securing the district" in html
    assert "Ransomware at Alder Creek" in html
    assert "Tabletop exercises" not in html


def test_unknown_topic_or_tag_is_not_found(client, content):
    assert client.get("/topics/no-such-topic/").status_code == 404
    assert client.get("/tags/no-such-tag/").status_code == 404


def test_topic_page_queries_do_not_grow(client, content, home_page):
    practices = BestPracticeIndexPageFactory._meta.model.objects.get()
    few = count_queries(client, "/topics/security/")
    for n in range(20):
        BestPracticePageFactory(
            parent=practices, title=f"Practice {n}", topic_areas=[content["security"]]
        )
    assert count_queries(client, "/topics/security/") == few <= MAX_QUERIES


def test_topic_and_tag_pages_link_to_the_filtered_listing_when_there_is_more(
    client, content, monkeypatch
):
    html = client.get("/topics/security/").content.decode()
    assert "More best practices" not in html

    monkeypatch.setattr("home.models.RELATED_PER_KIND", 1)
    practices = BestPracticeIndexPageFactory._meta.model.objects.get()
    BestPracticePageFactory(
        parent=practices, title="Patch Tuesdays", topic_areas=[content["security"]]
    )
    html = client.get("/topics/security/").content.decode()
    assert html.count("Patch Tuesdays") + html.count("Tabletop exercises") == 1
    assert 'href="/best-practices/?topic=security"' in html
    assert "More case studies" not in html  # only one case study

    case_studies = CaseStudyIndexPageFactory._meta.model.objects.get()
    second = CaseStudyPageFactory(parent=case_studies, title="Second case")
    second.tags.add("ransomware")
    second.save()
    html = client.get("/tags/ransomware/").content.decode()
    assert 'href="/case-studies/?tag=ransomware"' in html


def test_tag_page_is_cached_but_follows_a_publish_and_an_unpublish(client, content):
    """The cards are cached per content version: a page tagged and published shows
    on the next request, and a tag no live page carries any more is gone."""
    assert "Tabletop exercises" not in client.get("/tags/ransomware/").content.decode()
    tabletop = BestPracticePage.objects.get(title="Tabletop exercises")
    tabletop.tags.add("ransomware")
    tabletop.save_revision().publish()
    assert "Tabletop exercises" in client.get("/tags/ransomware/").content.decode()

    for page in Page.objects.filter(
        title__in=[
            "Securing the district",
            "Ransomware at Alder Creek",
            "Tabletop exercises",
        ]
    ):
        page.unpublish()
    assert client.get("/tags/ransomware/").status_code == 404


def test_tag_index_is_cached_but_follows_a_publish(client, content):
    assert "ransomware" in client.get("/tags/").content.decode()
    assert "phishing" not in client.get("/tags/").content.decode()
    tabletop = BestPracticePage.objects.get(title="Tabletop exercises")
    tabletop.tags.add("phishing")
    tabletop.save_revision().publish()
    assert "phishing" in client.get("/tags/").content.decode()
