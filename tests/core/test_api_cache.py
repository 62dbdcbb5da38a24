"""The API's page listing is kept under the content version, per address: a publish,
an unpublish or a page made private shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


def titles(client, **params):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


def test_a_listing_is_kept_and_the_next_request_reads_nothing(client, home_page):
    ContentPageFactory(parent=home_page, title="About the program")
    first = client.get("/api/v2/pages/")
    with CaptureQueriesContext(connection) as captured:
        second = client.get("/api/v2/pages/")
    assert len(captured) == 0
    assert second.json() == first.json()
    assert second["Content-Type"] == "application/json"


def test_publish_and_unpublish_show_on_the_next_request(client, home_page):
    assert "Fresh news" not in titles(client)
    page = ContentPageFactory(parent=home_page, title="Fresh news", draft=True)
    page.save_revision().publish()
    assert "Fresh news" in titles(client)

    page.refresh_from_db()
    page.unpublish()
    assert "Fresh news" not in titles(client)


def test_a_page_made_private_leaves_the_listing_on_the_next_request(client, home_page):
    page = ContentPageFactory(parent=home_page, title="Soon private")
    assert "Soon private" in titles(client)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert "Soon private" not in titles(client)


def test_each_query_string_is_kept_apart(client, home_page):
    for n in range(3):
        ContentPageFactory(parent=home_page, title=f"Page {n}")
    everything = client.get("/api/v2/pages/").json()
    first = client.get("/api/v2/pages/", {"limit": 1}).json()
    second = client.get("/api/v2/pages/", {"limit": 1, "offset": 1}).json()
    assert len(everything["items"]) == 4
    assert len(first["items"]) == len(second["items"]) == 1
    assert first["items"] != second["items"]
    assert first["meta"]["total_count"] == 4
    assert titles(client, title="Page 2") == {"Page 2"}


def test_an_invalid_query_is_refused_every_time(client, home_page):
    for _ in range(2):
        response = client.get("/api/v2/pages/", {"nonsense": "1"})
        assert response.status_code == 400
