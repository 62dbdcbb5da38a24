"""Staff manage people, districts, partners, cohorts and enrollments in the admin."""

import pytest

from tests.factories.people import (
    EnrollmentFactory,
    FacultyFactory,
    LEAFactory,
    PartnerFactory,
)
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    FacultyFactory(first_name="Farrah", last_name="Okafor")
    LEAFactory(name="Alder Creek County Schools")
    PartnerFactory(name="MCNC")
    EnrollmentFactory(completed=True)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/snippets/people/person/", "Farrah Okafor"),
        ("/admin/snippets/people/partnerorganization/", "MCNC"),
        ("/admin/people/lea/", "Alder Creek County Schools"),
        ("/admin/cohorts/", "2012"),
        ("/admin/enrollments/", "Completed"),
        ("/admin/snippets/curriculum/topicarea/", "Topic areas"),
        ("/admin/snippets/curriculum/track/", "Tracks"),
    ],
)
def test_staff_listings_render_with_filters(client, admin_user, records, url, expected):
    sign_in_verified(client, admin_user)
    response = client.get(url)
    assert response.status_code == 200, url
    assert expected in response.content.decode()


def test_people_export_as_csv(client, admin_user, records):
    sign_in_verified(client, admin_user)
    response = client.get("/admin/snippets/people/person/?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "Okafor" in body.splitlines()[1] or "Okafor" in body


def test_enrollments_export_as_csv(client, admin_user, records):
    sign_in_verified(client, admin_user)
    response = client.get("/admin/enrollments/?export=csv")
    assert response.status_code == 200
    assert "Completed" in b"".join(response.streaming_content).decode()


def test_people_admin_searches_by_name(client, admin_user, records):
    FacultyFactory(first_name="Zed", last_name="Other")
    sign_in_verified(client, admin_user)
    html = client.get("/admin/snippets/people/person/?q=Okafor").content.decode()
    assert "Farrah Okafor" in html
    assert "Zed Other" not in html


def test_anonymous_visitors_cannot_open_staff_listings(client, records):
    response = client.get("/admin/enrollments/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_people_admin_filters_by_role(client, admin_user, records):
    from people.models import Role
    from tests.factories.people import ParticipantFactory

    ParticipantFactory(first_name="Parker", last_name="Participant")
    sign_in_verified(client, admin_user)
    faculty = Role.objects.get(slug="faculty")
    html = client.get(
        f"/admin/snippets/people/person/?roles={faculty.pk}"
    ).content.decode()
    assert "Farrah Okafor" in html
    assert "Parker Participant" not in html
