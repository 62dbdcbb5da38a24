"""The benchmark's probe: the signed-in participant's pages and the sitemap's."""

import pytest
from django.test import Client

from bench import probe
from curriculum.privacy import restrict_to_program_groups
from people.models import EnrollmentStatus
from people.roles import PARTICIPANTS
from tests.factories.core import UserFactory
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModuleMaterialsPageFactory,
    ModulePageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(home_page, groups):
    from tests.factories.people import (
        CohortFactory,
        EnrollmentFactory,
        ParticipantFactory,
    )

    curriculum = CurriculumIndexPageFactory(parent=home_page)
    cohort = CohortFactory()
    modules = [
        ModulePageFactory(
            parent=curriculum,
            slug=f"module-{n}",
            tracks=[cohort.track] if n < 2 else [],
        )
        for n in range(3)
    ]
    materials = ModuleMaterialsPageFactory(parent=modules[1], slug="materials")
    restrict_to_program_groups(materials)
    user = UserFactory(username="someone")
    user.groups.add(groups[PARTICIPANTS])
    person = ParticipantFactory(user=user)
    EnrollmentFactory(person=person, cohort=cohort, status=EnrollmentStatus.ENROLLED)
    return {
        "user": user,
        "cohort": cohort,
        "module": modules[1],
        "materials": materials,
    }


def test_the_participant_is_an_enrolled_member_with_their_track(program):
    user, track_id = probe.participant()
    assert user == program["user"]
    assert track_id == program["cohort"].track_id


def test_no_participant_no_signed_in_pages(home_page, groups):
    assert probe.participant() == (None, None)


def test_the_signed_in_pages_are_the_dashboard_a_module_and_its_materials(program):
    urls = probe.discover_signed_in_urls(program["cohort"].track_id)
    assert urls == [
        ("participant: dashboard", "/dashboard/", "listing"),
        ("participant: module", program["module"].get_url(), "detail"),
        ("participant: materials", program["materials"].get_url(), "detail"),
    ]
    client = Client()
    client.force_login(program["user"])
    for _name, url, _kind in urls:
        assert client.get(url).status_code == 200, url
