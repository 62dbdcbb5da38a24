"""caching.middleware.CachedSiteMiddleware: the request's Site without a query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def site_queries(client, path="/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return [q for q in queries if 'FROM "wagtailcore_site"' in q["sql"]]


def test_the_site_is_looked_up_once_per_content_version(client, home_page, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    site_queries(client)
    assert site_queries(client) == []


def test_a_site_change_is_seen_on_the_next_request(client, home_page, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    site = home_page.get_site()
    site_queries(client)
    site.site_name = "CeCTO Portal (renamed)"
    site.save()
    response = client.get("/")
    assert "CeCTO Portal (renamed)" in response.content.decode()
