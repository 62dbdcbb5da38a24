"""A 'Class of' year still under way reads as enrolled and graduating, never as
"0 people completed"."""

import datetime

import pytest
from django.utils import timezone

from people.models import CohortIndexPage, Roster
from tests.factories.curriculum import TrackFactory
from tests.factories.people import CohortFactory, EnrollmentFactory
from tests.querycount import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohorts_page(home_page):
    page = CohortIndexPage(title="Cohorts", slug="cohorts")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def this_year():
    """Both tracks' class graduating next month: candidates enrolled, none done."""
    today = timezone.localdate()
    graduation = today + datetime.timedelta(days=30)
    year = graduation.year
    cecto = TrackFactory(name="CeCTO Certification", certifies=True)
    leaders = TrackFactory(name="Leaders for the 21st Century", required_hours=20)
    for track, candidates in ((cecto, 3), (leaders, 2)):
        cohort = CohortFactory(
            year=year,
            track=track,
            starts_on=today - datetime.timedelta(days=200),
            ends_on=graduation,
        )
        for _ in range(candidates):
            EnrollmentFactory(cohort=cohort)
        EnrollmentFactory(cohort=cohort, status="withdrawn")
    return year, graduation


def test_roster_of_a_year_under_way_counts_the_enrolled(this_year):
    year, _graduation = this_year

    roster = Roster.for_year(year)

    assert roster.under_way
    assert (roster.total, roster.enrolled) == (0, 5)
    assert [group["enrolled"] for group in roster.groups] == [3, 2]


def test_visitor_sees_a_class_under_way_as_enrolled_not_zero_completed(
    client, cohorts_page, this_year
):
    year, graduation = this_year
    month = graduation.strftime("%B %Y")

    content = client.get(f"/cohorts/{year}/").content.decode()

    assert "completed" not in content
    assert (
        f"5 people are enrolled in the Class of {year}, which graduates in {month}"
        in content
    )
    assert (
        f"3 candidates are enrolled in CeCTO Certification; the class graduates in {month}"
        in content
    )

    index = client.get("/cohorts/").content.decode()
    assert f"3 enrolled, graduates in {month}" in index
    assert "no graduates yet" not in index


def test_visitor_sees_a_finished_year_by_its_graduates(client, cohorts_page):
    track = TrackFactory(name="CeCTO Certification", certifies=True)
    cohort = CohortFactory(year=2012, track=track)
    for _ in range(2):
        EnrollmentFactory(cohort=cohort, completed=True)
    EnrollmentFactory(cohort=cohort)  # never finished

    content = client.get("/cohorts/2012/").content.decode()

    assert "2 people completed the program in 2012." in content
    assert "enrolled in the Class of" not in content


def test_roster_queries_do_not_grow_with_the_enrolled(client, cohorts_page, this_year):
    year, _graduation = this_year
    before = count_queries(client, f"/cohorts/{year}/")
    cohort = Roster.for_year(year).groups[0]["cohort"]
    for _ in range(10):
        EnrollmentFactory(cohort=cohort)

    assert count_queries(client, f"/cohorts/{year}/") == before
