"""Listing cards and the unfiltered filter form are cached per content version:
every publish, unpublish and edit shows on the next request."""

import pytest

from tests.factories.case_studies import (
    BestPracticeIndexPageFactory,
    BestPracticePageFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
)
from tests.factories.curriculum import TopicAreaFactory, TrackFactory
from tests.factories.people import CohortFactory, LEAFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def page_html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def publish_edit(page, **fields):
    draft = page.get_latest_revision_as_object() if page.latest_revision else page
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.save_revision().publish()


@pytest.fixture
def practices(home_page):
    return BestPracticeIndexPageFactory(parent=home_page)


def test_best_practice_cards_follow_publish_edit_and_unpublish(client, practices):
    author = ParticipantFactory(first_name="Pat", last_name="Rivera", is_public=True)
    cohort = CohortFactory(year=2024, track=TrackFactory(name="CeCTO"))
    practice = BestPracticePageFactory(
        parent=practices, title="Patch Tuesday", cohort=cohort, authors=[author]
    )
    html = page_html(client, "/best-practices/")
    assert "Patch Tuesday" in html
    assert "By Pat Rivera" in html
    assert "Class of 2024, CeCTO" in html

    publish_edit(practice, title="Patch Wednesday", intro="A new summary.")
    html = page_html(client, "/best-practices/")
    assert "Patch Wednesday" in html
    assert "A new summary." in html
    assert "Patch Tuesday" not in html

    author.first_name = "Patricia"
    author.save()
    assert "By Patricia Rivera" in page_html(client, "/best-practices/")

    second = BestPracticePageFactory(
        parent=practices, title="Board reports", live=False
    )
    assert "Board reports" not in page_html(client, "/best-practices/")
    second.save_revision().publish()
    html = page_html(client, "/best-practices/")
    assert "Board reports" in html
    assert "2 best practices" in html

    practice.refresh_from_db()
    practice.unpublish()
    html = page_html(client, "/best-practices/")
    assert "Patch Wednesday" not in html
    assert "1 best practice" in html


def test_best_practice_cards_are_the_same_for_every_visitor(
    client, participant_user, practices
):
    BestPracticePageFactory(parent=practices, title="Patch Tuesday")
    anonymous = page_html(client, "/best-practices/")
    client.force_login(participant_user)
    signed_in = page_html(client, "/best-practices/")

    def cards(html):
        start = html.index('<ul class="card-grid"')
        return html[start : html.index("</ul>", start)]

    assert cards(anonymous) == cards(signed_in)
    assert "Patch Tuesday" in cards(signed_in)


def test_case_study_cards_follow_publish_edit_and_unpublish(client, home_page):
    cases = CaseStudyIndexPageFactory(parent=home_page)
    lea = LEAFactory(name="Alder Creek Schools")
    case = CaseStudyPageFactory(parent=cases, title="Ransomware", lea=lea)
    html = page_html(client, "/case-studies/")
    assert "Ransomware" in html
    assert "Alder Creek Schools" in html

    lea.name = "Alder Creek City Schools"
    lea.save()
    assert "Alder Creek City Schools" in page_html(client, "/case-studies/")

    publish_edit(case, title="Recovering from ransomware")
    assert "Recovering from ransomware" in page_html(client, "/case-studies/")

    case.refresh_from_db()
    case.unpublish()
    assert "Recovering from ransomware" not in page_html(client, "/case-studies/")


def test_the_unfiltered_filter_form_follows_new_choices(client, practices):
    BestPracticePageFactory(parent=practices, title="Patch Tuesday")
    assert "Cloud services" not in page_html(client, "/best-practices/")
    TopicAreaFactory(name="Cloud services", slug="cloud")
    assert "Cloud services" in page_html(client, "/best-practices/")
    # Filtered, the form shows the visitor's choice (never a cached copy).
    html = page_html(client, "/best-practices/?topic=cloud")
    assert '<option value="cloud" selected>' in html
    assert '<option value="cloud" selected>' not in page_html(
        client, "/best-practices/"
    )
