"""Case study and best practice listings: filters, pagination, batched queries."""

import pytest

from tests.factories.case_studies import (
    BestPracticeIndexPageFactory,
    BestPracticePageFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
)
from tests.factories.core import ImageFactory
from tests.factories.curriculum import TopicAreaFactory, TrackFactory
from tests.factories.people import CohortFactory, ParticipantFactory
from tests.querycount import MAX_QUERIES, count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics():
    return {
        "governance": TopicAreaFactory(name="IT governance", slug="it-governance"),
        "security": TopicAreaFactory(name="Security", slug="security"),
    }


@pytest.fixture
def best_practices(home_page, topics):
    index = BestPracticeIndexPageFactory(parent=home_page)
    cecto = TrackFactory(name="CeCTO Certification", slug="cecto")
    leaders = TrackFactory(name="Leaders", slug="leaders", required_hours=20)
    c2011 = CohortFactory(year=2011, track=cecto)
    c2012 = CohortFactory(year=2012, track=cecto)
    l2012 = CohortFactory(year=2012, track=leaders)

    def make(title, topic, cohort, tags=(), live=True):
        page = BestPracticePageFactory(
            parent=index,
            title=title,
            cohort=cohort,
            topic_areas=[topics[topic]],
            authors=[ParticipantFactory()],
            live=live,
        )
        if tags:
            page.tags.add(*tags)
            page.save()
        return page

    make("Patch Tuesday for schools", "security", c2012, tags=["patching"])
    make("A governance charter", "governance", c2012)
    make("Board reporting", "governance", c2011, tags=["patching"])
    make("Superintendent dashboards", "governance", l2012)
    make("Unpublished draft", "security", c2012, live=False)
    return index


def titles(response):
    return {item.title for item in response.context["items"]}


def test_best_practice_listing_shows_live_items(client, best_practices):
    response = client.get("/best-practices/")
    assert response.status_code == 200
    assert titles(response) == {
        "Patch Tuesday for schools",
        "A governance charter",
        "Board reporting",
        "Superintendent dashboards",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=security", {"Patch Tuesday for schools"}),
        (
            "topic=it-governance&year=2012",
            {"A governance charter", "Superintendent dashboards"},
        ),
        ("track=leaders", {"Superintendent dashboards"}),
        ("year=2011", {"Board reporting"}),
        ("tag=patching", {"Patch Tuesday for schools", "Board reporting"}),
        ("tag=patching&topic=security", {"Patch Tuesday for schools"}),
    ],
)
def test_best_practice_filters(client, best_practices, query, expected):
    response = client.get(f"/best-practices/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected
    assert response.context["is_filtered"] is True


def test_unknown_filter_value_shows_an_error_and_everything(client, best_practices):
    response = client.get("/best-practices/?topic=no-such-topic")
    assert response.status_code == 200
    assert response.context["filter_form"].errors
    assert len(response.context["items"]) == 4


def test_listing_paginates_and_survives_bad_page_numbers(client, home_page, topics):
    index = CaseStudyIndexPageFactory(parent=home_page)
    for n in range(15):
        CaseStudyPageFactory(
            parent=index, title=f"Case {n:02d}", topic_areas=[topics["security"]]
        )
    first = client.get("/case-studies/")
    assert len(first.context["items"]) == 12
    assert first.context["page_obj"].paginator.num_pages == 2
    assert len(client.get("/case-studies/?page=2").context["items"]) == 3
    assert len(client.get("/case-studies/?page=99").context["items"]) == 3
    assert len(client.get("/case-studies/?page=abc").context["items"]) == 12


def test_case_study_filter_by_topic(client, home_page, topics):
    index = CaseStudyIndexPageFactory(parent=home_page)
    CaseStudyPageFactory(
        parent=index, title="Ransomware", topic_areas=[topics["security"]]
    )
    CaseStudyPageFactory(
        parent=index, title="Committee", topic_areas=[topics["governance"]]
    )
    response = client.get("/case-studies/?topic=security")
    assert titles(response) == {"Ransomware"}


def _fill_best_practices(index, topics, cohort, count, start):
    for n in range(start, start + count):
        page = BestPracticePageFactory(
            parent=index,
            title=f"Practice {n}",
            cohort=cohort,
            topic_areas=[topics["security"], topics["governance"]],
            authors=[ParticipantFactory(), ParticipantFactory()],
            listing_image=ImageFactory(),
        )
        page.tags.add(f"tag-{n}", "shared")
        page.save()


def test_best_practice_listing_queries_do_not_grow_with_items(
    client, home_page, topics
):
    index = BestPracticeIndexPageFactory(parent=home_page)
    cohort = CohortFactory(year=2012, track=TrackFactory())
    _fill_best_practices(index, topics, cohort, 5, 0)
    few = count_queries(client, "/best-practices/")
    _fill_best_practices(index, topics, cohort, 45, 5)
    many = count_queries(client, "/best-practices/")
    assert few == many
    assert many <= MAX_QUERIES


def test_case_study_listing_queries_do_not_grow_with_items(client, home_page, topics):
    index = CaseStudyIndexPageFactory(parent=home_page)

    def fill(start, count):
        for n in range(start, start + count):
            page = CaseStudyPageFactory(
                parent=index,
                title=f"Case {n}",
                topic_areas=[topics["security"], topics["governance"]],
                listing_image=ImageFactory(),
            )
            page.tags.add(f"tag-{n}", "shared")
            page.save()

    fill(0, 5)
    few = count_queries(client, "/case-studies/")
    fill(5, 45)
    many = count_queries(client, "/case-studies/")
    assert few == many
    assert many <= MAX_QUERIES
