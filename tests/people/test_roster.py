"""The 'Class of' roster counts graduates by track and lists only public profiles."""

import pytest

from people.choices import PersonRole
from people.models import Roster
from tests.factories.curriculum import TrackFactory
from tests.factories.people import (
    CohortFactory,
    EnrollmentFactory,
    ParticipantFactory,
    PartnerFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def class_of_2012():
    cecto = TrackFactory(name="CeCTO Certification")
    leaders = TrackFactory(name="Leaders for the 21st Century", required_hours=20)
    ncdpi = PartnerFactory(
        name="N.C. Department of Public Instruction", short_name="NCDPI"
    )
    cecto_2012 = CohortFactory(year=2012, track=cecto)
    leaders_2012 = CohortFactory(year=2012, track=leaders)
    for n in range(23):
        person = ParticipantFactory(is_public=n != 0)
        EnrollmentFactory(person=person, cohort=cecto_2012, completed=True)
    for _ in range(2):
        person = PersonFactory(partner=ncdpi, roles=[PersonRole.PARTICIPANT])
        EnrollmentFactory(person=person, cohort=cecto_2012, completed=True)
    EnrollmentFactory(cohort=cecto_2012)  # still a candidate
    EnrollmentFactory(cohort=cecto_2012, status="withdrawn")
    for _ in range(18):
        person = PersonFactory(roles=[PersonRole.SUPERINTENDENT])
        EnrollmentFactory(person=person, cohort=leaders_2012, completed=True)
    EnrollmentFactory(cohort=CohortFactory(year=2011, track=cecto), completed=True)
    return {"cecto": cecto, "leaders": leaders}


def test_roster_counts_graduates_by_track_and_origin(class_of_2012):
    roster = Roster.for_year(2012)
    cecto, leaders = roster.groups
    assert cecto["track"] == class_of_2012["cecto"]
    assert (cecto["total"], cecto["from_leas"], cecto["from_partners"]) == (
        25,
        23,
        [("NCDPI", 2)],
    )
    assert (leaders["total"], leaders["from_leas"]) == (18, 18)
    assert roster.total == 43


def test_roster_lists_only_public_profiles(class_of_2012):
    cecto = Roster.for_year(2012).groups[0]
    assert len(cecto["public"]) == 24
    assert all(person.is_public for person in cecto["public"])


def test_no_roster_for_a_year_without_cohorts(class_of_2012):
    assert Roster.for_year(1999) is None
