"""Where signing in and out lands: participants on their dashboard, staff on the
admin (through the second factor), a `next` a page asked for wins; the "Please sign
in to see that page" note only when a page asked; signing out says so."""

import pytest

from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ASKED = "Please sign in to see that page."


@pytest.fixture
def participant(groups):
    user = UserFactory(username="pat")
    user.groups.add(groups["Participants"])
    return user


@pytest.fixture
def director(groups):
    user = UserFactory(username="dina")
    user.groups.add(groups["Program Director"], groups["Faculty"])
    return user


def sign_in(client, data=None, **headers):
    return client.post(
        LOGIN, {"username": "pat", "password": "password", **(data or {})}, **headers
    )


def test_voluntary_sign_in_from_the_header_does_not_say_a_page_asked(
    client, home_page, participant
):
    # The header's link carries the page it is on; the person came from that page.
    response = client.get(
        f"{LOGIN}?next=/news/", HTTP_REFERER="http://testserver/news/"
    )
    html = response.content.decode()
    assert ASKED not in html
    assert 'name="next" value=""' in html


def test_a_page_that_asked_for_sign_in_says_so_and_is_returned_to(
    client, home_page, participant
):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert ASKED in response.content.decode()
    response = sign_in(client, {"next": "/dashboard/"})
    assert response["Location"] == "/dashboard/"


def test_participant_without_next_lands_on_the_dashboard(
    client, home_page, participant
):
    assert ASKED not in client.get(LOGIN).content.decode()
    response = sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"


def test_participant_with_an_asked_for_next_lands_there(client, home_page, participant):
    response = sign_in(client, {"next": "/news/"})
    assert response["Location"] == "/news/"


def test_staff_without_next_land_on_the_admin_after_their_second_factor(
    client, home_page, director
):
    response = client.post(LOGIN, {"username": "dina", "password": "password"})
    assert response["Location"] == "/admin/"
    # The admin asks for the second factor first, then returns to itself.
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/accounts/two-factor/" in response["Location"]
    assert "next=%2Fadmin%2F" in response["Location"]


def test_a_next_on_another_site_is_ignored(client, home_page, participant):
    response = sign_in(client, {"next": "https://evil.example/"})
    assert response["Location"] == "/dashboard/"


def test_signing_out_says_so_on_the_page_it_lands_on(client, home_page, participant):
    sign_in(client)
    response = client.post("/accounts/logout/", follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "You are signed out." in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
