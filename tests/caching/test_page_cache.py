"""The full-page cache for anonymous visitors (core/middleware.py)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from caching.version import content_version
from tests.factories.applicants import InterestFormPageFactory
from tests.factories.core import UserFactory
from tests.factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_TIMEOUT = 300


@pytest.fixture
def about(home_page):
    page = ContentPageFactory(parent=home_page, title="About the program", slug="about")
    page.save_revision().publish()
    return page


def test_a_second_anonymous_visit_is_served_from_the_cache_without_queries(
    client, about
):
    first = client.get("/about/")
    assert first.status_code == 200
    assert first["X-Cache"] == "MISS"

    with CaptureQueriesContext(connection) as queries:
        second = client.get("/about/")
    assert second["X-Cache"] == "HIT"
    # The same page, but with this response's own CSP nonce (tests/core/test_csp.py).
    nonce = re.compile(rb'nonce="[^"]+"')
    assert nonce.sub(b"", second.content) == nonce.sub(b"", first.content)
    assert second.content != first.content
    assert len(queries) == 0
    # Headers set below the cache survive in the copy.
    assert second["X-Frame-Options"] == "DENY"
    assert second["Content-Type"].startswith("text/html")


def test_each_address_and_query_string_is_its_own_entry(client, about, home_page):
    client.get("/about/")
    assert client.get("/about/?page=2")["X-Cache"] == "MISS"
    assert client.get("/")["X-Cache"] == "MISS"
    assert client.get("/about/?page=2")["X-Cache"] == "HIT"


def test_publishing_a_change_is_seen_at_once(client, about):
    client.get("/about/")
    about.title = "About CeCTO, revised"
    about.save_revision().publish()
    response = client.get("/about/")
    assert response["X-Cache"] == "MISS"
    assert "About CeCTO, revised" in response.content.decode()


def test_unpublish_move_and_delete_are_seen_at_once(client, about, home_page):
    other = ContentPageFactory(parent=home_page, title="Elsewhere", slug="elsewhere")
    other.save_revision().publish()
    assert client.get("/about/").status_code == 200
    assert client.get("/about/")["X-Cache"] == "HIT"

    about.unpublish()
    assert client.get("/about/").status_code == 404

    about.save_revision().publish()
    assert client.get("/about/").status_code == 200
    Page.objects.get(pk=about.pk).move(other, pos="last-child")
    old_address = client.get("/about/")  # Wagtail leaves a redirect behind
    assert old_address.status_code == 301
    assert old_address["Location"] == "/elsewhere/about/"
    assert client.get("/elsewhere/about/").status_code == 200

    client.get("/elsewhere/")
    Page.objects.get(pk=about.pk).delete()
    assert client.get("/elsewhere/about/").status_code == 404


def test_records_pages_show_start_a_new_version(about):
    from tests.factories.people import PersonFactory

    before = content_version()
    person = PersonFactory()
    assert content_version() != before
    before = content_version()
    person.first_name = "Renamed"
    person.save()
    assert content_version() != before


def test_signed_in_users_never_get_the_anonymous_copy(client, about):
    assert client.get("/about/")["X-Cache"] == "MISS"
    assert client.get("/about/")["X-Cache"] == "HIT"

    client.force_login(UserFactory(username="amara", first_name="Amara"))
    response = client.get("/about/")
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "Sign out" in response.content.decode() or "amara" in (
        response.content.decode().lower()
    )


def test_signed_in_pages_are_not_stored_for_visitors(client, about):
    client.force_login(UserFactory(username="amara"))
    signed_in = client.get("/about/").content
    client.logout()
    response = client.get("/about/")
    assert response["X-Cache"] == "MISS"
    assert response.content != signed_in


def test_a_page_with_a_csrf_token_is_never_cached(client, home_page):
    form = InterestFormPageFactory(parent=home_page, slug="join")
    form.save_revision().publish()
    first = client.get("/join/")
    assert first.status_code == 200
    assert "csrfmiddlewaretoken" in first.content.decode()
    assert "X-Cache" not in first
    other_visitor = client.__class__()
    second = other_visitor.get("/join/")
    assert "X-Cache" not in second
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value


def test_a_visitors_csrf_cookie_does_not_split_the_cache(client, about):
    client.get("/about/")
    client.cookies["csrftoken"] = "a" * 32
    assert client.get("/about/")["X-Cache"] == "HIT"


def test_errors_posts_and_excluded_paths_are_not_cached(client, about):
    assert client.get("/missing/").status_code == 404
    assert "X-Cache" not in client.get("/missing/")
    assert "X-Cache" not in client.get("/healthz")
    assert "X-Cache" not in client.get("/accounts/login/")
    client.get("/about/")
    assert "X-Cache" not in client.post("/about/")


def test_the_cache_can_be_switched_off(client, about, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    client.get("/about/")
    assert "X-Cache" not in client.get("/about/")


def test_with_a_cdn_anonymous_pages_are_public_for_a_while(client, about, settings):
    settings.CDN_MAX_AGE = 600
    response = client.get("/about/")
    assert "s-maxage=600" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    hit = client.get("/about/")
    assert "s-maxage=600" in hit["Cache-Control"]


def test_publishing_purges_the_page_its_listings_and_feeds_from_the_cdn(
    purge_server, about, home_page
):
    purge_server.clear()
    child = ContentPageFactory(parent=about, title="Governance", slug="governance")
    child.save_revision().publish()
    paths = {path for _host, path in purge_server}
    assert {"/about/governance/", "/about/", "/", "/events.ics"} <= paths
    assert all(host == "localhost" for host, _path in purge_server)


def test_a_move_purges_the_old_address_too(purge_server, about, home_page):
    other = ContentPageFactory(parent=home_page, title="Elsewhere", slug="elsewhere")
    purge_server.clear()
    Page.objects.get(pk=about.pk).move(other, pos="last-child")
    paths = {path for _host, path in purge_server}
    assert {"/about/", "/elsewhere/about/", "/elsewhere/"} <= paths


def test_deleting_a_live_page_purges_it(purge_server, about):
    purge_server.clear()
    Page.objects.get(pk=about.pk).delete()
    assert "/about/" in {path for _host, path in purge_server}


def test_a_worker_serves_hits_from_its_own_memory(client, about, settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_VERSION_TTL = 60
    assert client.get("/about/")["X-Cache"] == "MISS"
    cache.clear()  # the shared cache (Redis) forgets everything
    assert client.get("/about/")["X-Cache"] == "HIT"


def test_another_workers_publish_is_seen_once_the_version_ttl_has_passed(
    client, about, settings
):
    from django.core.cache import cache

    from caching.version import CONTENT_VERSION_KEY, forget_content_version

    settings.PAGE_CACHE_VERSION_TTL = 60
    client.get("/about/")
    # Another worker publishes: only the shared version changes.
    cache.set(CONTENT_VERSION_KEY, content_version() + 1)
    assert client.get("/about/")["X-Cache"] == "HIT"  # within the TTL
    forget_content_version()  # the TTL has passed
    assert client.get("/about/")["X-Cache"] == "MISS"


def test_a_publish_in_this_worker_is_seen_at_once_whatever_the_ttl(
    client, about, settings
):
    settings.PAGE_CACHE_VERSION_TTL = 60
    client.get("/about/")
    about.title = "Renamed at once"
    about.save_revision().publish()
    assert "Renamed at once" in client.get("/about/").content.decode()
