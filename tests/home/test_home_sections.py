"""The home page's editable sections: events, latest content, graduates, partners."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from curriculum.models import ModuleSession
from tests.factories.case_studies import (
    BestPracticeIndexPageFactory,
    BestPracticePageFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
)
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModulePageFactory,
    TrackFactory,
)
from tests.factories.people import CohortFactory, EnrollmentFactory, PartnerFactory
from tests.querycount import MAX_QUERIES, count_queries
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db


def add_session(module, title, days):
    start = timezone.now() + datetime.timedelta(days=days)
    return ModuleSession.objects.create(
        module=module,
        title=title,
        kind="session",
        mode="face-to-face",
        location="Chapel Hill",
        hours=Decimal("3"),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
    )


def html(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def switch_off(page, field):
    setattr(page, field, False)
    page.save_revision().publish()


@pytest.fixture
def curriculum(home_page):
    return CurriculumIndexPageFactory(parent=home_page)


def test_upcoming_sessions_are_the_next_four_of_public_modules(
    client, home_page, curriculum
):
    module = ModulePageFactory(parent=curriculum, title="Leading change", slug="lc")
    draft = ModulePageFactory(parent=curriculum, slug="draft", draft=True)
    private = ModulePageFactory(parent=curriculum, slug="private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    add_session(module, "Long ago", -10)
    for n in range(1, 6):
        add_session(module, f"Future session {n}", n)
    add_session(draft, "Draft session", 1)
    add_session(private, "Private session", 1)

    content = html(client)
    for n in range(1, 5):
        assert f"Future session {n}" in content
    assert "Future session 5" not in content
    assert "Long ago" not in content
    assert "Draft session" not in content and "Private session" not in content
    assert 'href="/events/"' in content and "See the full calendar" in content
    assert 'href="/curriculum/lc/"' in content

    switch_off(home_page, "show_upcoming_events")
    content = html(client)
    assert "Future session 1" not in content
    assert "See the full calendar" not in content


def test_next_sessions_are_dated_in_the_house_style(client, home_page, curriculum):
    from core.dates import long_datetime

    module = ModulePageFactory(parent=curriculum, slug="dated")
    session = add_session(module, "Dated session", 3)

    content = html(client)
    assert long_datetime(session.starts_at) in content
    assert " AM<" not in content and " PM<" not in content


def test_latest_best_practices_and_case_studies(client, home_page):
    practices = BestPracticeIndexPageFactory(parent=home_page)
    studies = CaseStudyIndexPageFactory(parent=home_page)
    for n in range(4):
        BestPracticePageFactory(parent=practices, title=f"Practice {n}")
        CaseStudyPageFactory(parent=studies, title=f"Study {n}")
    BestPracticePageFactory(parent=practices, title="Draft practice", draft=True)
    CaseStudyPageFactory(parent=studies, title="Draft study", draft=True)
    private = CaseStudyPageFactory(parent=studies, title="Private study")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )

    content = html(client)
    assert content.count("Practice ") == 3
    assert "Draft practice" not in content and "Draft study" not in content
    assert "Private study" not in content
    studies_shown = [n for n in range(4) if f"Study {n}<" in content]
    assert len(studies_shown) == 3
    assert 'href="/best-practices/"' in content
    assert 'href="/case-studies/"' in content
    assert 'class="card"' in content

    switch_off(home_page, "show_latest")
    content = html(client)
    assert "Practice 0" not in content and "Study 0" not in content
    assert "Latest case studies" not in content


def test_visitor_sees_only_cecto_track_graduates_counted_as_cectos(client, home_page):
    """Superintendents complete Leaders for the 21st Century; they are not CeCTOs."""
    directors = TrackFactory(name="Technology directors", certifies=True)
    supers = TrackFactory(name="Superintendents", certifies=False)
    cohort_d = CohortFactory(year=2012, track=directors)
    cohort_s = CohortFactory(year=2013, track=supers)
    for _ in range(3):
        EnrollmentFactory(cohort=cohort_d, completed=True)
    for _ in range(2):
        EnrollmentFactory(cohort=cohort_s, completed=True)
    EnrollmentFactory(cohort=cohort_d)  # still enrolled
    EnrollmentFactory(cohort=cohort_s, status="withdrawn")

    assert home_page.get_graduates() == {
        "by_track": [
            {"track": "Technology directors", "count": 3, "certifies": True},
            {"track": "Superintendents", "count": 2, "certifies": False},
        ],
        "certified": 3,
    }
    content = html(client)
    assert "3 CeCTOs certified since 2010" in content
    assert '3 <span class="stat__unit">certified</span>' in content
    assert '2 <span class="stat__unit">completed</span>' in content
    assert 'href="/cohorts/"' in content

    switch_off(home_page, "show_graduates")
    assert "CeCTOs certified" not in html(client)


def test_partners_come_from_the_partner_organizations(client, home_page):
    PartnerFactory(name="Zeta Network", website="https://zeta.example/", sort_order=2)
    PartnerFactory(name="Alpha Agency", sort_order=1)
    content = html(client)
    assert '<a href="https://zeta.example/">Zeta Network</a>' in content
    assert content.index("Alpha Agency") < content.index("Zeta Network")


def test_call_to_action_is_editable(client, home_page):
    content = html(client)
    assert "Interested in a future course?" in content
    assert 'href="/join/"' in content
    home_page.interest_heading = "Join the next class"
    home_page.interest_text = "Applications open in the spring."
    home_page.interest_link = "/apply/"
    home_page.save_revision().publish()
    content = html(client)
    assert "Join the next class" in content
    assert "Applications open in the spring." in content
    assert 'href="/apply/"' in content


def test_home_page_queries_do_not_grow(client, home_page, curriculum):
    practices = BestPracticeIndexPageFactory(parent=home_page)
    studies = CaseStudyIndexPageFactory(parent=home_page)
    cohort = CohortFactory(year=2012, track=TrackFactory())

    def fill(start, count):
        for n in range(start, start + count):
            BestPracticePageFactory(parent=practices)
            CaseStudyPageFactory(parent=studies)
            module = ModulePageFactory(parent=curriculum)
            add_session(module, f"Session {n}", 1 + n)
            EnrollmentFactory(cohort=cohort, completed=True)
            PartnerFactory()

    fill(0, 5)
    few = count_queries(client, "/")
    fill(5, 45)
    many = count_queries(client, "/")
    assert few == many
    assert many <= MAX_QUERIES


def test_sections_are_cached_but_a_publish_or_a_preview_shows_at_once(
    client, admin_user, home_page
):
    """The sections' HTML is cached per content version: a new best practice shows
    on the next visit, and a preview shows the draft, never the cached copy."""
    practices = BestPracticeIndexPageFactory(parent=home_page)
    BestPracticePageFactory(parent=practices, title="First practice")
    assert "First practice" in html(client)  # now cached

    BestPracticePageFactory(parent=practices, title="Second practice")
    assert "Second practice" in html(client)

    home_page.show_latest = False
    revision = home_page.save_revision(user=admin_user)
    editor = type(client)()
    sign_in_verified(editor, admin_user)
    preview = editor.get(f"/admin/pages/{home_page.pk}/revisions/{revision.pk}/view/")
    assert preview.status_code == 200
    assert "Second practice" not in preview.content.decode()
    assert "Second practice" in html(client)  # the draft is not live
