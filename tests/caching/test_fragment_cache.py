"""Cached menus, breadcrumbs and footers follow every content change."""

import pytest
from django.db import transaction
from wagtail.models import Page

from caching import version as cache_module
from caching.version import bump_content_version, content_version
from core.models import ProgramSettings
from tests.factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


def menu(client, url="/"):
    html = client.get(url).content.decode()
    start = html.index('aria-label="Main"')
    return html[start : html.index("</nav>", start)]


def test_menu_follows_publish_and_unpublish(client, home_page):
    about = ContentPageFactory(parent=home_page, title="About us", show_in_menus=True)
    about.save_revision().publish()
    assert "About us" in menu(client)

    about.unpublish()
    assert "About us" not in menu(client)

    news = ContentPageFactory(
        parent=home_page, title="News", show_in_menus=True, live=False
    )
    assert "News" not in menu(client)
    news.save_revision().publish()
    assert "News" in menu(client)


def test_menu_follows_delete(client, home_page):
    about = ContentPageFactory(parent=home_page, title="About us", show_in_menus=True)
    about.save_revision().publish()
    assert "About us" in menu(client)
    Page.objects.get(pk=about.pk).delete()
    assert "About us" not in menu(client)


def test_breadcrumbs_follow_a_move(client, home_page):
    first = ContentPageFactory(parent=home_page, title="First section", slug="first")
    second = ContentPageFactory(parent=home_page, title="Second section", slug="second")
    child = ContentPageFactory(parent=first, title="Child", slug="child")
    child.save_revision().publish()
    assert "First section" in client.get("/first/child/").content.decode()

    child.move(second, pos="last-child")
    html = client.get("/second/child/").content.decode()
    assert "Second section" in html
    assert "First section" not in html


def test_footer_follows_site_settings(client, home_page):
    client.get("/")
    program = ProgramSettings.for_site(home_page.get_site())
    program.footer_text = "A brand new footer sentence."
    program.save()
    assert "A brand new footer sentence." in client.get("/").content.decode()


def test_cached_fragments_save_queries_on_repeat_visits(
    client, home_page, django_assert_max_num_queries
):
    ContentPageFactory(parent=home_page, title="About us", show_in_menus=True)
    client.get("/")
    with django_assert_max_num_queries(8):
        client.get("/")


def test_a_visitors_first_page_view_writes_nothing(client, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert not ProgramSettings.objects.exists()


def test_home_sections_follow_partner_edits(client, home_page):
    from tests.factories.people import PartnerFactory

    partner = PartnerFactory(name="MCNC")
    assert "MCNC" in client.get("/").content.decode()
    partner.name = "MCNC (North Carolina's research and education network)"
    partner.save()
    assert "research and education network" in client.get("/").content.decode()


def test_the_version_moves_again_when_the_publish_commits(
    home_page, django_capture_on_commit_callbacks
):
    """A request served between the publish's first bump and its commit reads the
    old rows; the bump on commit retires what it may have cached."""
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        transaction.atomic(),
    ):
        bump_content_version()
        during = content_version()
    assert len(callbacks) == 1
    assert content_version() != during


def test_a_change_to_the_site_moves_the_version(home_page):
    """Hostname, port and root page are in every cached link and menu."""
    before = content_version()
    site = home_page.get_site()
    site.hostname = "cecto.example.org"
    site.save()
    assert content_version() != before


def test_a_request_reads_the_version_once_however_many_fragments_key_on_it(
    client, home_page, monkeypatch
):
    """Menus, breadcrumbs, footer and cards all key on the version: one round trip
    to the cache per request, and the next request reads it afresh."""
    about = ContentPageFactory(parent=home_page, title="About us", show_in_menus=True)
    about.save_revision().publish()
    client.get(about.url)
    reads = []
    real_get = cache_module.cache.get

    def counting_get(key, *args, **kwargs):
        if key == cache_module.CONTENT_VERSION_KEY:
            reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache_module.cache, "get", counting_get)
    client.get(about.url)
    assert len(reads) == 1
    client.get(about.url)
    assert len(reads) == 2
    # Outside a request nothing is kept: a change elsewhere is seen at once.
    content_version()
    content_version()
    assert len(reads) == 4
