"""Staff sessions end after a working day without activity; participants keep
Django's session lifetime. The sign-in records what the session requires."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.sessions import LAST_SEEN_KEY, STAFF_KEY, TWO_FACTOR_KEY
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

EIGHT_HOURS = 8 * 60 * 60


@pytest.fixture
def faculty(groups):
    user = UserFactory(username="farrah")
    user.groups.add(groups["Faculty"])
    return user


def idle_for(client, seconds):
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds
    session.save()


def test_the_default_idle_timeout_is_a_working_day(settings):
    assert settings.STAFF_SESSION_IDLE_TIMEOUT == EIGHT_HOURS


def test_a_staff_session_idle_for_a_working_day_is_signed_out(
    verified_client, home_page, faculty
):
    verified_client.sign_in(faculty)
    idle_for(verified_client, EIGHT_HOURS + 1)
    response = verified_client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/pages/"
    assert "_auth_user_id" not in verified_client.session
    page = verified_client.get(response["Location"]).content.decode()
    assert "You were signed out after 8 hours without activity." in page


def test_an_idle_staff_session_ends_on_the_public_site_too(
    verified_client, home_page, faculty
):
    verified_client.sign_in(faculty)
    idle_for(verified_client, EIGHT_HOURS + 1)
    response = verified_client.get("/dashboard/")
    assert response["Location"] == "/accounts/login/?next=/dashboard/"


def test_activity_keeps_a_staff_session_alive(verified_client, home_page, faculty):
    verified_client.sign_in(faculty)
    idle_for(verified_client, EIGHT_HOURS - 60)
    assert verified_client.get("/admin/").status_code == 200
    last_seen = verified_client.session[LAST_SEEN_KEY]
    assert time.time() - last_seen < 5  # refreshed: the clock starts again


def test_the_idle_timeout_is_configurable(
    verified_client, home_page, faculty, settings
):
    settings.STAFF_SESSION_IDLE_TIMEOUT = 600
    verified_client.sign_in(faculty)
    idle_for(verified_client, 601)
    assert verified_client.get("/admin/").status_code == 302


def test_a_participant_session_does_not_expire_after_a_working_day(
    client, home_page, participant_user
):
    client.force_login(participant_user)
    idle_for(client, EIGHT_HOURS * 3)
    assert client.get("/dashboard/").status_code == 200
    assert client.session.get_expiry_age() == 14 * 24 * 60 * 60


def test_the_sign_in_records_what_the_session_requires(
    client, home_page, faculty, participant_user
):
    client.post("/accounts/login/", {"username": "farrah", "password": "password"})
    assert client.session[STAFF_KEY] is True
    assert client.session[TWO_FACTOR_KEY] is True
    assert client.session[LAST_SEEN_KEY] == pytest.approx(time.time(), abs=5)
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"username": "parker", "password": "password"})
    assert client.session[STAFF_KEY] is False
    assert client.session[TWO_FACTOR_KEY] is False
    assert LAST_SEEN_KEY not in client.session


def test_a_participants_pages_cost_no_query_for_sign_in_security(
    client, home_page, participant_user, settings
):
    client.force_login(participant_user)

    def queries():
        client.get("/dashboard/")  # warm up (site, settings)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/dashboard/").status_code == 200
        return len(captured)

    with_checks = queries()
    settings.MIDDLEWARE = [
        name
        for name in settings.MIDDLEWARE
        if not name.startswith(("accounts.", "django_otp."))
    ]
    assert with_checks == queries()
