"""Fixtures for the participant's side: a program with a cohort, the best-practice
section with its review workflow, and participants who can sign in."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from curriculum.models import ModuleSession
from people.roles import FACULTY, PROGRAM_DIRECTOR, sync_roles
from submissions.workflows import sync_workflows
from tests.factories.case_studies import BestPracticeIndexPageFactory
from tests.factories.core import UserFactory
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModuleMaterialsPageFactory,
    ModulePageFactory,
    TopicAreaFactory,
    TrackFactory,
)
from tests.factories.people import CohortFactory, EnrollmentFactory, ParticipantFactory


@pytest.fixture
def practices_index(home_page, groups):
    index = BestPracticeIndexPageFactory(parent=home_page)
    sync_workflows()
    sync_roles()  # the Program Director's page permissions on the new section
    return index


@pytest.fixture
def program(practices_index):
    """A track with a current cohort, two topic areas and a module with materials."""
    track = TrackFactory(name="CeCTO Certification")
    # Under way: its sessions are those dated within its year (for_cohort).
    today = datetime.date.today()
    cohort = CohortFactory(
        year=today.year + 1,
        track=track,
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=300),
    )
    curriculum = CurriculumIndexPageFactory(parent=practices_index.get_parent())
    module = ModulePageFactory(parent=curriculum, title="Governance", tracks=[track])
    materials = ModuleMaterialsPageFactory(parent=module)
    return {
        "track": track,
        "cohort": cohort,
        "curriculum": curriculum,
        "module": module,
        "materials": materials,
        "topics": [TopicAreaFactory(name="Leadership"), TopicAreaFactory(name="Data")],
        "index": practices_index,
    }


def make_participant(groups, cohort, username):
    user = UserFactory(username=username)
    user.groups.add(groups["Participants"])
    person = ParticipantFactory(user=user, first_name=username.title())
    EnrollmentFactory(person=person, cohort=cohort)
    return user


@pytest.fixture
def author(groups, program):
    return make_participant(groups, program["cohort"], "parker")


@pytest.fixture
def classmate(groups, program):
    return make_participant(groups, program["cohort"], "quinn")


@pytest.fixture
def outsider(groups, program):
    """A participant of another cohort."""
    other = CohortFactory(year=2030, track=program["track"])
    return make_participant(groups, other, "riley")


@pytest.fixture
def reviewers(groups):
    faculty = UserFactory(username="farrah")
    faculty.groups.add(groups[FACULTY])
    director = UserFactory(username="dana")
    director.groups.add(groups[PROGRAM_DIRECTOR], groups[FACULTY])
    return {"faculty": faculty, "director": director}


@pytest.fixture
def author_client(client, author):
    client.force_login(author)
    return client


def session_in(module, days=7, title="Board workshop"):
    start = timezone.now() + datetime.timedelta(days=days)
    return ModuleSession.objects.create(
        module=module,
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        mode="face-to-face",
        location="Raleigh",
        hours=3,
    )


def office_file(name, folder):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<xml/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def pdf_file(name="practice.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n")
