"""What a visitor looks for: general pages, news, events, people (linked to their
entry), "Did you mean ...?", filters only when they filter, readable excerpts."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.rich_text import RichText
from wagtail.search import index

from curriculum.models import ModuleSession
from people.choices import EnrollmentStatus
from people.models import CohortIndexPage, PeopleIndexPage
from search.text import plain_text, sentences
from search.vocabulary import suggest
from tests.factories.curriculum import CurriculumIndexPageFactory, ModulePageFactory
from tests.factories.home import ContentPageFactory
from tests.factories.people import (
    CohortFactory,
    EnrollmentFactory,
    FacultyFactory,
    ParticipantFactory,
)
from tests.querycount import MAX_QUERIES, count_queries

pytestmark = pytest.mark.django_db


def indexed(*objects):
    for obj in objects:
        index.insert_or_update_object(obj)
    return objects[0]


def results(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response


@pytest.fixture
def listings(home_page):
    people = home_page.add_child(
        instance=PeopleIndexPage(title="People", slug="people")
    )
    cohorts = home_page.add_child(
        instance=CohortIndexPage(title="Cohorts", slug="cohorts")
    )
    return people, cohorts


def test_a_visitor_finds_a_general_page_labelled_page(client, home_page):
    indexed(
        ContentPageFactory(
            parent=home_page, title="Accessibility statement", slug="accessibility"
        )
    )
    response = results(client, "accessibility")
    (result,) = response.context["results"]
    assert (result.type_label, result.url) == ("Page", "/accessibility/")
    assert "CONTENT PAGE" not in response.content.decode().upper()


def test_a_visitor_finds_an_event_linked_to_its_modules_sessions(client, home_page):
    module = ModulePageFactory(
        parent=CurriculumIndexPageFactory(parent=home_page), slug="change"
    )
    starts = timezone.make_aware(datetime.datetime(2027, 2, 9, 10))
    ModuleSession.objects.create(
        module=module,
        title="Graduation ceremony in Raleigh",
        kind="graduation",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        mode="face-to-face",
        location="Raleigh",
        hours=Decimal("2"),
    )
    response = results(client, "graduation raleigh")
    (event,) = [r for r in response.context["results"] if r.kind == "event"]
    assert event.url == "/curriculum/change/#sessions-heading"
    assert event.type_label == "Event"
    assert "Tuesday, February 9, 2027, 10:00 a.m." in response.content.decode()


def test_a_faculty_result_links_to_their_entry_on_the_people_page(client, listings):
    person = indexed(FacultyFactory(first_name="Ada", last_name="Lovelace"))
    (result,) = results(client, "lovelace").context["results"]
    assert result.url == f"/people/#person-{person.slug}"
    page = client.get("/people/").content.decode()
    assert f'id="person-{person.slug}"' in page


def test_a_graduate_links_to_their_entry_on_their_class_roster(client, listings):
    graduate = ParticipantFactory(first_name="Grace", last_name="Hopper")
    EnrollmentFactory(
        person=graduate,
        cohort=CohortFactory(year=2012),
        status=EnrollmentStatus.COMPLETED,
    )
    indexed(graduate)
    (result,) = results(client, "hopper").context["results"]
    assert result.url == f"/cohorts/2012/#person-{graduate.slug}"
    roster = client.get("/cohorts/2012/").content.decode()
    assert f'id="person-{graduate.slug}"' in roster


def test_a_misspelling_gets_did_you_mean_from_the_public_words(client, home_page):
    """On every engine: on PostgreSQL the index holds stemmed lexemes
    ("cybersecur", "district"), so the words come from the pages' own text."""
    indexed(
        ContentPageFactory(
            parent=home_page, title="Cybersecurity for districts", slug="cyber"
        )
    )
    response = results(client, "cybersecurty")
    assert response.context["results"] == []
    html = response.content.decode()
    assert 'Did you mean <a href="?q=cybersecurity">cybersecurity</a>?' in html
    # A correctly spelled query that matches is not second-guessed.
    assert results(client, "cybersecurity").context["suggestion"] == ""
    # Words as written, never a stem.
    assert suggest("cybersecurty districs") == "cybersecurity districts"


def test_did_you_mean_reads_page_text_and_public_people(home_page):
    ContentPageFactory(
        parent=home_page,
        body=[("text", RichText("<p>Interoperability <b>matters</b></p>"))],
    )
    FacultyFactory(first_name="Marguerite", last_name="Okonkwo")
    FacultyFactory(last_name="Hiddenname", private=True)
    assert suggest("interoperabilty") == "interoperability"
    assert suggest("margerite") == "marguerite"
    assert suggest("hidenname") == ""


def test_did_you_mean_vocabulary_is_cached_per_content_version_and_bounded(
    home_page, monkeypatch, django_assert_num_queries
):
    from caching.version import bump_content_version
    from search import vocabulary

    ContentPageFactory(
        parent=home_page, title="Broadband budgets and bandwidth", intro="", body=[]
    )
    words = vocabulary.vocabulary()
    assert {"broadband", "budgets", "bandwidth"} <= set(words["b"])
    with django_assert_num_queries(0):
        assert vocabulary.vocabulary() == words
    # Only the most common words are kept: here, "broadband", on two pages.
    ContentPageFactory(parent=home_page, title="Broadband maps", intro="", body=[])
    monkeypatch.setattr(vocabulary, "MAX_WORDS", 1)
    bump_content_version()
    assert vocabulary.vocabulary() == {"b": ["broadband"]}
    # And only the first characters of each page are read.
    monkeypatch.setattr(vocabulary, "MAX_WORDS", 100)
    monkeypatch.setattr(vocabulary, "TEXT_PER_ITEM", len("Broadband"))
    bump_content_version()
    assert vocabulary.vocabulary() == {"b": ["broadband"]}


def test_words_of_drafts_are_never_suggested(client, home_page):
    indexed(
        ContentPageFactory(
            parent=home_page, title="Confidential merger", slug="m", draft=True
        )
    )
    assert suggest("confidentail") == ""
    assert "Did you mean" not in results(client, "confidentail").content.decode()


def test_no_filter_box_when_there_is_nothing_to_filter(client, home_page):
    for n in range(2):
        indexed(ContentPageFactory(parent=home_page, title=f"Broadband page {n}"))
    html = results(client, "broadband").content.decode()
    assert "Narrow your search" not in html


def test_filters_sit_behind_a_toggle_above_the_results(client, home_page, listings):
    indexed(
        ContentPageFactory(parent=home_page, title="Broadband policy"),
        FacultyFactory(last_name="Broadband"),
    )
    html = results(client, "broadband").content.decode()
    assert "Narrow your search" in html
    assert '<details class="search-facets__disclosure">' in html  # closed at first
    assert '<summary class="search-facets__toggle">Filters' in html
    assert html.index("Narrow your search") < html.index('class="search-results"')
    assert "<script>" not in html and " style=" not in html  # CSP: no inline code


def test_excerpts_keep_headings_and_sentences_apart(home_page):
    page = ContentPageFactory(
        parent=home_page,
        body=[
            ("heading", {"text": "The problem", "level": "h2"}),
            ("text", RichText("<p>Every district</p><ul><li>plans</li></ul>")),
        ],
    )
    text = plain_text(page)
    assert "The problem. Every district. plans." in text
    assert "h2" not in text
    assert sentences(["Why?", " A  plan ", ""]) == "Why? A plan."


def test_search_with_a_suggestion_keeps_its_query_budget(client, home_page):
    indexed(ContentPageFactory(parent=home_page, title="Cybersecurity basics"))
    assert count_queries(client, "/search/?q=cybersecurty") <= MAX_QUERIES
    assert count_queries(client, "/search/?q=cybersecurity") <= MAX_QUERIES
