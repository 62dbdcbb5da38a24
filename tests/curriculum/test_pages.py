"""Curriculum pages render with their content, in a bounded number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from curriculum.models import ModuleSession
from tests.factories.core import ImageFactory
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModulePageFactory,
    TopicAreaFactory,
    TrackFactory,
)
from tests.factories.people import FacultyFactory
from tests.querycount import MAX_QUERIES, count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return CurriculumIndexPageFactory(parent=home_page)


@pytest.fixture
def cecto():
    return TrackFactory(name="CeCTO Certification", required_hours=240)


def add_sessions(module, count, faculty):
    start = timezone.make_aware(datetime.datetime(2026, 2, 9, 9, 0))
    for n in range(count):
        ModuleSession.objects.create(
            module=module,
            title=f"Session {n}",
            starts_at=start + datetime.timedelta(days=7 * n),
            ends_at=start + datetime.timedelta(days=7 * n, hours=3),
            mode="face-to-face",
            location="Chapel Hill",
            hours=Decimal("3"),
            faculty=faculty,
            sort_order=n,
        )


def test_module_page_shows_its_teaching_facts(client, index, cecto):
    governance = TopicAreaFactory(name="IT governance", slug="it-governance")
    teacher = FacultyFactory(first_name="Farrah", last_name="Okafor")
    module = ModulePageFactory(
        parent=index,
        title="Governing district technology",
        slug="governance",
        topic_area=governance,
        tracks=[cecto],
        contact_hours=Decimal("24"),
        synchronous_online=True,
        competencies="Build a governance committee\nWrite decision rights",
    )
    module.faculty.set([teacher])
    module.tags.add("governance-charter")
    module.save()
    add_sessions(module, 2, teacher)

    response = client.get("/curriculum/governance/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for text in (
        "Governing district technology",
        "IT governance",
        "CeCTO Certification",
        "24",
        "Face to face",
        "Synchronous online",
        "Explain governance.",
        "Build a governance committee",
        "Session 1",
        "Chapel Hill",
        "Farrah Okafor",
        "/tags/governance-charter/",
    ):
        assert text in html, text


def test_draft_module_is_not_listed_or_served(client, index):
    ModulePageFactory(parent=index, title="Secret module", slug="secret", draft=True)
    assert client.get("/curriculum/secret/").status_code == 404
    assert b"Secret module" not in client.get("/curriculum/").content


def test_curriculum_index_lists_live_modules(client, index, cecto):
    ModulePageFactory(parent=index, title="Risk and resilience", tracks=[cecto])
    response = client.get("/curriculum/")
    assert response.status_code == 200
    assert b"Risk and resilience" in response.content
    assert b"/curriculum/map/" in response.content


def test_curriculum_map_renders_totals_and_warns_when_a_track_is_short(
    client, index, cecto
):
    leaders = TrackFactory(name="Leaders for the 21st Century", required_hours=20)
    topic = TopicAreaFactory(name="Security")
    ModulePageFactory(
        parent=index, topic_area=topic, contact_hours=Decimal("240"), tracks=[cecto]
    )
    ModulePageFactory(
        parent=index, topic_area=topic, contact_hours=Decimal("12"), tracks=[leaders]
    )
    html = client.get("/curriculum/map/").content.decode()
    assert "Security" in html
    assert "252" in html  # the topic's total
    assert "Leaders for the 21st Century" in html
    # Whether a track adds up is for staff (tests/curriculum/test_map.py).
    assert "alert--warning" not in html


def test_curriculum_map_has_no_warning_when_tracks_balance(client, index, cecto):
    ModulePageFactory(parent=index, contact_hours=Decimal("240"), tracks=[cecto])
    html = client.get("/curriculum/map/").content.decode()
    assert "alert--warning" not in html


def test_curriculum_index_queries_do_not_grow_with_modules(client, index, cecto):
    topics = [TopicAreaFactory() for _ in range(3)]

    def fill(count):
        for n in range(count):
            ModulePageFactory(
                parent=index,
                topic_area=topics[n % 3],
                tracks=[cecto],
                listing_image=ImageFactory(),
            )

    fill(5)
    few = (
        count_queries(client, "/curriculum/"),
        count_queries(client, "/curriculum/map/"),
    )
    fill(45)
    many = (
        count_queries(client, "/curriculum/"),
        count_queries(client, "/curriculum/map/"),
    )
    assert few == many
    assert max(many) <= MAX_QUERIES


def test_module_page_queries_do_not_grow_with_sessions_and_faculty(
    client, index, cecto
):
    module = ModulePageFactory(parent=index, slug="big", tracks=[cecto])
    teachers = [FacultyFactory() for _ in range(2)]
    module.faculty.set(teachers)
    module.save()
    add_sessions(module, 5, teachers[0])
    few = count_queries(client, "/curriculum/big/")
    more = [FacultyFactory() for _ in range(8)]
    module.faculty.set(teachers + more)
    module.save()
    add_sessions(module, 45, more[0])
    many = count_queries(client, "/curriculum/big/")
    assert few == many
    assert many <= MAX_QUERIES


def test_the_index_shows_the_first_modules_of_each_topic_and_links_the_rest(
    client, index, cecto, monkeypatch
):
    monkeypatch.setattr(type(index), "modules_per_topic", 2)
    governance = TopicAreaFactory(name="Governance", slug="governance", sort_order=2)
    security = TopicAreaFactory(name="Security", slug="security", sort_order=1)
    for title in ("Charters", "Boards", "Audits"):
        ModulePageFactory(parent=index, title=title, topic_area=governance)
    ModulePageFactory(parent=index, title="Patching", topic_area=security)
    html = client.get("/curriculum/").content.decode()
    assert html.index('id="topic-security"') < html.index('id="topic-governance"')
    assert "Audits" in html and "Boards" in html
    assert "Charters" not in html  # third by title: on the topic's own page
    assert "All 3 modules on Governance" in html
    assert "Everything on Security" in html
