"""Wagtail's userbar on public pages: for staff sessions, and no cost for others."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.core import UserFactory
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db


def test_an_editor_sees_the_userbar(client, home_page):
    sign_in_verified(client, UserFactory(username="editor", superuser=True))
    assert "wagtail-userbar" in client.get("/").content.decode()


def test_a_participant_gets_no_userbar_and_no_permission_queries(client, home_page):
    client.force_login(UserFactory(username="reader"))
    client.get("/")  # the session's first request
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    assert "wagtail-userbar" not in html
    assert not [q for q in queries if "auth_permission" in q["sql"]]
