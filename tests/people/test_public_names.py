"""People without a public profile are named by role, never by name, on every
public surface: module pages, the calendar and its feeds, best practices and their
cards, the home page, search, the API."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.search import index

from curriculum.models import ModuleSession
from people.choices import PersonRole
from tests.factories.case_studies import (
    BestPracticeIndexPageFactory,
    BestPracticePageFactory,
)
from tests.factories.curriculum import CurriculumIndexPageFactory, ModulePageFactory
from tests.factories.people import (
    FacultyFactory,
    LEAFactory,
    ParticipantFactory,
    PersonFactory,
)
from tests.querycount import MAX_QUERIES, count_queries

pytestmark = pytest.mark.django_db

SECRET_NAMES = ("Quillon", "Vashti", "Zebulon", "Marisol")


def add_session(module, faculty, days=10):
    start = timezone.now() + datetime.timedelta(days=days)
    return ModuleSession.objects.create(
        module=module,
        title="Budget workshop",
        kind="session",
        mode="face-to-face",
        location="Chapel Hill",
        hours=Decimal("3"),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        faculty=faculty,
    )


def assert_unnamed(text):
    for name in SECRET_NAMES:
        assert name not in text, name


@pytest.fixture
def people():
    lea = LEAFactory(name="Tiny Hamlet City Schools")
    return {
        "private_faculty": FacultyFactory(
            first_name="Quillon",
            last_name="Vashti",
            job_title="Professor of secret things",
            private=True,
        ),
        "public_faculty": FacultyFactory(first_name="Ada", last_name="Lovelace"),
        "private_author": ParticipantFactory(
            first_name="Zebulon", last_name="Marisol", lea=lea, private=True
        ),
        "public_author": ParticipantFactory(first_name="Grace", last_name="Hopper"),
    }


@pytest.fixture
def content(home_page, people):
    curriculum = CurriculumIndexPageFactory(parent=home_page)
    module = ModulePageFactory(parent=curriculum, title="School finance")
    module.faculty.set([people["private_faculty"], people["public_faculty"]])
    module.save()
    add_session(module, people["private_faculty"])
    practices = BestPracticeIndexPageFactory(parent=home_page)
    practice = BestPracticePageFactory(
        parent=practices,
        title="Budget dashboards",
        authors=[people["private_author"], people["public_author"]],
    )
    return {"module": module, "practice": practice, "practices": practices}


def test_public_name_is_the_name_with_consent_and_the_role_without():
    assert PersonFactory(first_name="Ada", last_name="L").public_name == "Ada L"
    cases = {
        PersonRole.FACULTY: "Faculty member",
        PersonRole.STAFF: "Program staff",
        PersonRole.PARTICIPANT: "A CeCTO participant",
    }
    for role, label in cases.items():
        person = PersonFactory(private=True, roles=[role])
        assert person.public_name == label
        assert person.public_affiliation == ""
        assert person.public_job_title == ""
    both = PersonFactory(private=True, roles=[PersonRole.PARTICIPANT, "faculty"])
    assert both.public_name == "Faculty member"
    assert PersonFactory(private=True).public_name == "A member of the program"


def test_module_page_shows_non_consenting_faculty_by_role_only(client, content):
    html = client.get(content["module"].url).content.decode()
    assert_unnamed(html)
    assert "Professor of secret things" not in html
    assert "Faculty member" in html
    assert "Ada Lovelace" in html  # consent given: named


def test_calendar_and_its_feeds_show_non_consenting_faculty_by_role_only(
    client, content
):
    html = client.get("/events/").content.decode()
    assert "Budget workshop" in html
    assert_unnamed(html)
    assert "Faculty member" in html
    feed = client.get("/events.ics").content.decode()
    assert "Budget workshop" in feed
    assert_unnamed(feed)
    assert "Faculty: Faculty member." in feed.replace("\r\n ", "")
    session = ModuleSession.objects.get()
    single = client.get(f"/events/{session.pk}.ics").content.decode()
    assert_unnamed(single)


def test_best_practice_page_and_cards_show_non_consenting_authors_by_role(
    client, content
):
    html = client.get(content["practice"].url).content.decode()
    assert_unnamed(html)
    assert "Tiny Hamlet City Schools" not in html  # the employer identifies a CTO
    assert "A CeCTO participant" in html
    assert "Grace Hopper" in html
    listing = client.get(content["practices"].url).content.decode()
    assert "Budget dashboards" in listing
    assert_unnamed(listing)
    assert "A CeCTO participant" in listing


def test_home_page_names_no_one_without_consent(client, content):
    html = client.get("/").content.decode()
    assert "Budget dashboards" in html  # the latest best practices section
    assert_unnamed(html)


def test_search_never_names_non_consenting_people(client, content, people):
    for obj in (*people.values(), content["module"], content["practice"]):
        index.insert_or_update_object(obj)
    for query in ("Quillon", "Zebulon Marisol", "Budget", "finance"):
        html = client.get("/search/", {"q": query}).content.decode()
        assert_unnamed(html.replace(f"“{query}”", "").replace(query, ""))
    found = client.get("/search/", {"q": "Lovelace"}).content.decode()
    assert "Ada Lovelace" in found  # consent given: findable by name


def test_api_names_no_one_without_consent(client, content):
    for page in (content["module"], content["practice"]):
        response = client.get(f"/api/v2/pages/{page.pk}/", {"fields": "*"})
        assert response.status_code == 200
        assert_unnamed(response.content.decode())
    listing = client.get("/api/v2/pages/", {"fields": "*", "limit": 50})
    assert_unnamed(listing.content.decode())


def test_role_names_cost_no_query_per_person(client, content, people):
    module_url = content["module"].url
    listing_url = content["practices"].url
    few_module = count_queries(client, module_url)
    few_listing = count_queries(client, listing_url)
    few_events = count_queries(client, "/events/")
    for n in range(5):
        faculty = FacultyFactory(first_name=f"Hidden{n}", private=True)
        content["module"].faculty.add(faculty)
        add_session(content["module"], faculty, days=20 + n)
        BestPracticePageFactory(
            parent=content["practices"],
            authors=[
                ParticipantFactory(private=True),
                ParticipantFactory(private=True),
            ],
        )
    content["module"].save_revision().publish()
    assert count_queries(client, module_url) == few_module <= MAX_QUERIES
    assert count_queries(client, listing_url) == few_listing <= MAX_QUERIES
    assert count_queries(client, "/events/") == few_events <= MAX_QUERIES
