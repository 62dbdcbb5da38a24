"""The attendance screens' query counts do not grow with the people or sessions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attendance.models import Attendance
from tests.attendance.recording import Program, add_session
from tests.querycount import count_queries
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db

# Sign-in, two-factor, the admin's menu and the session's own reads.
RECORDING_BUDGET = 30


@pytest.fixture
def program(home_page, groups):
    return Program(home_page, groups)


def record_url(session):
    return reverse("attendance_sessions:record", args=[session.pk])


def post_queries(client, url, data):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    assert response.status_code == 302, response.status_code
    return len(queries)


@pytest.mark.parametrize("who", ["faculty_user", "director"])
def test_the_recording_screen_is_flat_from_5_to_50_people(program, client, who):
    sign_in_verified(client, getattr(program, who))
    url = record_url(program.joint)
    program.enroll(2)
    program.enroll(2, cohort=program.leaders_cohort)
    client.post(url, {"fill": "1"})  # records shown with who recorded them
    small = count_queries(client, url)
    program.enroll(23)
    program.enroll(22, cohort=program.leaders_cohort)
    client.post(url, {"fill": "1"})
    assert Attendance.objects.count() >= 26  # the faculty member: one cohort
    large = count_queries(client, url)
    assert large == small
    assert large <= RECORDING_BUDGET


def test_saving_is_flat_from_5_to_50_people(program, client):
    sign_in_verified(client, program.faculty_user)
    other = add_session(program.module, -2, title="Procurement")
    program.enroll(4)
    client.get(reverse("wagtailadmin_home"))
    small = post_queries(client, record_url(program.past), {"fill": "1"})
    program.enroll(45)
    large = post_queries(client, record_url(other), {"fill": "1"})
    assert Attendance.objects.filter(session=other).count() == 50
    assert large == small


def test_the_sessions_listing_is_flat_from_5_to_40_sessions(program, client):
    sign_in_verified(client, program.director)
    program.enroll(5)
    url = reverse("attendance_sessions:index")
    small = count_queries(client, url)
    for day in range(1, 36):
        add_session(program.module, -day - 20, title=f"Session {day}")
    program.enroll(20, cohort=program.leaders_cohort)
    large = count_queries(client, url)
    assert large == small
