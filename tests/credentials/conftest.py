"""A graduate with a credential, and someone in every other role."""

import datetime

import pytest

from credentials.services import issue_credential
from people.choices import PersonRole
from tests.factories.core import UserFactory
from tests.factories.curriculum import TrackFactory
from tests.factories.people import (
    CohortFactory,
    EnrollmentFactory,
    LEAFactory,
    ParticipantFactory,
    PartnerFactory,
)

GRADUATION = datetime.date(2012, 11, 15)


@pytest.fixture
def track(db):
    return TrackFactory(
        name="CeCTO Certification",
        slug="cecto-certification",
        certifies=True,
        joint_sessions="The February kick-off and the final joint meeting.",
    )


@pytest.fixture
def partners(db):
    return [
        PartnerFactory(
            name="N.C. Department of Public Instruction", short_name="NCDPI"
        ),
        PartnerFactory(name="MCNC", short_name="MCNC"),
    ]


@pytest.fixture
def cohort(track):
    return CohortFactory(year=2012, track=track, ends_on=GRADUATION)


@pytest.fixture
def graduate_user(groups):
    user = UserFactory(username="grace")
    user.groups.add(groups["Participants"])
    return user


@pytest.fixture
def graduate(graduate_user, cohort):
    person = ParticipantFactory(
        first_name="Grace",
        last_name="Okonkwo-Hale",
        email="grace@district.example",
        user=graduate_user,
        lea=LEAFactory(name="Alder Creek County Schools"),
        is_public=True,
    )
    return EnrollmentFactory(person=person, cohort=cohort, completed=True)


@pytest.fixture
def credential(graduate, partners, director):
    credential, _created = issue_credential(graduate, GRADUATION, user=director)
    return credential


@pytest.fixture
def private_credential(cohort, partners):
    """A graduate who did not agree to be named publicly."""
    person = ParticipantFactory(
        first_name="Quinn", last_name="Private", is_public=False
    )
    enrollment = EnrollmentFactory(person=person, cohort=cohort, completed=True)
    return issue_credential(enrollment, GRADUATION)[0]


@pytest.fixture
def other_participant(groups, cohort):
    user = UserFactory(username="otto")
    user.groups.add(groups["Participants"])
    ParticipantFactory(user=user, roles=[PersonRole.PARTICIPANT])
    return user


@pytest.fixture
def faculty(groups):
    user = UserFactory(username="fiona")
    user.groups.add(groups["Faculty"])
    return user


@pytest.fixture
def director(groups):
    user = UserFactory(username="dana")
    user.groups.add(groups["Program Director"])
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", superuser=True)
