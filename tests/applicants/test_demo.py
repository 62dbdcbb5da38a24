"""The demo applicants: the Class of 2027 in every status, added once."""

import datetime

import pytest

from applicants.choices import ApplicantStatus
from applicants.models import Applicant
from demo.applicants import APPLICANTS, seed_applicants
from demo.people import CECTO, CURRENT_YEAR, LEADERS, LEAS
from people.models import LEA
from tests.factories.core import UserFactory
from tests.factories.curriculum import TrackFactory
from tests.factories.people import CohortFactory, EnrollmentFactory, LEAFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(db):
    for name, region in LEAS:
        LEAFactory(name=name, region=region)
    cecto = TrackFactory(slug=CECTO, certifies=True)
    TrackFactory(slug=LEADERS)
    cohort = CohortFactory(
        year=CURRENT_YEAR,
        track=cecto,
        starts_on=datetime.date(CURRENT_YEAR, 2, 9),
        ends_on=datetime.date(CURRENT_YEAR, 11, 17),
    )
    user = UserFactory(username="participant", email="participant@cecto.example")
    return EnrollmentFactory(
        cohort=cohort,
        person__user=user,
        person__email="",
        person__lea=LEA.objects.get(name="Alder Creek County Schools"),
    )


def test_demo_applicants_cover_every_status_once(demo_world):
    assert seed_applicants() == len(APPLICANTS) + 1
    assert seed_applicants() == 0

    applicants = Applicant.objects.all()
    assert {a.status for a in applicants} == set(ApplicantStatus.values)
    assert {a.year for a in applicants} == {CURRENT_YEAR}
    lea_names = {name for name, _region in LEAS}
    for applicant in applicants:
        assert applicant.lea is None or applicant.lea.name in lea_names
        assert applicant.track is not None
    enrolled = applicants.get(status=ApplicantStatus.ENROLLED)
    assert enrolled.enrollment == demo_world
    assert enrolled.person == demo_world.person
