"""Alumni (#12): graduates keep signing in, read their cohort's materials (they stay
in the Participants group), see their credential on the dashboard while enrolled in
the refresher, and take part in its sessions; a non-graduate gets no refresher."""

import pytest
from django.http import HttpRequest

from credentials.models import Credential
from credentials.services import issue_credential
from curriculum.models import ModulePage, ModuleSession
from curriculum.privacy import restrict_to_program_groups
from demo.alumni import ALUMNA, MODULE_SLUG, seed_alumni
from people.models import Enrollment, Person
from tests.factories.core import UserFactory
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModuleMaterialsPageFactory,
    ModulePageFactory,
    TopicAreaFactory,
    TrackFactory,
)
from tests.factories.people import CohortFactory, EnrollmentFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(home_page, groups):
    """The CeCTO track, its Class of 2012 (graduated) and 2027, a module with
    private materials, and the curriculum index the refresher module goes under."""
    cecto = TrackFactory(name="CeCTO Certification", slug="cecto-certification")
    TopicAreaFactory(slug="emerging-trends")
    index = CurriculumIndexPageFactory(parent=home_page)
    module = ModulePageFactory(
        parent=index, title="IT governance", slug="it-governance", tracks=[cecto]
    )
    materials = ModuleMaterialsPageFactory(parent=module, title="Governance notes")
    restrict_to_program_groups(materials)
    return {
        "index": index,
        "class_of_2012": CohortFactory(year=2012, track=cecto),
        "class_of_2027": CohortFactory(year=2027, track=cecto),
    }


@pytest.fixture
def alumna(program, groups):
    """The `alumna` sign-in: a 2012 graduate with a credential, not linked yet."""
    user = UserFactory(username=ALUMNA)
    user.groups.add(groups["Participants"])
    person = ParticipantFactory(first_name="Odette", last_name="Barnhill")
    enrollment = EnrollmentFactory(
        person=person, cohort=program["class_of_2012"], completed=True
    )
    issue_credential(enrollment, enrollment.completed_on)
    seed_alumni(program["index"])
    return user


def sign_in_with_password(client, user):
    assert client.login(
        request=HttpRequest(), username=user.username, password="password"
    )
    return client


def test_seed_links_alumna_to_the_graduate_and_enrolls_her_in_the_refresher(alumna):
    person = Person.objects.get(user=alumna)
    alumna.refresh_from_db()
    assert (alumna.first_name, alumna.last_name) == ("Odette", "Barnhill")
    assert Credential.objects.filter(enrollment__person=person).count() == 1
    refresher = Enrollment.objects.get(person=person, status="enrolled")
    assert (refresher.cohort.track.name, refresher.cohort.track.certifies) == (
        "CeCTO Refresher",
        False,
    )
    module = ModulePage.objects.get(slug=MODULE_SLUG)
    assert module.live
    # In the current program year: the refresher cohort's dates hold its session.
    assert [s.title for s in ModuleSession.objects.for_cohort(refresher.cohort)] == [
        "Refresher day"
    ]


def test_seed_is_idempotent(alumna, program):
    assert seed_alumni(program["index"]) == 0


def test_graduate_signs_in_and_reads_materials(client, alumna):
    sign_in_with_password(client, alumna)
    response = client.get("/curriculum/it-governance/materials/")
    assert response.status_code == 200
    assert b"Governance notes" in response.content


def test_graduate_sees_credential_and_refresher_on_dashboard(
    client, alumna, django_assert_max_num_queries
):
    sign_in_with_password(client, alumna)
    credential = Credential.objects.get(enrollment__person__user=alumna)
    with django_assert_max_num_queries(25):
        html = client.get("/dashboard/").content.decode()
    assert "Your credential" in html and credential.identifier in html
    assert "CeCTO Refresher" in html
    assert "Refresher: what changed since you graduated" in html
    assert "Refresher day" in html  # an upcoming session she takes part in


def test_a_non_graduate_gets_no_refresher(client, alumna, program):
    user = UserFactory(username="current")
    person = ParticipantFactory(user=user)
    EnrollmentFactory(person=person, cohort=program["class_of_2027"])
    sign_in_with_password(client, user)
    html = client.get("/dashboard/").content.decode()
    assert "IT governance" in html  # their own track's module
    assert "Refresher" not in html
    assert "Your credential" not in html
