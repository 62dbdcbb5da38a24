"""/people/, /cohorts/ and the 'Class of' roster."""

import pytest

from people.choices import PersonRole
from people.models import CohortIndexPage, PeopleIndexPage
from tests.factories.curriculum import TrackFactory
from tests.factories.people import (
    CohortFactory,
    EnrollmentFactory,
    FacultyFactory,
    ParticipantFactory,
    PersonFactory,
)
from tests.querycount import MAX_QUERIES, count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def people_page(home_page):
    page = PeopleIndexPage(title="People", slug="people")
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def cohorts_page(home_page):
    page = CohortIndexPage(title="Cohorts", slug="cohorts")
    home_page.add_child(instance=page)
    return page


def test_people_page_lists_public_faculty_and_staff_only(client, people_page):
    FacultyFactory(first_name="Farrah", last_name="Okafor")
    FacultyFactory(first_name="Hidden", last_name="Teacher", private=True)
    PersonFactory(first_name="Sasha", last_name="Coordinator", roles=[PersonRole.STAFF])
    ParticipantFactory(first_name="Parker", last_name="Participant")
    html = client.get("/people/").content.decode()
    assert "Farrah Okafor" in html
    assert "Sasha Coordinator" in html
    assert "Hidden Teacher" not in html
    assert "Parker Participant" not in html


def test_people_page_queries_do_not_grow(client, people_page):
    for _ in range(5):
        FacultyFactory()
    few = count_queries(client, "/people/")
    for _ in range(45):
        FacultyFactory()
    assert count_queries(client, "/people/") == few <= MAX_QUERIES


def test_cohort_pages_show_the_class_of_roster(client, cohorts_page):
    cecto = TrackFactory(name="CeCTO Certification")
    cohort = CohortFactory(year=2012, track=cecto)
    EnrollmentFactory(
        person=ParticipantFactory(first_name="Ada", last_name="Graduate"),
        cohort=cohort,
        completed=True,
    )
    EnrollmentFactory(
        person=ParticipantFactory(
            first_name="Quiet", last_name="Graduate", private=True
        ),
        cohort=cohort,
        completed=True,
    )
    EnrollmentFactory(
        person=ParticipantFactory(first_name="Still", last_name="Candidate"),
        cohort=cohort,
    )

    index = client.get("/cohorts/")
    assert index.status_code == 200
    assert b"/cohorts/2012/" in index.content

    roster = client.get("/cohorts/2012/")
    html = roster.content.decode()
    assert roster.status_code == 200
    assert "Class of 2012" in html
    assert "Ada Graduate" in html
    assert "Quiet Graduate" not in html
    assert "Still Candidate" not in html
    assert client.get("/cohorts/1999/").status_code == 404


def test_roster_queries_do_not_grow(client, cohorts_page):
    cohort = CohortFactory(year=2012)
    for _ in range(5):
        EnrollmentFactory(cohort=cohort, completed=True)
    few = count_queries(client, "/cohorts/2012/")
    for _ in range(45):
        EnrollmentFactory(cohort=cohort, completed=True)
    assert count_queries(client, "/cohorts/2012/") == few <= MAX_QUERIES


def test_the_roster_is_cached_but_follows_every_change_on_the_next_request(
    client, cohorts_page
):
    """Cached per content version (the credentials' links are read live): a
    graduation or a name changed shows on the next request."""
    cohort = CohortFactory(year=2012)
    ada = ParticipantFactory(first_name="Ada", last_name="Graduate")
    EnrollmentFactory(person=ada, cohort=cohort, completed=True)
    ben = ParticipantFactory(first_name="Ben", last_name="Candidate")
    enrollment = EnrollmentFactory(person=ben, cohort=cohort)
    assert "Ben Candidate" not in client.get("/cohorts/2012/").content.decode()

    enrollment.status = "completed"
    enrollment.save()
    assert "Ben Candidate" in client.get("/cohorts/2012/").content.decode()

    ada.last_name = "Lovelace"
    ada.save()
    html = client.get("/cohorts/2012/").content.decode()
    assert "Ada Lovelace" in html and "Ada Graduate" not in html


def test_the_people_page_is_cached_but_follows_a_profile_change(client, people_page):
    farrah = FacultyFactory(first_name="Farrah", last_name="Okafor")
    assert "Farrah Okafor" in client.get("/people/").content.decode()  # cached

    farrah.is_public = False
    farrah.save()
    assert "Farrah Okafor" not in client.get("/people/").content.decode()

    FacultyFactory(first_name="Gus", last_name="Lindqvist")
    assert "Gus Lindqvist" in client.get("/people/").content.decode()
