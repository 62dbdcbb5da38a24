"""The topic page's cards are cached per content version: every publish,
unpublish and edit shows on the next request."""

import pytest

from home.models import TopicIndexPage
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

pytestmark = pytest.mark.django_db


@pytest.fixture
def security(home_page):
    home_page.add_child(instance=TopicIndexPage(title="Topics", slug="topics"))
    return TopicAreaFactory(name="Security", slug="security")


def topic_html(client):
    response = client.get("/topics/security/")
    assert response.status_code == 200
    return response.content.decode()


def test_topic_page_follows_publish_edit_and_unpublish(client, home_page, security):
    practices = BestPracticeIndexPageFactory(parent=home_page)
    assert "Nothing has been published under Security yet." in topic_html(client)

    practice = BestPracticePageFactory(
        parent=practices, title="Tabletop exercises", topic_areas=[security], live=False
    )
    assert "Tabletop exercises" not in topic_html(client)
    practice.save_revision().publish()
    html = topic_html(client)
    assert "Tabletop exercises" in html
    assert "Nothing has been published" not in html

    draft = practice.get_latest_revision_as_object()
    draft.title = "Tabletop drills"
    draft.save_revision().publish()
    html = topic_html(client)
    assert "Tabletop drills" in html
    assert "Tabletop exercises" not in html

    practice.refresh_from_db()
    practice.unpublish()
    assert "Tabletop drills" not in topic_html(client)


def test_topic_page_follows_modules_and_case_studies(client, home_page, security):
    curriculum = CurriculumIndexPageFactory(parent=home_page)
    cases = CaseStudyIndexPageFactory(parent=home_page)
    topic_html(client)
    ModulePageFactory(
        parent=curriculum, title="Securing the district", topic_area=security
    ).save_revision().publish()
    assert "Securing the district" in topic_html(client)

    case = CaseStudyPageFactory(parent=cases, title="Ransomware at Alder Creek")
    assert "Ransomware at Alder Creek" not in topic_html(client)
    draft = case.get_latest_revision_as_object() if case.latest_revision else case
    draft.topic_areas = [security]
    draft.save_revision().publish()
    assert "Ransomware at Alder Creek" in topic_html(client)


def test_topic_page_follows_an_edit_of_the_topic_area(client, home_page, security):
    curriculum = CurriculumIndexPageFactory(parent=home_page)
    ModulePageFactory(parent=curriculum, title="Securing", topic_area=security)
    assert "Security" in topic_html(client)
    security.name = "Cybersecurity"
    security.save()
    # The module's card names its topic area (the heading is not cached).
    assert 'card__meta eyebrow">Cybersecurity<' in topic_html(client)
