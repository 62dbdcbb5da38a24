"""Fixtures for the applicants tests: the program's roles, two tracks, their
cohorts of 2027, and applicants."""

import datetime

import factory
import pytest

from applicants.choices import ApplicantStatus
from applicants.models import Applicant
from people import roles
from tests.factories.core import UserFactory
from tests.factories.curriculum import TrackFactory
from tests.factories.people import CohortFactory, LEAFactory


class ApplicantFactory(factory.django.DjangoModelFactory):
    first_name = factory.Sequence(lambda n: f"Robin{n}")
    last_name = factory.Sequence(lambda n: f"Hale{n}")
    email = factory.LazyAttribute(
        lambda a: f"{a.first_name}.{a.last_name}@district.example".lower()
    )
    job_title = "Technology Director"
    status = ApplicantStatus.NEW

    class Meta:
        model = Applicant


@pytest.fixture
def tracks(db):
    cecto = TrackFactory(name="CeCTO Certification", certifies=True)
    leaders = TrackFactory(name="Leaders for the 21st Century", certifies=False)
    return {"cecto": cecto, "leaders": leaders}


@pytest.fixture
def cohorts(tracks):
    def cohort(track):
        return CohortFactory(
            year=2027,
            track=track,
            starts_on=datetime.date(2027, 2, 9),
            ends_on=datetime.date(2027, 11, 17),
        )

    return {name: cohort(track) for name, track in tracks.items()}


@pytest.fixture
def lea(db):
    return LEAFactory(name="Wake County Schools")


@pytest.fixture
def director(groups):
    user = UserFactory(username="director", email="director@cecto.example")
    user.groups.add(groups[roles.PROGRAM_DIRECTOR], groups[roles.FACULTY])
    return user


@pytest.fixture
def faculty_user(groups):
    user = UserFactory(username="faculty")
    user.groups.add(groups[roles.FACULTY])
    return user


@pytest.fixture
def accepted(tracks, cohorts, lea):
    return ApplicantFactory(
        first_name="Dana",
        last_name="Reyes",
        email="Dana.Reyes@Wake.example",
        lea=lea,
        track=tracks["cecto"],
        year=2027,
        status=ApplicantStatus.ACCEPTED,
    )
